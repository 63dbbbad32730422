import { z } from 'zod';
import type { Role } from '@/lib/generated/prisma/enums';
import { ZCallLink, ZChatText, type TInterviewStatus } from '@/lib/domain/interview';
import type { TTimerState } from '@/lib/domain/phase-timer';
import type { TRecordingState } from '@/lib/domain/recording';
import type { TRevealedHint } from '@/lib/domain/guide';
import type { TInterviewerGuide } from './guide';
import { ZInterviewId } from './ids';
import type { TAck } from './index';

// Room events: joining an interview's room, presence, chat, call link, lifecycle and invite.
// Every payload names the interview; the server checks the caller's stored role for it.

export const ZRoomRef = z.strictObject({ interviewId: ZInterviewId });
// These schemas are the use cases' inputs too (lib/use-cases/room-actions.ts): parsed once, there.
export const ZChatSend = z.strictObject({ interviewId: ZInterviewId, text: ZChatText });
export const ZCallLinkSet = z.strictObject({ interviewId: ZInterviewId, callLink: ZCallLink });
export const ZInviteManage = z.strictObject({ interviewId: ZInterviewId, action: z.enum(['regenerate', 'revoke']) });

export type TChatMessage = { id: string; at: number; authorId: string | null; text: string };

export type TRoomParticipant = { userId: string; name: string; role: Role };

/** What a participant's room page starts from. The candidate's view never holds the guide. */
export type TRoomView = {
  interviewId: string;
  title: string;
  statement: string;
  kind: 'concept' | 'design';
  level: 'L4' | 'L5';
  status: TInterviewStatus;
  durationMinutes: number;
  scheduledAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  callLink: string | null;
  me: { userId: string; role: Role };
  participants: TRoomParticipant[];
  chat: TChatMessage[];
  /** Interviewer only. */
  inviteToken: string | null;
  /** Both roles: the hints the interviewer revealed (text included), in the order revealed. */
  revealedHints: TRevealedHint[];
  /**
   * Interviewer only, null for the candidate: the guide (key points, follow-ups, the whole hint
   * ladder, L4/L5 answers), the ticked key points and the private notes. Built here on the
   * server by stored role, because whatever a page hands its client component is in the HTML.
   */
  guide: TInterviewerGuide | null;
  /** A half of a peer swap: which, and the other half's interview (roles swapped). */
  swap: { half: number; otherHalfId: string | null } | null;
};

/** The live part of a room, sent on join and after reconnects. */
export type TRoomLive = {
  interviewId: string;
  status: TInterviewStatus;
  callLink: string | null;
  participants: TRoomParticipant[];
  /** User ids with at least one connected tab (two tabs of one person count once). */
  online: string[];
  chat: TChatMessage[];
  /** The phase timer as stored, so a late joiner or a reconnecting tab shows the same clock; null before the first join. */
  timer: TTimerState | null;
  /** The latest recording proposal and its consent (null: none), lib/protocol/recording.ts. */
  recording: TRecordingState | null;
};

export type RoomClientToServerEvents = {
  'room:join': (input: z.infer<typeof ZRoomRef>, ack: TAck<TRoomLive>) => void;
  'room:leave': (input: z.infer<typeof ZRoomRef>) => void;
  'chat:send': (input: z.infer<typeof ZChatSend>, ack: TAck<TChatMessage>) => void;
  'room:set-call-link': (input: z.infer<typeof ZCallLinkSet>, ack: TAck<{ callLink: string | null }>) => void;
  'interview:start': (input: z.infer<typeof ZRoomRef>, ack: TAck<{ status: TInterviewStatus }>) => void;
  'interview:end': (input: z.infer<typeof ZRoomRef>, ack: TAck<{ status: TInterviewStatus }>) => void;
  'invite:manage': (input: z.infer<typeof ZInviteManage>, ack: TAck<{ inviteToken: string | null }>) => void;
};

export type RoomServerToClientEvents = {
  'room:presence': (payload: { interviewId: string; online: string[] }) => void;
  'room:participants': (payload: { interviewId: string; participants: TRoomParticipant[] }) => void;
  'room:updated': (payload: { interviewId: string; status: TInterviewStatus; callLink: string | null }) => void;
  'chat:message': (payload: { interviewId: string; message: TChatMessage }) => void;
};

export const interviewChannel = (interviewId: string) => `interview:${interviewId}`;
