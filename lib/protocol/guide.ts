import { z } from 'zod';
import { type TRevealedHint } from '@/lib/domain/guide';
import { ZNoteText } from '@/lib/domain/guide-schema';
import { ZId } from '@/lib/domain/text-schema';
import { ZInterviewId } from './ids';
import type { TAck } from './index';

// Guide events: the hint ladder, the key-point checklist and the interviewer's private notes.
//
// The one rule: nothing from the guide or the notes is ever sent to the interview's channel
// (the candidate is in it). `hint:revealed` carries only hints already revealed; every other
// answer goes through the caller's ack and to the interviewer's own other tabs (userChannel).
// Roles come from the database for every command, never from the payload.

// These schemas are the use cases' inputs too (lib/use-cases/*): each command is parsed once, by
// its use case.

export const ZNoteId = ZId;

export const ZGuideRef = z.strictObject({ interviewId: ZInterviewId });
export const ZHintReveal = z.strictObject({ interviewId: ZInterviewId, index: z.int().min(0).max(99) });
export const ZGuideCheck = z.strictObject({ interviewId: ZInterviewId, index: z.int().min(0).max(99), checked: z.boolean() });
/** Without an id a note is created (stamped with the interview time now); with one it is rewritten. */
export const ZNoteSave = z.strictObject({ interviewId: ZInterviewId, id: ZNoteId.optional(), text: ZNoteText });
export const ZNoteDelete = z.strictObject({ interviewId: ZInterviewId, id: ZNoteId });

/** One private note; `atMs` is interview time (ms since the start). */
export type TNote = { id: string; atMs: number; text: string; updatedAt: number };

/** The interviewer's panels. Never built for the candidate. */
export type TInterviewerGuide = {
  keyPoints: string[];
  followUps: string[];
  /** The whole hint ladder, gentlest first. */
  hints: string[];
  l4Answer: string;
  l5Answer: string;
  checkedKeyPoints: number[];
  notes: TNote[];
};

/** What a tab asks for after (re)connecting: the interviewer part is null for the candidate. */
export type TGuideSync = {
  revealedHints: TRevealedHint[];
  interviewer: { checkedKeyPoints: number[]; notes: TNote[] } | null;
};

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
