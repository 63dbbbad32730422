import { MAX_NOTE_LENGTH } from './guide';
import { ZText } from './text-schema';

// The zod schema of ./guide.ts, apart so that the room's guide panels do not load zod.

/** A note's text; empty is allowed (a note is created on "Add note", then typed into). */
export const ZNoteText = ZText.max(MAX_NOTE_LENGTH, `At most ${MAX_NOTE_LENGTH} characters`);
