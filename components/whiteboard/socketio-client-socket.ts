import type { TLPersistentClientSocket, TLSocketStatusChangeEvent } from '@tldraw/sync-core';
import type { Socket } from 'socket.io-client';
import {
  BOARD_CHUNK_CHARS,
  BOARD_MAX_CHUNKS,
  type BoardClientToServerEvents,
  type BoardServerToClientEvents,
  type TBoardClosed,
  type TBoardJoined,
  type TBoardRefusal,
} from '@/lib/protocol/board';
import type { TAppError, TResult } from '@/lib/result';

/** The part of the app's socket.io client the whiteboard uses; the app's full socket satisfies it. */
export type TBoardClientSocket = Socket<BoardServerToClientEvents, BoardClientToServerEvents>;

export type TBoardClientSocketOptions = {
  /** After every successful join (first one and each rejoin). */
  onJoined?: (joined: TBoardJoined) => void;
  /**
   * The server refused to open the board for now (`rate_limited`: at capacity, or too many
   * attempts); the socket tries again after a pause. Its message is for the user.
   */
  onJoinRefused?: (error: TAppError) => void;
  /** A frame was refused by the server (debugging aid; tldraw resyncs on its own). */
  onRefused?: (refusal: TBoardRefusal) => void;
  /** How long to wait for the join's answer before trying again. Default 10 s. */
  joinTimeoutMs?: number;
  /** Pauses between failed joins, the last one repeating. */
  retryDelaysMs?: readonly number[];
  /** Every sync message sent and received (the "saved" indicator watches pushes and results). */
  onSent?: (message: object) => void;
  onReceived?: (message: object) => void;
};

type TStatus = 'online' | 'offline' | 'error';
type TMessageListener = (message: object) => void;
type TStatusListener = (event: TLSocketStatusChangeEvent) => void;

const DEFAULT_RETRY_DELAYS_MS = [250, 1000, 2000, 5000, 10_000] as const;
const RATE_LIMITED_PAUSE_MS = 5000;
const MOVED_FALLBACK_MS = 3000;

/**
 * Join answers after which retrying cannot help; reported to tldraw as its own close reasons so
 * useSync shows the matching error.
 */
const FATAL_JOIN_ERRORS: Partial<Record<TAppError['code'], string>> = {
  not_found: 'NOT_FOUND',
  forbidden: 'FORBIDDEN',
  unauthorized: 'NOT_AUTHENTICATED',
  invalid_input: 'NOT_FOUND',
};

/**
 * tldraw's TLPersistentClientSocket over the app's one socket.io connection, for
 * `useSync({ connect })`. "Online" means joined: the server issued a board session for this
 * socket. It rejoins by itself after socket.io reconnects and after the server ends a session
 * for a transient reason (read-only switch, room reload); TLSyncClient then resends its connect
 * request and rebases local changes on the server's state.
 */
export class SocketIoBoardClientSocket implements TLPersistentClientSocket {
  connectionStatus: TStatus = 'offline';

  private sessionId: string | null = null;
  /** Bumped by every join and every loss of the connection, to ignore stale join answers. */
  private joinAttempt = 0;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private isClosed = false;
  private readonly messageListeners = new Set<TMessageListener>();
  private readonly statusListeners = new Set<TStatusListener>();
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    private readonly socket: TBoardClientSocket,
    private readonly interviewId: string,
    private readonly options: TBoardClientSocketOptions = {},
  ) {
    const onConnect = () => this.join();
    const onDisconnect = () => this.lose();
    const onMessage = (frame: string) => this.receive(frame);
    const onClosed = (payload: TBoardClosed) => this.onServerClosed(payload);
    const onRefused = (payload: TBoardRefusal) => this.options.onRefused?.(payload);
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('board:message', onMessage);
    socket.on('board:closed', onClosed);
    socket.on('board:refused', onRefused);
    this.unsubscribe.push(
      () => socket.off('connect', onConnect),
      () => socket.off('disconnect', onDisconnect),
      () => socket.off('board:message', onMessage),
      () => socket.off('board:closed', onClosed),
      () => socket.off('board:refused', onRefused),
    );
    if (socket.connected) this.join();
  }

  sendMessage(message: object): void {
    // tldraw keeps unsent changes itself and resends after the next connect: never let
    // socket.io buffer frames for a session that no longer exists.
    if (this.connectionStatus !== 'online' || !this.socket.connected) return;
    const frames = toFrames(JSON.stringify(message));
    if (frames.length > BOARD_MAX_CHUNKS) {
      // The server would refuse it, tldraw would resend it after every rejoin: stop here.
      console.error(`[board] a change of ${frames.length} frames exceeds the ${BOARD_MAX_CHUNKS}-frame limit`);
      this.fail('TOO_LARGE');
      return;
    }
    for (const frame of frames) this.socket.emit('board:message', frame);
    this.options.onSent?.(message);
  }

  onReceiveMessage = (listener: TMessageListener) => {
    this.messageListeners.add(listener);
    return () => void this.messageListeners.delete(listener);
  };

  onStatusChange = (listener: TStatusListener) => {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  };

  /** Called by TLSyncClient when it wants a fresh session (e.g. after a failed rebase). */
  restart(): void {
    if (this.isClosed || this.connectionStatus === 'error') return;
    this.leave();
    this.setStatus('offline');
    this.join();
  }

  close(): void {
    if (this.isClosed) return;
    this.leave();
    this.isClosed = true;
    this.clearRetry();
    for (const off of this.unsubscribe) off();
    if (this.connectionStatus === 'online') this.connectionStatus = 'offline';
    this.messageListeners.clear();
    this.statusListeners.clear();
  }

  private join(): void {
    if (this.isClosed || this.connectionStatus === 'error' || !this.socket.connected) return;
    this.clearRetry();
    const attempt = ++this.joinAttempt;
    const timeoutMs = this.options.joinTimeoutMs ?? 10_000;
    this.socket
      .timeout(timeoutMs)
      .emit('board:join', { interviewId: this.interviewId }, (error: Error | null, result: TResult<TBoardJoined>) => {
        if (attempt !== this.joinAttempt || this.isClosed) {
          // Superseded (closed, restarted, reconnected). If the server did open that session,
          // end it; the leave names it, so it can never end a newer one.
          if (!error && result?.ok && this.socket.connected) this.socket.emit('board:leave', { sessionId: result.data.sessionId });
          return;
        }
        if (error || !result) return this.scheduleJoin();
        if (!result.ok) {
          const fatalReason = FATAL_JOIN_ERRORS[result.error.code];
          if (fatalReason) return this.fail(fatalReason);
          if (result.error.code === 'rate_limited') {
            this.options.onJoinRefused?.(result.error);
            return this.scheduleJoin(RATE_LIMITED_PAUSE_MS);
          }
          return this.scheduleJoin();
        }
        this.failures = 0;
        this.sessionId = result.data.sessionId;
        this.options.onJoined?.(result.data);
        this.setStatus('online');
      });
  }

  private receive(frame: string): void {
    // Frames between a lost session and the next join belong to the old session.
    if (this.connectionStatus !== 'online' || typeof frame !== 'string') return;
    let message: unknown;
    try {
      message = JSON.parse(frame);
    } catch {
      console.error('[board] unreadable frame from the server');
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    this.options.onReceived?.(message);
    for (const listener of [...this.messageListeners]) listener(message);
  }

  private onServerClosed({ sessionId, reason, isFatal }: TBoardClosed): void {
    if (sessionId !== this.sessionId) return;
    this.sessionId = null;
    if (isFatal) return this.fail(reason);
    this.joinAttempt++;
    this.setStatus('offline');
    if (reason === 'rate_limited' || reason === 'invalid_message') return this.scheduleJoin(RATE_LIMITED_PAUSE_MS);
    // The server closes this connection next; socket.io reconnects (through the proxy, to the
    // board's new process) and 'connect' rejoins. The pause only covers a close that never comes.
    if (reason === 'moved') return this.scheduleJoin(MOVED_FALLBACK_MS);
    // 'readonly', 'reconnect', 'room_closed': the server wants us back (read-only, or in a fresh room).
    this.scheduleJoin(0);
  }

  /** socket.io lost the connection; it reconnects by itself and 'connect' rejoins. */
  private lose(): void {
    this.sessionId = null;
    this.joinAttempt++;
    this.clearRetry();
    this.setStatus('offline');
  }

  private leave(): void {
    this.joinAttempt++;
    this.clearRetry();
    if (this.sessionId && this.socket.connected) this.socket.emit('board:leave', { sessionId: this.sessionId });
    this.sessionId = null;
  }

  private scheduleJoin(delayMs?: number): void {
    if (this.isClosed || this.connectionStatus === 'error') return;
    this.clearRetry();
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const base = delayMs ?? delays[Math.min(this.failures, delays.length - 1)] ?? 1000;
    this.failures++;
    // Jitter, so that both participants of a room do not rejoin in lockstep after a restart.
    const wait = base === 0 ? 0 : base * (0.75 + Math.random() * 0.5);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.join();
    }, wait);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private fail(reason: string): void {
    this.leave();
    this.connectionStatus = 'error';
    for (const listener of [...this.statusListeners]) listener({ status: 'error', reason });
  }

  private setStatus(status: 'online' | 'offline'): void {
    if (this.connectionStatus === status || this.connectionStatus === 'error') return;
    // Set before notifying: TLSyncClient reads connectionStatus from inside its listener.
    this.connectionStatus = status;
    for (const listener of [...this.statusListeners]) listener({ status });
  }
}

/**
 * Splits a message into frames in tldraw's chunk format, which TLSocketRoom reassembles:
 * a message that fits is sent as is (JSON starts with "{"); a longer one as
 * "<frames remaining>_<part>" frames, first to last.
 */
export function toFrames(json: string, maxChars: number = BOARD_CHUNK_CHARS): string[] {
  if (json.length <= maxChars) return [json];
  const partSize = maxChars - 4; // room for the "NNN_" prefix
  const count = Math.ceil(json.length / partSize);
  const frames: string[] = [];
  for (let i = 0; i < count; i++) {
    frames.push(`${count - 1 - i}_${json.slice(i * partSize, (i + 1) * partSize)}`);
  }
  return frames;
}
