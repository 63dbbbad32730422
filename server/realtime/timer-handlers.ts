import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { TTimerCommand } from '@/lib/domain/phase-timer';
import { interviewChannel } from '@/lib/protocol/room';
import { ZTimerCommandInput } from '@/lib/protocol/timer';
import { ok, type TResult } from '@/lib/result';
import { applyTimerCommand, type TTimerOutcome } from '@/lib/use-cases/timer';
import { onCommand } from './handle';
import type { TRealtimeServer, TRealtimeSocket } from './types';

export type TTimerDeps = {
  prisma: PrismaClient;
  /** After the interview ends (through the timer or "End interview"): the board becomes read-only. */
  onInterviewEnded: (interviewId: string) => Promise<void> | void;
  /** The server clock; the same one `clock:sync` answers with, or clients would disagree. */
  now?: () => number;
};

export type TTimerCommandRunner = (userId: string, interviewId: string, command: TTimerCommand) => Promise<TResult<TTimerOutcome>>;

/**
 * The one path every timer and lifecycle command takes: apply and store, then tell the room.
 * `interview:start` / `interview:end` (room-handlers.ts) run through it too.
 */
export function timerCommandRunner(io: TRealtimeServer, deps: TTimerDeps): TTimerCommandRunner {
  const now = deps.now ?? Date.now;
  return async (userId, interviewId, command) => {
    const result = await applyTimerCommand(deps.prisma, userId, interviewId, command, now());
    if (!result.ok || !result.data.changed) return result;
    const { state, status, statusChanged } = result.data;
    const channel = io.to(interviewChannel(interviewId));
    channel.emit('timer:state', { interviewId, state });
    if (statusChanged) {
      if (status === 'ended') await deps.onInterviewEnded(interviewId);
      const row = await deps.prisma.interview.findUniqueOrThrow({ where: { id: interviewId }, select: { callLink: true } });
      channel.emit('room:updated', { interviewId, status, callLink: row.callLink });
    }
    return result;
  };
}

/** `timer:command` of one socket. Membership and role are checked per command, from the database. */
export function attachTimerHandlers(io: TRealtimeServer, socket: TRealtimeSocket, deps: TTimerDeps): void {
  const run = timerCommandRunner(io, deps);
  const userId = socket.data.user.id;
  onCommand(socket, 'timer:command', ZTimerCommandInput, async ({ interviewId, command }) => {
    const result = await run(userId, interviewId, command);
    if (!result.ok) return result;
    return ok({ state: result.data.state, changed: result.data.changed });
  });
}
