import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { createBucket, KeyedBuckets, take, type TBucketLimits } from '@/lib/domain/token-bucket';
import {
  MAX_MESSAGE_BYTES,
  REFUSAL_MESSAGES,
  ZClockSyncInput,
  type TSessionUser,
  type TConnectionRefusal,
} from '@/lib/protocol';
import { isAllowedSocketOrigin } from '@/lib/http';
import { fail, fromZodError, ok } from '@/lib/result';
import { authenticateHandshake } from './authenticate';
import { eventArgs, MALFORMED_ARGUMENTS } from './handle';
import { PresenceTracker } from './presence';
import { userChannel } from '@/lib/protocol/guide';
import { attachBoardHandlers, createBoardJoinLimiter } from './board-handlers';
import type { TRoomRegistry } from '../board/room-registry';
import { attachGuideHandlers } from './guide-handlers';
import { attachCallHandlers } from './call-handlers';
import { attachRecordingHandlers } from './recording-handlers';
import { NO_ICE_SERVERS, type TIceConfig } from '@/lib/use-cases/call';
import { createLoadMonitor, type TLoadMonitor } from './load-monitor';
import { useCaseContext } from '@/lib/use-cases/context';
import { boardAccess } from '@/lib/use-cases/load-board';
import { attachRoomHandlers } from './room-handlers';
import { attachTimerHandlers } from './timer-handlers';
import type { TRealtimeServer } from './types';

export type { TRealtimeServer } from './types';

export type TRealtimeDeps = {
  prisma: PrismaClient;
  authSecret: string;
  secureCookie: boolean;
  /** The app's public URL (AUTH_URL), an origin accepted besides the request's own host. */
  publicUrl?: string;
  now?: () => number;
  /** Budget for our own (non-tldraw) events per socket. */
  eventLimits?: TBucketLimits;
  /** Chat messages per user and interview, whatever the number of sockets. */
  chatLimits?: TBucketLimits;
  onInterviewEnded?: (interviewId: string) => Promise<void> | void;
  /** The live whiteboards (tldraw rooms) of this process. */
  boards: TRoomRegistry;
  /** Open sockets one user may have on this process (tabs). */
  maxSocketsPerUser?: number;
  /** Event-loop stalls and saturation (board budgets, load shedding). Default: a live monitor. */
  load?: TLoadMonitor;
  /** socket.io's adapter; several processes share broadcasts through Redis (server/cluster). */
  adapter?: ServerOptions['adapter'];
  /** STUN/TURN for the in-room call (lib/env.ts); default: none (local use). */
  ice?: TIceConfig;
  /** Call signals per user and interview, after parsing (offers, answers, candidates). */
  callSignalLimits?: TBucketLimits;
  /** Every event received (metrics): whiteboard sync frames, or the app's own events. */
  onEvent?: (kind: 'board' | 'app') => void;
};

/**
 * One socket per tab. A dozen tabs is far more than a person uses (room, dashboard, review), and
 * each socket can hold a whole board in its send buffer, so the number per user is bounded.
 */
export const MAX_SOCKETS_PER_USER = 12;

// Our own events are human actions (timer, chat, hints): 20 in a burst, 5 per second sustained
// is far above what a person does and far below what a script can flood.
export const DEFAULT_EVENT_LIMITS: TBucketLimits = { capacity: 20, refillPerSecond: 5 };

// Chat per person and interview, over all their tabs: a burst of 10 (a few quick lines), then one
// message a second, which nobody types faster than for long.
export const DEFAULT_CHAT_LIMITS: TBucketLimits = { capacity: 10, refillPerSecond: 1 };

// A call's setup is a burst: an offer, an answer and a candidate per network path on each side,
// again at every renegotiation (camera on) or ICE restart. 60 at once, 10 a second after that.
export const DEFAULT_CALL_SIGNAL_LIMITS: TBucketLimits = { capacity: 60, refillPerSecond: 10 };
// Per socket, before parsing: a flood guard for call:signal, which the action budget above does
// not cover (a call's burst would exhaust it).
const CALL_SIGNAL_FLOOD_LIMITS: TBucketLimits = { capacity: 200, refillPerSecond: 50 };

const sessionRoom = (sessionId: string) => `session:${sessionId}`;

export function createRealtimeServer(httpServer: HttpServer, deps: TRealtimeDeps) {
  const now = deps.now ?? Date.now;
  const eventLimits = deps.eventLimits ?? DEFAULT_EVENT_LIMITS;
  const io: TRealtimeServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_MESSAGE_BYTES,
    // Same-origin only: the app and socket.io share one origin. No CORS headers, and a handshake
    // a browser sends from another origin is refused before any session is looked at.
    cors: undefined,
    allowRequest: (req, callback) => callback(null, isAllowedSocketOrigin(req.headers, deps.publicUrl)),
    serveClient: false,
    connectionStateRecovery: undefined,
    ...(deps.adapter ? { adapter: deps.adapter } : {}),
  });

  const socketsPerUser = new Map<string, number>();
  const maxSocketsPerUser = deps.maxSocketsPerUser ?? MAX_SOCKETS_PER_USER;
  const userJoins = createBoardJoinLimiter();
  const load = deps.load ?? createLoadMonitor();

  io.use(async (socket, next) => {
    try {
      const result = await authenticateHandshake(socket.request.headers, socket.handshake.auth, {
        prisma: deps.prisma,
        secret: deps.authSecret,
        secureCookie: deps.secureCookie,
      });
      if (!result.ok) return next(refusal(result.reason));
      const userId = result.user.id;
      const count = socketsPerUser.get(userId) ?? 0;
      if (count >= maxSocketsPerUser) return next(refusal('too_many_connections'));
      // Counted here, before the connection event, so that simultaneous handshakes cannot all
      // slip under the limit; released once when this socket goes, however it goes (a socket
      // that never finished connecting has no disconnect event, but its transport closes).
      socketsPerUser.set(userId, count + 1);
      let isReleased = false;
      const release = () => {
        if (isReleased) return;
        isReleased = true;
        const left = (socketsPerUser.get(userId) ?? 1) - 1;
        if (left > 0) socketsPerUser.set(userId, left);
        else socketsPerUser.delete(userId);
      };
      socket.once('disconnect', release);
      socket.conn.once('close', release);
      socket.data.user = result.user;
      socket.data.sessionId = result.sessionId;
      next();
    } catch (error) {
      console.error('[realtime] handshake failed', error);
      next(new Error('internal'));
    }
  });

  const presence = new PresenceTracker();
  const chatBudget = new KeyedBuckets(deps.chatLimits ?? DEFAULT_CHAT_LIMITS);
  const onInterviewEnded = deps.onInterviewEnded ?? (() => undefined);
  const callSignalBudget = new KeyedBuckets(deps.callSignalLimits ?? DEFAULT_CALL_SIGNAL_LIMITS);

  io.on('connection', (socket) => {
    void socket.join([userChannel(socket.data.user.id), sessionRoom(socket.data.sessionId)]);
    const bucket = createBucket(eventLimits, now());
    const signalFlood = createBucket(CALL_SIGNAL_FLOOD_LIMITS, now());

    socket.use((packet, next) => {
      // tldraw sync frames have their own, larger budgets (attachBoardHandlers): cursors alone
      // send ~30 messages/s.
      const isBoardFrame = packet[0] === 'board:message';
      deps.onEvent?.(isBoardFrame ? 'board' : 'app');
      if (isBoardFrame) return next();
      const isCallSignal = packet[0] === 'call:signal';
      if (isCallSignal ? take(signalFlood, CALL_SIGNAL_FLOOD_LIMITS, now()) : take(bucket, eventLimits, now())) return next();
      // Refused, not fatal: answer the ack (if any) and drop the event; the socket stays open.
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function') ack(fail('rate_limited', 'Too many actions at once. Slow down and try again.'));
    });

    attachRoomHandlers(io, socket, {
      prisma: deps.prisma,
      presence,
      onInterviewEnded,
      now,
      chatBudget,
    });
    attachTimerHandlers(io, socket, { prisma: deps.prisma, onInterviewEnded, now });
    attachGuideHandlers(io, socket, { prisma: deps.prisma, now });
    attachCallHandlers(io, socket, { prisma: deps.prisma, now, ice: deps.ice ?? NO_ICE_SERVERS, signalBudget: callSignalBudget });
    attachRecordingHandlers(io, socket, { prisma: deps.prisma, now });
    attachBoardHandlers(socket, {
      registry: deps.boards,
      userJoins,
      load,
      // Participants only; an ended interview's board is read-only for everyone.
      authorize: async (interviewId, userId) => {
        const access = await boardAccess(useCaseContext(deps.prisma, userId, now()), { interviewId });
        return access.ok ? { ok: true, isReadonly: access.data.isReadonly } : { ok: false };
      },
    });

    // Typed for well-behaved clients; what arrives is checked (eventArgs) like every command.
    const onRaw = (socket as unknown as { on: (event: string, listener: (...args: unknown[]) => void) => void }).on.bind(socket);
    onRaw('session:whoami', (...args) => {
      const { ack, isWellFormed } = eventArgs<TSessionUser>(args, 0);
      if (!ack) return;
      ack(isWellFormed ? ok(socket.data.user) : fail('invalid_input', 'This event takes no payload.'));
    });

    onRaw('clock:sync', (...args) => {
      const { ack, payload, isWellFormed } = eventArgs<{ clientSentAt: number; serverTime: number }>(args, 1);
      if (!ack) return;
      if (!isWellFormed) return ack(fail('invalid_input', MALFORMED_ARGUMENTS));
      const parsed = ZClockSyncInput.safeParse(payload);
      if (!parsed.success) return ack(fromZodError(parsed.error));
      ack(ok({ clientSentAt: parsed.data.clientSentAt, serverTime: now() }));
    });
  });

  const end = (room: string, reason: TConnectionRefusal) => {
    io.to(room).emit('session:ended', { reason, message: REFUSAL_MESSAGES[reason] });
    io.in(room).disconnectSockets(true);
  };

  return {
    io,
    presence,
    disconnectSession: (sessionId: string, reason: TConnectionRefusal) => end(sessionRoom(sessionId), reason),
    disconnectUser: (userId: string, reason: TConnectionRefusal) => end(userChannel(userId), reason),
    notifyLobbyChanged: (userIds: readonly string[]) => {
      if (userIds.length > 0) io.to(userIds.map(userChannel)).emit('lobby:changed');
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!deps.load) load.stop();
        void io.close(() => resolve());
      }),
  };
}

function refusal(reason: TConnectionRefusal): Error & { data: { reason: TConnectionRefusal; message: string } } {
  return Object.assign(new Error(reason), { data: { reason, message: REFUSAL_MESSAGES[reason] } });
}

