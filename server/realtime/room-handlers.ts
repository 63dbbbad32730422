import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { KeyedBuckets } from '@/lib/domain/token-bucket';
import { interviewChannel, ZChatSend, ZRoomRef } from '@/lib/protocol/room';
import { fail, fromZodError, ok } from '@/lib/result';
import { useCaseContext } from '@/lib/use-cases/context';
import { joinRoom, manageInvite, postChatMessage, setCallLink } from '@/lib/use-cases/room-actions';
import type { PresenceTracker } from './presence';
import { onCommand, onInterviewCommand } from './handle';
import { timerCommandRunner } from './timer-handlers';
import type { TRealtimeServer, TRealtimeSocket } from './types';

export type TRoomDeps = {
  prisma: PrismaClient;
  presence: PresenceTracker;
  /** After "End interview": make the board read-only for everyone, connected or not. */
  onInterviewEnded: (interviewId: string) => Promise<void> | void;
  /** The server clock, shared with `clock:sync` and the timer. */
  now?: () => number;
  /** Chat budget per user and interview, shared by all of the user's sockets. */
  chatBudget: KeyedBuckets;
};

const NOT_JOINED = 'Join the room first.';

/**
 * Room events of one socket: join/leave with presence, chat, call link, lifecycle, invite. The
 * use cases parse the payloads and read the database; this file keeps the socket's rooms,
 * presence and budgets, and decides who hears about a change.
 */
export function attachRoomHandlers(io: TRealtimeServer, socket: TRealtimeSocket, deps: TRoomDeps): void {
  const { presence } = deps;
  const now = deps.now ?? Date.now;
  const userId = socket.data.user.id;
  const ctx = () => useCaseContext(deps.prisma, userId, now());
  const joined = new Set<string>();

  const broadcastPresence = (interviewId: string) =>
    io.to(interviewChannel(interviewId)).emit('room:presence', { interviewId, online: presence.online(interviewId) });

  const leave = (interviewId: string) => {
    if (!joined.delete(interviewId)) return;
    void socket.leave(interviewChannel(interviewId));
    if (presence.remove(interviewId, userId, socket.id)) broadcastPresence(interviewId);
  };

  onInterviewCommand(socket, 'room:join', async (input, interviewId) => {
    const room = await joinRoom(ctx(), input, () => socket.join(interviewChannel(interviewId)));
    if (!room.ok) {
      // Admitted, then the interview vanished while its state was read: out of the channel again.
      if (!joined.has(interviewId)) void socket.leave(interviewChannel(interviewId));
      return room;
    }
    joined.add(interviewId);
    const { participants } = room.data;
    // A candidate who just accepted the invite becomes visible to the interviewer here.
    socket.to(interviewChannel(interviewId)).emit('room:participants', { interviewId, participants });
    if (presence.add(interviewId, userId, socket.id)) broadcastPresence(interviewId);
    return ok({ ...room.data, online: presence.online(interviewId) });
  });

  socket.on('room:leave', (input) => {
    const parsed = ZRoomRef.safeParse(input);
    if (parsed.success) leave(parsed.data.interviewId);
  });

  onInterviewCommand(socket, 'chat:send', async (input, interviewId) => {
    if (!joined.has(interviewId)) return fail('forbidden', NOT_JOINED);
    // Checked before the budget is charged (the use case parses with the same schema): a
    // malformed message is answered invalid_input and costs its author none of their messages.
    const parsed = ZChatSend.safeParse(input);
    if (!parsed.success) return fromZodError(parsed.error);
    if (!deps.chatBudget.take(`${userId}:${interviewId}`, now())) {
      return fail('rate_limited', 'You are sending messages too fast. Wait a moment and try again.');
    }
    const result = await postChatMessage(ctx(), input);
    if (result.ok) io.to(interviewChannel(interviewId)).emit('chat:message', { interviewId, message: result.data });
    return result;
  });

  onInterviewCommand(socket, 'room:set-call-link', async (input, interviewId) => {
    if (!joined.has(interviewId)) return fail('forbidden', NOT_JOINED);
    const result = await setCallLink(ctx(), input);
    if (!result.ok) return result;
    const { callLink, status } = result.data;
    io.to(interviewChannel(interviewId)).emit('room:updated', { interviewId, status, callLink });
    return ok({ callLink });
  });

  // Start and end are the phase timer's start and end: one command path (timer-handlers.ts),
  // which stores, broadcasts timer:state and room:updated, and runs onInterviewEnded.
  const runTimer = timerCommandRunner(io, deps);
  for (const command of ['start', 'end'] as const) {
    onCommand(socket, `interview:${command}`, ZRoomRef, async ({ interviewId }) => {
      const result = await runTimer(userId, interviewId, { interviewId, command: { type: command } });
      return result.ok ? ok({ status: result.data.status }) : result;
    });
  }

  onInterviewCommand(socket, 'invite:manage', (input) => manageInvite(ctx(), input));

  socket.on('disconnect', () => {
    for (const interviewId of [...joined]) leave(interviewId);
  });
}
