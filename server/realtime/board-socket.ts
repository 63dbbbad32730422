import { TLSyncErrorCloseEventCode, TLSyncErrorCloseEventReason } from '@tldraw/sync-core';
import type { Socket } from 'socket.io';
import type { BoardClientToServerEvents, BoardServerToClientEvents, TBoardCloseReason, TBoardRefusal } from '@/lib/protocol/board';
import type { TBoardSocket } from '../board/board-room';

/** What the board layer needs of a socket.io socket; the app's full socket type satisfies it. */
export type TBoardSocketData = { user: { id: string; name: string | null } };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the inter-server map is not ours to constrain
export type TBoardServerSocket = Socket<BoardClientToServerEvents, BoardServerToClientEvents, any, TBoardSocketData>;

const OPEN = 1;
const CLOSED = 3;

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
    /** Called once when the server side (tldraw or the registry) ends the session. */
    private readonly onServerClose: () => void,
  ) {}

  get readyState(): number {
    return this.state === OPEN && this.socket.connected ? OPEN : CLOSED;
  }

  send(data: string): void {
    if (this.readyState !== OPEN) return;
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
