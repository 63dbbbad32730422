import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { KeyedBuckets } from '@/lib/domain/token-bucket';
import { interviewChannel, ZCallLinkSet, ZChatSend, ZInviteManage, ZRoomRef } from '@/lib/protocol/room';
import { fail, ok } from '@/lib/result';
import { listParticipants } from '@/lib/use-cases/get-room';
import { roleIn } from '@/lib/use-cases/membership';
import { chatHistory, manageInvite, postChatMessage, setCallLink } from '@/lib/use-cases/room-actions';
import { getTimerState } from '@/lib/use-cases/timer';
import type { PresenceTracker } from './presence';
import { onCommand } from './handle';
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

/** Room events of one socket: join/leave with presence, chat, call link, lifecycle, invite. */
export function attachRoomHandlers(io: TRealtimeServer, socket: TRealtimeSocket, deps: TRoomDeps): void {
  const { prisma, presence } = deps;
  const now = deps.now ?? Date.now;
  const userId = socket.data.user.id;
  const joined = new Set<string>();

  const broadcastPresence = (interviewId: string) =>
    io.to(interviewChannel(interviewId)).emit('room:presence', { interviewId, online: presence.online(interviewId) });

  const leave = (interviewId: string) => {
    if (!joined.delete(interviewId)) return;
    void socket.leave(interviewChannel(interviewId));
    if (presence.remove(interviewId, userId, socket.id)) broadcastPresence(interviewId);
  };

  onCommand(socket, 'room:join', ZRoomRef, async ({ interviewId }) => {
    // Membership is re-checked at every join: the page's check may be minutes old.
    if (!(await roleIn(prisma, interviewId, userId))) return fail('not_found', 'Interview not found.');
    const interview = await prisma.interview.findUniqueOrThrow({
      where: { id: interviewId },
      select: { status: true, callLink: true },
    });
    await socket.join(interviewChannel(interviewId));
    joined.add(interviewId);
    const participants = await listParticipants(prisma, interviewId);
    // A candidate who just accepted the invite becomes visible to the interviewer here.
    socket.to(interviewChannel(interviewId)).emit('room:participants', { interviewId, participants });
    if (presence.add(interviewId, userId, socket.id)) broadcastPresence(interviewId);
    return ok({
      interviewId,
      status: interview.status,
      callLink: interview.callLink,
      participants,
      online: presence.online(interviewId),
      chat: await chatHistory(prisma, interviewId),
      timer: await getTimerState(prisma, interviewId),
    });
  });

  socket.on('room:leave', (input) => {
    const parsed = ZRoomRef.safeParse(input);
    if (parsed.success) leave(parsed.data.interviewId);
  });

  onCommand(socket, 'chat:send', ZChatSend, async ({ interviewId, text }) => {
    if (!joined.has(interviewId)) return fail('forbidden', NOT_JOINED);
    if (!deps.chatBudget.take(`${userId}:${interviewId}`, now())) {
      return fail('rate_limited', 'You are sending messages too fast. Wait a moment and try again.');
    }
    const result = await postChatMessage(prisma, userId, interviewId, text);
    if (result.ok) io.to(interviewChannel(interviewId)).emit('chat:message', { interviewId, message: result.data });
    return result;
  });

  onCommand(socket, 'room:set-call-link', ZCallLinkSet, async ({ interviewId, callLink }) => {
    if (!joined.has(interviewId)) return fail('forbidden', NOT_JOINED);
    const result = await setCallLink(prisma, userId, interviewId, callLink);
    if (result.ok) await broadcastRoom(interviewId);
    return result;
  });

  // Start and end are the phase timer's start and end: one command path (timer-handlers.ts),
  // which stores, broadcasts timer:state and room:updated, and runs onInterviewEnded.
  const runTimer = timerCommandRunner(io, deps);
  for (const command of ['start', 'end'] as const) {
    onCommand(socket, `interview:${command}`, ZRoomRef, async ({ interviewId }) => {
      const result = await runTimer(userId, interviewId, { type: command });
      return result.ok ? ok({ status: result.data.status }) : result;
    });
  }

  onCommand(socket, 'invite:manage', ZInviteManage, ({ interviewId, action }) =>
    manageInvite(prisma, userId, interviewId, action),
  );

  socket.on('disconnect', () => {
    for (const interviewId of [...joined]) leave(interviewId);
  });

  async function broadcastRoom(interviewId: string) {
    const row = await prisma.interview.findUniqueOrThrow({ where: { id: interviewId }, select: { status: true, callLink: true } });
    io.to(interviewChannel(interviewId)).emit('room:updated', { interviewId, status: row.status, callLink: row.callLink });
  }
}
