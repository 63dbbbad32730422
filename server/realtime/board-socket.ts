import { TLSyncErrorCloseEventCode, TLSyncErrorCloseEventReason } from '@tldraw/sync-core';
import type { Socket } from 'socket.io';
import { BOARD_LIMITS, type BoardClientToServerEvents, type BoardServerToClientEvents, type TBoardCloseReason, type TBoardRefusal } from '@/lib/protocol/board';
import type { TBoardSocket } from '../board/board-room';

/** What the board layer needs of a socket.io socket; the app's full socket type satisfies it. */
export type TBoardSocketData = { user: { id: string; name: string | null } };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the inter-server map is not ours to constrain
export type TBoardServerSocket = Socket<BoardClientToServerEvents, BoardServerToClientEvents, any, TBoardSocketData>;

const OPEN = 1;
const CLOSED = 3;

/**
 * Most bytes the server holds for one socket that does not read (its transport's queue plus
 * engine.io's write buffer): twice the largest board, so that a whole board on its way to a slow
 * but live connection fits. Past it the connection is dropped and its buffers freed; a real
 * client reconnects and loads the board again.
 */
export const MAX_BUFFERED_BYTES = 2 * BOARD_LIMITS.maxDocumentBytes;

type TEngineConn = {
  writeBuffer?: Array<{ data?: unknown }>;
  transport?: { socket?: { bufferedAmount?: number; terminate?: () => void } };
  close(discard?: boolean): void;
};

/** Bytes waiting to go out on a socket.io connection (cheap: the write buffer is empty while the client reads). */
export function bufferedBytes(conn: TEngineConn): number {
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of conn.writeBuffer ?? []) if (typeof packet.data === 'string') bytes += packet.data.length;
  return bytes;
}

/**
 * tldraw's WebSocketMinimal for one board session carried by a socket.io socket. Many board
 * sessions (one after another) can share one socket.io connection, so "closing" this socket
 * ends the board session only: it tells the client with `board:closed` and leaves socket.io alone.
 * Incoming frames are routed by the handlers (no addEventListener), which call tldraw directly.
 */
export class SocketIoBoardSocket implements TBoardSocket {
  private state: typeof OPEN | typeof CLOSED = OPEN;
  private closeReason: TBoardCloseReason = 'reconnect';
  private readonly lastRefusalAt = new Map<TBoardRefusal['code'], number>();

  constructor(
    private readonly socket: TBoardServerSocket,
    readonly sessionId: string,
    private readonly maxBufferedBytes: number,
    /** Called once when the server side (tldraw or the registry) ends the session. */
    private readonly onServerClose: () => void,
  ) {}

  get readyState(): number {
    return this.state === OPEN && this.socket.connected ? OPEN : CLOSED;
  }

  send(data: string): void {
    if (this.readyState !== OPEN) return;
    if (bufferedBytes(this.socket.conn as unknown as TEngineConn) > this.maxBufferedBytes) {
      // A reader that stopped reading: holding more for it would only grow the server's memory.
      // A normal disconnect waits for the buffers to drain (never, here): the TCP connection is
      // destroyed instead, which frees them at once. Deferred: tldraw may be in the middle of a
      // broadcast loop over its sessions.
      this.state = CLOSED;
      const conn = this.socket.conn as unknown as TEngineConn;
      queueMicrotask(() => {
        conn.transport?.socket?.terminate?.();
        conn.close(true);
      });
      return;
    }
    this.socket.emit('board:message', data);
  }

  close(code?: number, reason?: string): void {
    if (this.state === CLOSED) return;
    this.state = CLOSED;
    const isFatal = code === TLSyncErrorCloseEventCode;
    if (this.socket.connected) {
      this.socket.emit('board:closed', {
        sessionId: this.sessionId,
        reason: isFatal ? (reason ?? TLSyncErrorCloseEventReason.UNKNOWN_ERROR) : this.closeReason,
        isFatal,
      });
      // The board lives in another process now: the client must come back through the proxy,
      // not rejoin on this connection (this process would take the board back). A graceful
      // close sends what is queued (the notice above) first.
      if (!isFatal && this.closeReason === 'moved') {
        const conn = this.socket.conn as unknown as TEngineConn;
        queueMicrotask(() => conn.close(false));
      }
    }
    this.onServerClose();
  }

  setCloseReason(reason: TBoardCloseReason): void {
    this.closeReason = reason;
  }

  /** At most one notice of each kind a second: a paste of a thousand refused shapes is one message. */
  refuse(refusal: TBoardRefusal): void {
    const now = Date.now();
    if (this.readyState !== OPEN || now - (this.lastRefusalAt.get(refusal.code) ?? -Infinity) < 1000) return;
    this.lastRefusalAt.set(refusal.code, now);
    this.socket.emit('board:refused', refusal);
  }

  /** The client ended the session (left, rejoined or disconnected): nothing to tell it. */
  markClosedByClient(): void {
    this.state = CLOSED;
  }
}
