import { jsonRoute, withInterviewId } from '@/lib/auth/route-guard';
import { shareNotes } from '@/lib/use-cases/share-notes';

/** Shares the interviewer's notes with the candidate: `{ noteId?, isShared }`; without noteId, all of them. */
export const POST = jsonRoute(({ ctx, id, body }) => shareNotes(ctx!, withInterviewId(body, id)), { requireUser: true });
