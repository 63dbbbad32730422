import type { PrismaClient } from '@/lib/generated/prisma/client';
import { interviewChannel } from '@/lib/protocol/room';
import { ok, type TResult } from '@/lib/result';
import { useCaseContext } from '@/lib/use-cases/context';
import { applyTimerCommand, type TTimerOutcome } from '@/lib/use-cases/timer';
import { onInterviewCommand } from './handle';
import type { TRealtimeServer, TRealtimeSocket } from './types';

export type TTimerDeps = {
  prisma: PrismaClient;
  /** After the interview ends (through the timer or "End interview"): the board becomes read-only. */
  onInterviewEnded: (interviewId: string) => Promise<void> | void;
  /** The server clock; the same one `clock:sync` answers with, or clients would disagree. */
  now?: () => number;
};

/** Runs one `{ interviewId, command }` for a user: the use case parses it. */
export type TTimerCommandRunner = (userId: string, interviewId: string, input: unknown) => Promise<TResult<TTimerOutcome>>;

/**
 * The one path every timer and lifecycle command takes: apply and store, then tell the room.
 * `interview:start` / `interview:end` (room-handlers.ts) run through it too.
 */
export function timerCommandRunner(io: TRealtimeServer, deps: TTimerDeps): TTimerCommandRunner {
  const now = deps.now ?? Date.now;
  return async (userId, interviewId, input) => {
    const result = await applyTimerCommand(useCaseContext(deps.prisma, userId, now()), input);
    if (!result.ok || !result.data.changed) return result;
    const { state, status, statusChanged, callLink } = result.data;
    const channel = io.to(interviewChannel(interviewId));
    channel.emit('timer:state', { interviewId, state });
    if (statusChanged) {
      if (status === 'ended') await deps.onInterviewEnded(interviewId);
      channel.emit('room:updated', { interviewId, status, callLink });
    }
    return result;
  };
}

/** `timer:command` of one socket. Membership and role are checked per command, from the database. */
export function attachTimerHandlers(io: TRealtimeServer, socket: TRealtimeSocket, deps: TTimerDeps): void {
  const run = timerCommandRunner(io, deps);
  const userId = socket.data.user.id;
  onInterviewCommand(socket, 'timer:command', async (input, interviewId) => {
    const result = await run(userId, interviewId, input);
    if (!result.ok) return result;
    return ok({ state: result.data.state, changed: result.data.changed });
  });
}
