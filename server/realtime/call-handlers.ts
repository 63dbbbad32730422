import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { KeyedBuckets } from '@/lib/domain/token-bucket';
import { callChannel, ZCallJoin, ZCallLeave, ZCallSignal } from '@/lib/protocol/call';
import { fail, ok } from '@/lib/result';
import { callAccess, joinCall, type TIceConfig } from '@/lib/use-cases/call';
import { requireRole } from '@/lib/use-cases/access';
import { useCaseContext } from '@/lib/use-cases/context';
import { onCommand } from './handle';
import type { TRealtimeServer, TRealtimeSocket } from './types';

export type TCallDeps = {
  prisma: PrismaClient;
  now: () => number;
  ice: TIceConfig;
  /** Signals per user and interview, whatever the number of sockets (server/realtime/index.ts). */
  signalBudget: KeyedBuckets;
};

const NOT_JOINED = 'Join the call first.';
const NO_PEER = 'Nobody else has a seat in this interview yet.';

/**
 * Call signalling of one socket: the server relays WebRTC offers, answers, candidates and media
 * state between the two participants of an interview and nobody else. Every signal re-checks the
 * sender's seat and that the interview has not ended (the database, not this socket's memory,
 * so an end decided on another process refuses the next signal here too).
 */
export function attachCallHandlers(io: TRealtimeServer, socket: TRealtimeSocket, deps: TCallDeps): void {
  const userId = socket.data.user.id;
  const ctx = () => useCaseContext(deps.prisma, userId, deps.now());
  // Interview → this socket's call session in it.
  const joined = new Map<string, string>();

  onCommand(socket, 'call:join', ZCallJoin, async ({ interviewId, session }) => {
    const result = await joinCall(ctx(), { interviewId }, deps.ice);
    if (!result.ok) return result;
    const mine = callChannel(interviewId, userId);
    // One call per person: their other tabs in this call stop (the newest tab wins).
    socket.to(mine).emit('call:moved', { interviewId, session });
    await socket.join(mine);
    joined.set(interviewId, session);
    const { peerUserId } = result.data;
    if (peerUserId) io.to(callChannel(interviewId, peerUserId)).emit('call:peer-joined', { interviewId, session, fromUserId: userId });
    return result;
  });

  onCommand(socket, 'call:signal', ZCallSignal, async (input) => {
    const { interviewId } = input;
    if (joined.get(interviewId) !== input.from) return fail('forbidden', NOT_JOINED);
    // Charged once the message is well formed (like chat): a malformed one is answered
    // invalid_input and costs nothing here; the socket's flood guard (index.ts) bounds those.
    if (!deps.signalBudget.take(`${userId}:${interviewId}`, deps.now())) {
      return fail('rate_limited', 'Too many call messages at once. The call retries by itself.');
    }
    const access = await callAccess(ctx(), { interviewId });
    if (!access.ok) return access;
    if (!access.data.peerUserId) return fail('conflict', NO_PEER);
    io.to(callChannel(interviewId, access.data.peerUserId)).emit('call:signal', { ...input, fromUserId: userId });
    return ok({ relayed: true as const });
  });

  onCommand(socket, 'call:leave', ZCallLeave, async ({ interviewId, session }) => {
    // Hanging up is allowed after the end too (it only tells the peer); strangers learn nothing.
    const member = await requireRole(ctx(), interviewId);
    if (!member.ok) return member;
    if (joined.get(interviewId) === session) {
      joined.delete(interviewId);
      await socket.leave(callChannel(interviewId, userId));
    }
    const access = await callAccess(ctx(), { interviewId });
    if (access.ok && access.data.peerUserId) io.to(callChannel(interviewId, access.data.peerUserId)).emit('call:peer-left', { interviewId, session, fromUserId: userId });
    return ok({ left: true as const });
  });
}
