import {
  InMemorySyncStorage,
  TLSocketRoom,
  type RoomSnapshot,
  type TLRecordAuthorizers,
  type WebSocketMinimal,
} from '@tldraw/sync-core';
// Types only: the server never loads the tldraw UI bundle, TLSocketRoom brings its own schema.
import type { TLAsset, TLRecord } from 'tldraw';
import type { TBoardCloseReason } from '@/lib/protocol/board';
import type { TBoardChanges, TBoardStore } from './board-store';

export type { TBoardChanges, TBoardSave, TBoardStore, TMemoryBoardStore } from './board-store';
export { createMemoryBoardStore } from './board-store';

/** Who a tldraw session belongs to; given to tldraw as session meta (never sent to clients). */
export type TBoardSessionMeta = { userId: string; userName: string | null };

/** A transport socket as TLSocketRoom sees it, plus the reason to report when the server closes it. */
export type TBoardSocket = WebSocketMinimal & {
  /** Set just before the server closes the session, so the client learns why. */
  setCloseReason(reason: TBoardCloseReason): void;
};

export type TBoardLog = {
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
};

export type TBoardRoomOptions = {
  interviewId: string;
  /** Stored document, or null for a new board. Migrated to the current tldraw schema on load. */
  snapshot: RoomSnapshot | null;
  store: TBoardStore;
  /** Longest time a change waits before it is written (writes are coalesced). */
  saveDelayMs: number;
  /** Pause before retrying a failed write. */
  retryDelayMs: number;
  /** tldraw drops a session that sent nothing (not even its 5 s ping) for this long. */
  clientTimeoutMs?: number;
  /** Image/video sources and bookmark images must start with this (same-origin upload route). */
  assetUrlPrefix: string;
  onSaved(clock: number): void;
  /** The last session left (tldraw removes a closed socket's session ~5 s after it closes). */
  onEmpty(): void;
  log: TBoardLog;
};

/**
 * One interview's whiteboard: a TLSocketRoom holding the document in memory (tldraw's storage
 * is synchronous) and a writer that stores it within `saveDelayMs` of a change, on close, and
 * whenever `flush()` is called. Create it through the registry, which guarantees one per interview.
 */
export class BoardRoom {
  readonly interviewId: string;
  private readonly opts: TBoardRoomOptions;
  private readonly storage: InMemorySyncStorage<TLRecord>;
  private readonly room: TLSocketRoom<TLRecord, TBoardSessionMeta>;
  private readonly sockets = new Map<string, TBoardSocket>();
  private readonly stopListening: () => void;
  private savedClock = 0;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Writes run one at a time; this is the last one queued. Never rejects. */
  private saving: Promise<boolean> = Promise.resolve(true);
  private isClosedFlag = false;

  constructor(opts: TBoardRoomOptions) {
    this.opts = opts;
    this.interviewId = opts.interviewId;
    this.storage = opts.snapshot ? new InMemorySyncStorage<TLRecord>({ snapshot: opts.snapshot }) : new InMemorySyncStorage<TLRecord>();
    // What is stored now: the loaded document, or nothing worth storing for a new, empty board.
    this.savedClock = this.storage.getClock();
    this.room = new TLSocketRoom<TLRecord, TBoardSessionMeta>({
      storage: this.storage,
      clientTimeout: opts.clientTimeoutMs,
      authorizeRecord: createBoardAuthorizers(opts.assetUrlPrefix),
      log: {
        warn: (...args: unknown[]) => opts.log.warn(`[board ${opts.interviewId}]`, ...args),
        error: (...args: unknown[]) => opts.log.error(`[board ${opts.interviewId}]`, ...args),
      },
      onSessionRemoved: (_room, { sessionId, numSessionsRemaining }) => {
        this.sockets.delete(sessionId);
        if (numSessionsRemaining === 0 && !this.isClosedFlag) opts.onEmpty();
      },
    });
    // Called (in a microtask) after every committed transaction that moved the document clock:
    // client pushes, migrations, server-side edits. Presence changes never move it.
    this.stopListening = this.storage.onChange(() => this.scheduleSave());
    // TLSyncRoom's constructor migrated an older stored document to the current schema: store it.
    if (this.storage.getClock() !== this.savedClock) this.scheduleSave();
  }

  get isClosed(): boolean {
    return this.isClosedFlag;
  }

  /** Sessions tldraw still holds, including ones waiting out their grace period after a close. */
  get sessionCount(): number {
    return this.room.getNumActiveSessions();
  }

  get clock(): number {
    return this.storage.getClock();
  }

  /** Document clock of the last successful write (or of the loaded document). */
  get storedClock(): number {
    return this.savedClock;
  }

  /** The current document (records, tombstones, schema), without presence. */
  snapshot(): RoomSnapshot {
    return this.storage.getSnapshot();
  }

  sessions() {
    return this.room.getSessions();
  }

  connect(opts: { sessionId: string; socket: TBoardSocket; isReadonly: boolean; meta: TBoardSessionMeta }): void {
    if (this.isClosedFlag) throw new Error('Board room is closed');
    this.sockets.set(opts.sessionId, opts.socket);
    this.room.handleSocketConnect(opts);
  }

  /** A frame from the client; tldraw reassembles chunks and validates the records. */
  receive(sessionId: string, frame: string): void {
    this.room.handleSocketMessage(sessionId, frame);
  }

  /** The client's socket closed: tldraw cancels the session now and removes it after its grace period. */
  disconnect(sessionId: string): void {
    if (this.isClosedFlag) return;
    this.room.handleSocketClose(sessionId);
  }

  /**
   * The client left on purpose: remove the session now rather than after tldraw's grace period.
   * Session ids are never reused (each join gets a new one), so the grace period would only
   * leave a second, frozen cursor of the same person on the others' screens.
   */
  removeSession(sessionId: string): void {
    if (this.isClosedFlag) return;
    this.room.closeSession(sessionId);
  }

  /** Ends one session now (not after tldraw's grace period), telling the client why. */
  closeSession(sessionId: string, reason: TBoardCloseReason): void {
    this.sockets.get(sessionId)?.setCloseReason(reason);
    this.room.closeSession(sessionId);
  }

  /**
   * Ends every session that can still edit. tldraw fixes `isReadonly` when a session connects,
   * so the clients rejoin and the registry connects them read-only.
   */
  closeWritableSessions(reason: TBoardCloseReason): void {
    for (const session of this.room.getSessions()) {
      if (!session.isReadonly) this.closeSession(session.sessionId, reason);
    }
  }

  /** Writes the document now if it changed since the last write; resolves false if the write failed. */
  flush(): Promise<boolean> {
    this.clearTimers();
    const run = this.saving.then(() => this.writeOnce());
    this.saving = run;
    return run;
  }

  /** Closes every session and the room, then writes the document. Resolves false if the write failed. */
  async close(reason: TBoardCloseReason = 'room_closed'): Promise<boolean> {
    if (this.isClosedFlag) return this.saving;
    this.isClosedFlag = true;
    for (const socket of this.sockets.values()) socket.setCloseReason(reason);
    // Closing first means no edit can slip in between the last write and the close.
    this.room.close();
    this.stopListening();
    return this.flush();
  }

  private scheduleSave(): void {
    if (this.isClosedFlag || this.saveTimer) return;
    // A throttle, not a debounce: a change is stored at most saveDelayMs later even while people
    // keep drawing, and everything that happens meanwhile rides along in the same write.
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.flush();
    }, this.opts.saveDelayMs);
  }

  private clearTimers(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.saveTimer = undefined;
    this.retryTimer = undefined;
  }

  private async writeOnce(): Promise<boolean> {
    const clock = this.storage.getClock();
    if (clock === this.savedClock) return true;
    // Both read synchronously, so they describe the same instant even if edits land during the write.
    const snapshot = this.storage.getSnapshot();
    const changes = this.changesSince(this.savedClock);
    try {
      await this.opts.store.save(this.interviewId, { snapshot, clock, ...(changes ? { changes } : {}) });
    } catch (error) {
      this.opts.log.error(`[board ${this.interviewId}] save failed`, error);
      if (!this.isClosedFlag && !this.retryTimer) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          void this.flush();
        }, this.opts.retryDelayMs);
      }
      return false;
    }
    this.savedClock = Math.max(this.savedClock, clock);
    try {
      this.opts.onSaved(clock);
    } catch (error) {
      this.opts.log.error(`[board ${this.interviewId}] onSaved failed`, error);
    }
    return true;
  }

  private changesSince(sinceClock: number): TBoardChanges | undefined {
    const { result } = this.storage.transaction((txn) => txn.getChangesSince(sinceClock) ?? null);
    if (!result || result.wipeAll) return undefined;
    return { sinceClock, diff: result.diff };
  }
}

/**
 * Record policy enforced by the server on every client write (tldraw runs these inside the
 * commit; they must be cheap and do no I/O). A refused write is discarded and the sender's
 * client rolls it back. Why: whatever one participant puts in the document, the other's browser
 * renders, so nothing in it may make that browser load another site.
 * - embed shapes are refused: tldraw renders any embed URL, even an unknown one, as an iframe;
 * - user records (names shown for attribution) only for the session's own user;
 * - image/video assets must point at our upload route (no data: URLs bloating the document,
 *   no third-party hosts); bookmark preview images likewise (the link itself is only an href).
 */
const ASSET_NAME = /^[A-Za-z0-9._-]{1,200}$/;

export function createBoardAuthorizers(assetUrlPrefix: string): TLRecordAuthorizers<TLRecord, TBoardSessionMeta> {
  // One path segment after the prefix: no "..", no query, nothing that leaves the asset route.
  const isOwnUrl = (url: string | null | undefined) =>
    !url || (url.startsWith(assetUrlPrefix) && ASSET_NAME.test(url.slice(assetUrlPrefix.length)) && !url.includes('..'));
  const isAllowedAsset = (asset: TLAsset) =>
    asset.type === 'bookmark' ? isOwnUrl(asset.props.image) && isOwnUrl(asset.props.favicon) : isOwnUrl(asset.props.src);
  return {
    shape: (args) => {
      if (args.type === 'delete') return args.prev;
      return args.next.type === 'embed' ? null : args.next;
    },
    // tldraw writes the signed-in user's record (name, colour) into the document for
    // attribution; a session may only write its own, so nobody can relabel someone else.
    user: (args) => {
      const record = args.type === 'delete' ? args.prev : args.next;
      return record.id === `user:${args.session.meta.userId}` ? record : null;
    },
    asset: (args) => {
      if (args.type === 'delete') return args.prev;
      const asset = args.next;
      if (args.type === 'create' && asset.type === 'bookmark' && !isAllowedAsset(asset)) {
        // A bookmark is still useful without its preview: keep the link, drop the remote images.
        return {
          ...asset,
          props: {
            ...asset.props,
            image: isOwnUrl(asset.props.image) ? asset.props.image : '',
            favicon: isOwnUrl(asset.props.favicon) ? asset.props.favicon : '',
          },
        };
      }
      return isAllowedAsset(asset) ? asset : null;
    },
  };
}
