import { z } from 'zod';
import { type TTimerState } from '@/lib/domain/phase-timer';
import { ZTimerCommand } from '@/lib/domain/phase-timer-schema';
import type { TAck } from './index';
import { ZRoomRef } from './room';

// Phase timer events. The interviewer sends commands; the server applies them to the stored
// state and broadcasts the whole (small) state with its version to the interview's channel.
// "interview:start" / "interview:end" (room.ts) are the same commands under their room names.

export const ZTimerCommandInput = ZRoomRef.extend({ command: ZTimerCommand });

export type TTimerCommandResult = { state: TTimerState; changed: boolean };

export type TimerClientToServerEvents = {
  /** Interviewer only: start, pause, resume, extend (+1/+5 min), next, previous, end. */
  'timer:command': (input: z.infer<typeof ZTimerCommandInput>, ack: TAck<TTimerCommandResult>) => void;
};

export type TimerServerToClientEvents = {
  /**
   * After every accepted command, to everyone in the room. Deadlines are server epoch ms: render
   * with the clock offset measured through `clock:sync`. Drop a state older than the one held.
   */
  'timer:state': (payload: { interviewId: string; state: TTimerState }) => void;
};
