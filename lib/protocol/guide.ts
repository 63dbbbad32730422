import { z } from 'zod';
import type { TRevealedHint } from '@/lib/domain/guide';
import { ZCheckKeyPointInput } from '@/lib/use-cases/check-key-point';
import { ZDeleteNoteInput } from '@/lib/use-cases/delete-note';
import type { TGuideSync, TNote } from '@/lib/use-cases/interviewer-guide';
import { ZRevealHintInput } from '@/lib/use-cases/reveal-hint';
import { ZSaveNoteInput } from '@/lib/use-cases/save-note';
import { ZInterviewId } from './ids';
import type { TAck } from './index';

// Guide events: the hint ladder, the key-point checklist and the interviewer's private notes.
//
// The one rule: nothing from the guide or the notes is ever sent to the interview's channel
// (the candidate is in it). `hint:revealed` carries only hints already revealed; every other
// answer goes through the caller's ack and to the interviewer's own other tabs (userChannel).
// Roles come from the database for every command, never from the payload.

const withInterview = <T extends z.ZodRawShape>(schema: z.ZodObject<T>) => schema.extend({ interviewId: ZInterviewId });

export const ZGuideRef = z.strictObject({ interviewId: ZInterviewId });
export const ZHintReveal = withInterview(ZRevealHintInput);
export const ZGuideCheck = withInterview(ZCheckKeyPointInput);
export const ZNoteSave = withInterview(ZSaveNoteInput);
export const ZNoteDelete = withInterview(ZDeleteNoteInput);

export type GuideClientToServerEvents = {
  /** Any participant: the revealed hints, plus the checklist and notes for the interviewer. */
  'guide:sync': (input: z.infer<typeof ZGuideRef>, ack: TAck<TGuideSync>) => void;
  /** Interviewer only. Everyone in the room then gets `hint:revealed`. */
  'hint:reveal': (input: z.infer<typeof ZHintReveal>, ack: TAck<{ hints: TRevealedHint[] }>) => void;
  /** Interviewer only: sets one key point's tick. */
  'guide:check': (input: z.infer<typeof ZGuideCheck>, ack: TAck<{ checkedKeyPoints: number[] }>) => void;
  /** Interviewer only: creates a note (no id) or rewrites one. */
  'note:save': (input: z.infer<typeof ZNoteSave>, ack: TAck<TNote>) => void;
  /** Interviewer only. */
  'note:delete': (input: z.infer<typeof ZNoteDelete>, ack: TAck<{ id: string }>) => void;
};

export type GuideServerToClientEvents = {
  /** To the whole room: every hint revealed so far (text included), in the order revealed. */
  'hint:revealed': (payload: { interviewId: string; hints: TRevealedHint[] }) => void;
  /** To the interviewer's other tabs only. */
  'guide:checked': (payload: { interviewId: string; checkedKeyPoints: number[] }) => void;
  /** To the interviewer's other tabs only. */
  'note:saved': (payload: { interviewId: string; note: TNote }) => void;
  /** To the interviewer's other tabs only. */
  'note:deleted': (payload: { interviewId: string; noteId: string }) => void;
};

/**
 * Every socket of a user, in any interview (joined on connection by server/realtime/index.ts
 * under this same name). Private guide state travels only here.
 */
export const userChannel = (userId: string) => `user:${userId}`;
