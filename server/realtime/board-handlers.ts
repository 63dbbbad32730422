import { randomUUID } from 'node:crypto';
import { createBucket, KeyedBuckets, take, type TBucketLimits } from '@/lib/domain/token-bucket';
import {
  BOARD_AT_CAPACITY_MESSAGE,
  BOARD_LIMITS,
  BOARD_MAX_CHUNKS,
  BOARD_MAX_FRAME_BYTES,
  BOARD_MAX_MESSAGE_BYTES,
  utf8ByteLength,
  ZBoardJoinInput,
  ZBoardLeaveInput,
  type TBoardJoined,
  type TBoardRefusal,
} from '@/lib/protocol/board';
import { fail, fromZodError, ok } from '@/lib/result';
import { notFound } from '@/lib/use-cases/access';
import type { TBoardLog } from '../board/board-room';
import { JsonDepthScanner } from '../board/record-bounds';
import { eventArgs, MALFORMED_ARGUMENTS } from './handle';
import { IDLE_LOAD_MONITOR, type TLoadMonitor } from './load-monitor';
import { MAX_BUFFERED_BYTES, SocketIoBoardSocket, type TBoardServerSocket } from './board-socket';
import { BoardElsewhereError, BoardUnavailableError, type TBoardConnection, type TRoomRegistry } from '../board/room-registry';

export type TBoardAccess = { ok: true; isReadonly: boolean } | { ok: false };

export type TBoardHandlerDeps = {
  registry: TRoomRegistry;
  /** Re-checked at every join: is this user a participant, and may they edit? */
  authorize: (interviewId: string, userId: string) => Promise<TBoardAccess>;
  limits?: TBoardSyncLimits;
  /**
   * `board:join` budget per user, shared by all the user's sockets (each join costs an
   * authorization query and a download of the whole board). From createBoardJoinLimiter.
   */
  userJoins?: KeyedBuckets;
  now?: () => number;
  log?: TBoardLog;
  /**
   * The event loop's stalls and saturation: frame budgets credit the time the server could not
   * read, and while it is saturated new whiteboards are refused (rooms already open go on).
   */
  load?: TLoadMonitor;
};

export type TBoardSyncLimits = {
  /** `board:message` frames per socket. */
  messages: TBucketLimits;
  /** UTF-8 bytes of `board:message` frames per socket. */
  bytes: TBucketLimits;
  /** `board:join` per socket: each one costs an authorization query and a full document download. */
  joins: TBucketLimits;
  /** `board:join` per user, across all of the user's sockets. */
  userJoins: TBucketLimits;
  /** Invalid frames tolerated per board session before the server closes it. */
  maxInvalidFrames: number;
  /** Bytes held for a socket that does not read before its connection is dropped. */
  maxBufferedBytes: number;
};

/*
 * What tldraw 5.4.2 really sends, client to server. Measured with bench/board-sync.bench.ts:
 * two Node TLSyncClients over this transport, tldraw's network throttle on (60 Hz rAF), input
 * replayed at 60, 120 and 240 pointer events/s (same results at all three):
 *
 *   scenario                          msg/s   bytes/s   bytes/msg (avg / max)
 *   idle                               0.2        3         15   (a ping every 5 s)
 *   cursor movement                   30       5.4 K       180 / 183
 *   freehand stroke (+ cursor)        29.5    10 K         340 / 640  (points appended to a path)
 *   dragging 20 shapes (+ cursor)     29.5    40 K       1.4 K / 1.7 K
 *   dragging 100 shapes (+ cursor)    28     173 K       6.2 K / 7.7 K
 *   pasting 200 shapes                one 96 KB message (3 frames)
 *
 * Why the message rate is flat: TLSyncClient merges every change and presence update of a
 * network frame into one `push`, throttled to 30 fps while someone else is in the room (1 fps
 * alone) with a 29.7 ms minimum gap, so 33.7/s is the ceiling on any display; plus a `ping`
 * every 5 s, and a `connect` after each join. Bytes grow with how many shapes move at once.
 *
 * Limits, per socket:
 * - messages: 60/s sustained (2x the ceiling) with a 180 burst (3 s at the ceiling; a
 *   reconnect sends connect + a catch-up push; a maximum paste is 32 frames at once);
 * - bytes: 256 KiB/s sustained (dragging ~150 shapes at once, 1.5x the 100-shape rate), and a
 *   burst that holds the largest message (BOARD_MAX_MESSAGE_BYTES, 4 MiB) plus headroom, so a
 *   big paste is never cut in the middle of its chunks.
 * A flood past them is dropped frame by frame; tldraw never sees it.
 */
export const DEFAULT_BOARD_SYNC_LIMITS: TBoardSyncLimits = {
  messages: { capacity: 180, refillPerSecond: 60 },
  bytes: { capacity: BOARD_MAX_MESSAGE_BYTES + 256 * 1024, refillPerSecond: 256 * 1024 },
  joins: { capacity: 5, refillPerSecond: 0.5 },
  // A person with the room open in a few tabs that all reconnect after a server restart.
  userJoins: { capacity: 12, refillPerSecond: 0.5 },
  maxInvalidFrames: 20,
  maxBufferedBytes: MAX_BUFFERED_BYTES,
};

/** One `board:join` budget per user for a whole server (pass it to every socket's handlers). */
export function createBoardJoinLimiter(limits: TBoardSyncLimits = DEFAULT_BOARD_SYNC_LIMITS): KeyedBuckets {
  return new KeyedBuckets(limits.userJoins);
}

const CONSOLE_LOG: TBoardLog = {
  warn: (message, ...details) => console.warn(message, ...details),
  error: (message, ...details) => console.error(message, ...details),
};

// A frame is either a whole protocol message (a JSON object) or one chunk of a bigger one,
// "<chunks remaining>_<text>" (tldraw's chunk format).
const CHUNK_PREFIX = /^(\d{1,3})_/;
const CLIENT_MESSAGE_TYPES = new Set(['connect', 'push', 'ping']);

type TBinding = {
  interviewId: string;
  sessionId: string;
  socket: SocketIoBoardSocket;
  connection: TBoardConnection;
  invalidFrames: number;
  /** Nesting depth of the message being received, across its chunks. */
  depth: JsonDepthScanner;
};

type TUntypedSocket = { on: (event: string, listener: (...args: unknown[]) => void) => unknown };

/**
 * Registers `board:join`, `board:message`, `board:leave` and the disconnect cleanup on one
 * socket. One board session per socket at a time; a new join replaces the previous one.
 * Sync frames have their own token buckets (messages and bytes), separate from the app's event
 * budget: the app's `socket.use` limiter must let `board:message` through untouched.
 */
export function attachBoardHandlers(socket: TBoardServerSocket, deps: TBoardHandlerDeps): void {
  const limits = deps.limits ?? DEFAULT_BOARD_SYNC_LIMITS;
  const now = deps.now ?? Date.now;
  const log = deps.log ?? CONSOLE_LOG;
  const messageBucket = createBucket(limits.messages, now());
  const byteBucket = createBucket(limits.bytes, now());
  const joinBucket = createBucket(limits.joins, now());
  const load = deps.load ?? IDLE_LOAD_MONITOR;
  let stallMark = load.stalledMs();
  const on = (socket as unknown as TUntypedSocket).on.bind(socket);

  let binding: TBinding | undefined;
  let isJoining = false;
  let lastRefusalAt = -Infinity;

  // The client ends its session: on purpose (leave, rejoin) or because its socket closed.
  const detach = (how: 'leave' | 'disconnect') => {
    const current = binding;
    if (!current) return;
    binding = undefined;
    current.socket.markClosedByClient();
    if (how === 'leave') current.connection.leave();
    else current.connection.disconnect();
  };

  // Refusals are notices for debugging, not acknowledgements: at most one a second, so a
  // flood is not answered with a flood.
  const refuse = (code: TBoardRefusal['code'], message: string) => {
    const at = now();
    if (at - lastRefusalAt < 1000) return;
    lastRefusalAt = at;
    socket.emit('board:refused', { code, message });
  };

  const refuseInvalid = (current: TBinding, code: TBoardRefusal['code'], message: string) => {
    refuse(code, message);
    current.invalidFrames++;
    if (current.invalidFrames > limits.maxInvalidFrames) current.connection.close('invalid_message');
  };

  on('board:join', async (...args: unknown[]) => {
    const { ack = () => undefined, payload, isWellFormed } = eventArgs<TBoardJoined>(args, 1);
    if (!isWellFormed) return ack(fail('invalid_input', MALFORMED_ARGUMENTS));
    // Parsed before the join budgets are charged: a malformed request opens nothing, so it is
    // answered for what it is (the socket's event budget still bounds a flood of them).
    const parsed = ZBoardJoinInput.safeParse(payload);
    if (!parsed.success) return ack(fromZodError(parsed.error));
    if (!take(joinBucket, limits.joins, now()) || (deps.userJoins && !deps.userJoins.take(socket.data.user.id, now()))) {
      return ack(fail('rate_limited', 'Too many attempts to open the whiteboard. Wait a moment.'));
    }
    if (isJoining) return ack(fail('conflict', 'The whiteboard is already opening.'));
    const { interviewId } = parsed.data;
    // Load shedding: past saturation a new room would slow every open one; it is refused, visibly,
    // and the client tries again later (rate_limited pauses its retries).
    if (load.isSaturated() && !deps.registry.get(interviewId)) {
      return ack(fail('rate_limited', BOARD_AT_CAPACITY_MESSAGE));
    }
    isJoining = true;
    try {
      const access = await deps.authorize(interviewId, socket.data.user.id);
      if (!access.ok) return ack(notFound());
      if (!socket.connected) return;
      detach('leave');
      // Issued here, never taken from the client: tldraw trusts the session id, and a chosen
      // one could take over another user's session and presence.
      const sessionId = randomUUID();
      const boardSocket = new SocketIoBoardSocket(socket, sessionId, limits.maxBufferedBytes, () => {
        if (binding?.sessionId === sessionId) binding = undefined;
      });
      const connection = await deps.registry.connect(interviewId, {
        sessionId,
        socket: boardSocket,
        isReadonly: access.isReadonly,
        meta: { userId: socket.data.user.id, userName: socket.data.user.name },
      });
      if (!socket.connected) {
        // Disconnected while the room was loading: nothing will ever close this session.
        boardSocket.markClosedByClient();
        connection.leave();
        return;
      }
      // Closed by the server in the meantime (shutdown): its board:closed went out before this
      // answer, so the client would wait on a dead session. Let it retry instead.
      if (boardSocket.readyState !== 1) throw new BoardUnavailableError();
      binding = { interviewId, sessionId, socket: boardSocket, connection, invalidFrames: 0, depth: new JsonDepthScanner(BOARD_LIMITS.maxMessageDepth) };
      ack(ok({ sessionId, isReadonly: connection.isReadonly }));
    } catch (error) {
      if (error instanceof BoardElsewhereError) {
        // Another process serves this board: reconnect through the proxy (which routes this
        // interview to one process) rather than rejoin here.
        ack(fail('internal', 'The whiteboard is on another server. It reconnects in a moment.'));
        const conn = socket.conn as unknown as { close(discard?: boolean): void };
        queueMicrotask(() => conn.close(false));
        return;
      }
      if (error instanceof BoardUnavailableError) {
        return ack(fail('internal', 'The whiteboard is restarting. It reconnects in a moment.'));
      }
      log.error('[board] join failed', error);
      ack(fail('internal', 'Something went wrong on our side. Try again.'));
    } finally {
      isJoining = false;
    }
  });

  on('board:message', (frame: unknown) => {
    const current = binding;
    if (!current) return refuse('not_joined', 'Open the whiteboard first.');
    if (typeof frame !== 'string' || frame.length < 2) {
      return refuseInvalid(current, 'invalid_input', 'A whiteboard frame must be text.');
    }
    // Counted before the rate limit: an oversized frame costs nothing but this check.
    const bytes = frame.length > BOARD_MAX_FRAME_BYTES ? Infinity : utf8ByteLength(frame);
    if (bytes > BOARD_MAX_FRAME_BYTES) {
      return refuseInvalid(current, 'too_large', 'That whiteboard change is too large.');
    }
    const at = now();
    // Judged on arrival: frames queued while the server could not read are not a flood.
    const stalled = load.stalledMs();
    const stalledSince = stalled - stallMark;
    stallMark = stalled;
    if (!take(messageBucket, limits.messages, at, 1, stalledSince) || !take(byteBucket, limits.bytes, at, bytes, stalledSince)) {
      // Dropped, not forwarded: tldraw never sees it, so the room and the other sessions are
      // untouched. The sender's client notices the missing push result and resyncs itself.
      return refuse('rate_limited', 'Too many whiteboard changes at once.');
    }
    if (!isWellFormedFrame(frame)) {
      return refuseInvalid(current, 'invalid_input', 'That whiteboard frame is not valid.');
    }
    if (!isWithinDepth(current.depth, frame)) {
      // A chunk was refused mid-message: tldraw holds the first part and cannot recover the
      // rest, so the session ends (the client rejoins); a whole message is simply dropped.
      if (frame.charCodeAt(0) !== 123) current.connection.close('invalid_message');
      return refuseInvalid(current, 'too_large', 'That whiteboard change is nested too deeply to be stored.');
    }
    current.connection.receive(frame);
  });

  on('board:leave', (raw: unknown) => {
    const parsed = ZBoardLeaveInput.safeParse(raw);
    if (!parsed.success) return;
    if (parsed.data && parsed.data.sessionId !== binding?.sessionId) return;
    detach('leave');
  });
  // tldraw's own close path (the socketio template forgets it): the session is cancelled now
  // and removed after tldraw's grace period, and an emptied room gets stored and closed.
  socket.on('disconnect', () => detach('disconnect'));
}

/** Whether a frame keeps its message within the nesting limit (chunks are scanned as one text). */
function isWithinDepth(scanner: JsonDepthScanner, frame: string): boolean {
  if (frame.charCodeAt(0) === 123 /* "{" */) {
    scanner.reset();
    return scanner.feed(frame) && scanner.isComplete;
  }
  const match = CHUNK_PREFIX.exec(frame)!;
  const isOk = scanner.feed(frame.slice(match[0].length));
  const isLast = match[1] === '0';
  if (!isOk || isLast) {
    const isComplete = scanner.isComplete;
    scanner.reset();
    return isOk && (!isLast || isComplete);
  }
  return true;
}

/**
 * Rejects frames tldraw would choke on before they reach it. tldraw answers an unparsable
 * message by ending the sender's session with a fatal error, which a stray frame should not
 * cause; record validity (types, props) is left to tldraw's schema validation.
 */
export function isWellFormedFrame(frame: string): boolean {
  if (frame.charCodeAt(0) === 123 /* "{" */) {
    let message: unknown;
    try {
      message = JSON.parse(frame);
    } catch {
      return false;
    }
    return (
      typeof message === 'object' &&
      message !== null &&
      !Array.isArray(message) &&
      CLIENT_MESSAGE_TYPES.has((message as { type?: unknown }).type as string)
    );
  }
  const match = CHUNK_PREFIX.exec(frame);
  return match !== null && Number(match[1]) < BOARD_MAX_CHUNKS;
}
