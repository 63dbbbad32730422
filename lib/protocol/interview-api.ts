import { z } from 'zod';
import { ZFeedbackInput } from '@/lib/domain/feedback-schema';
import { ZScorecardInput } from '@/lib/domain/rubric-schema';
import { ZInterviewId } from './ids';
import { ZNoteId } from './guide';

// Inputs of the interview's HTTP routes as their use cases parse them: the route's JSON body with
// the path's interview id (withInterviewId in lib/auth/route-guard.ts). The browser posts the
// body without the id.

export const ZScorecardSubmit = ZScorecardInput.extend({ interviewId: ZInterviewId });

export const ZFeedbackSubmit = ZFeedbackInput.extend({ interviewId: ZInterviewId });

/** With a noteId, that note is shared or unshared; without one, every note of the interview is. */
export const ZShareNotesInput = z.strictObject({ noteId: ZNoteId.optional(), isShared: z.boolean() });
export type TShareNotesInput = z.infer<typeof ZShareNotesInput>;
export const ZNotesShare = ZShareNotesInput.extend({ interviewId: ZInterviewId });

export type TNoteSharing = { id: string; isShared: boolean };
