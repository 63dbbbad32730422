import { TLSocketRoom, type RoomSnapshot, type WebSocketMinimal } from '@tldraw/sync-core';
import type { TLRecord } from '@tldraw/tlschema';
import { BOARD_LIMITS, type TBoardCloseReason, type TBoardLimits, type TBoardRefusal } from '@/lib/protocol/board';
import { BoardFencedError, type TBoardArchive, type TBoardChanges } from './board-archive';
import type { TBoardFile } from './board-files';
import { BOARD_SCHEMA, BoardBudget, createBoardAuthorizers, type TBoardSessionMeta } from './record-bounds';

export type { TBoardSessionMeta } from './record-bounds';

/** A closing room's document that the archive could not take: what the next owner needs. */
export type TUnarchivedBoard = {
  /** The owner epoch of the room that held it. */
  epoch: number;
  clock: number;
  /** Document clock up to which the archive has it. */
  archivedClock: number;
  snapshotJson: string;
};

/** A transport socket as TLSocketRoom sees it, plus what the server tells the client outside tldraw. */
export type TBoardSocket = WebSocketMinimal & {
  /** Set just before the server closes the session, so the client learns why. */
  setCloseReason(reason: TBoardCloseReason): void;
  /** A change of this session was refused (too large, board full): say why. */
  refuse(refusal: TBoardRefusal): void;
};

export type TBoardLog = {
  /** Lifecycle events (opened, closed, handed over); optional. */
  info?(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
};

export type TBoardRoomOptions = {
  interviewId: string;
  /** The board file: the live document, written by tldraw before any edit is acknowledged. */
  file: TBoardFile;
  archive: TBoardArchive;
  /** Owner epoch from the archive's claim; every archive write carries it. */
  epoch: number;
  /** Longest time a change waits before it is archived (writes are coalesced). */
  archiveDelayMs: number;
  /** Pause before retrying a failed archive write. */
  retryDelayMs: number;
  /** tldraw drops a session that sent nothing (not even its 5 s ping) for this long. */
  clientTimeoutMs?: number;
  /** Image/video sources and bookmark images must start with this (same-origin upload route). */
  assetUrlPrefix: string;
  limits?: TBoardLimits;
  /**
   * After each archive write: the archive holds the document up to `clock`; `delayMs` is how long
   * the oldest change it carried waited (the persist delay).
   */
  onArchived(clock: number, delayMs: number): void;
  /** The last session left (tldraw removes a closed socket's session ~5 s after it closes). */
  onEmpty(): void;
  /** Another process claimed the board: this room must stop serving it. */
  onFenced(): void;
  /**
   * An archive write failed (the database is unreachable from this process). With other processes
   * to serve the board, the registry gives it up rather than acknowledge edits it cannot store.
   */
  onArchiveFailed?(): void;
  log: TBoardLog;
};

/**
 * One interview's whiteboard: a TLSocketRoom whose storage is the board file (tldraw's
 * SQLiteSyncStorage), so that an edit is stored before anybody hears of it, and an archiver
 * that copies the changes to the database within `archiveDelayMs`, on close and on `flush()`.
 * Create it through the registry, which guarantees one per interview.
 */
export class BoardRoom {
  readonly interviewId: string;
  readonly budget: BoardBudget;
  /** When this process opened the room (epoch ms). */
  readonly openedAt = Date.now();
  private readonly opts: TBoardRoomOptions;
  private readonly file: TBoardFile;
  private readonly room: TLSocketRoom<TLRecord, TBoardSessionMeta>;
  private readonly sockets = new Map<string, TBoardSocket>();
  private readonly stopListening: () => void;
  private archiveTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Archive writes run one at a time; this is the last one queued. Never rejects. */
  private archiving: Promise<boolean> = Promise.resolve(true);
  /** JSON bytes of the changes archived since the last keyframe (keyframes when they outweigh the board). */
  private bytesSinceKeyframe = 0;
  private hasKeyframe: boolean;
  private failingSince: number | null = null;
  private isClosedFlag = false;
  private isFencedFlag = false;
  private isFinalArchived = false;
  /** When the document last changed in this process (the time the archived changes carry). */
  private lastChangeAt: number | undefined;
  /** When the oldest change not yet archived was made. */
  private pendingSince: number | undefined;

  /** A new board's first document (before anyone drew), archived as its first keyframe. */
  private initialKeyframe: { clock: number; json: string } | null;

  constructor(opts: TBoardRoomOptions & { hasKeyframe: boolean }) {
    this.opts = opts;
    this.interviewId = opts.interviewId;
    this.file = opts.file;
    this.hasKeyframe = opts.hasKeyframe;
    this.initialKeyframe = !opts.hasKeyframe && opts.file.meta.archivedClock < 0 ? { clock: opts.file.storage.getClock(), json: opts.file.snapshotJson() } : null;
    this.budget = new BoardBudget(opts.file.recordSizes(), opts.limits ?? BOARD_LIMITS);
    this.room = new TLSocketRoom<TLRecord, TBoardSessionMeta>({
      storage: opts.file.storage,
      schema: BOARD_SCHEMA,
      clientTimeout: opts.clientTimeoutMs,
      authorizeRecord: createBoardAuthorizers({
        assetUrlPrefix: opts.assetUrlPrefix,
        budget: this.budget,
        onRefused: (sessionId, refusal) => this.sockets.get(sessionId)?.refuse(refusal),
      }),
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
    this.stopListening = opts.file.storage.onChange(() => {
      this.lastChangeAt = Date.now();
      this.pendingSince ??= this.lastChangeAt;
      this.scheduleArchive();
    });
    // Edits the archive does not have yet (a crash before they were archived), or a migration
    // TLSyncRoom's constructor just ran on an older stored document.
    if (this.clock !== this.archivedClock) this.scheduleArchive();
  }

  get isClosed(): boolean {
    return this.isClosedFlag;
  }

  /** Since when archive writes have been failing (null when the last one succeeded). */
  get archiveFailingSince(): number | null {
    return this.failingSince;
  }

  /** Sessions tldraw still holds, including ones waiting out their grace period after a close. */
  get sessionCount(): number {
    return this.room.getNumActiveSessions();
  }

  /** The owner epoch this room writes the archive with. */
  get epoch(): number {
    return this.opts.epoch;
  }

  get clock(): number {
    return this.file.storage.getClock();
  }

  /** Document clock up to which the archive holds every change. */
  get archivedClock(): number {
    return this.file.meta.archivedClock;
  }

  /** The current document (records, tombstones, schema), without presence. */
  snapshot(): RoomSnapshot {
    return this.file.storage.getSnapshot();
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

  /**
   * Archives what changed now. With `isFinal` (room closing, interview ended) also a keyframe,
   * and the archive is marked complete. Resolves false if the write failed (it is retried).
   */
  flush(opts: { isFinal?: boolean } = {}): Promise<boolean> {
    this.clearTimers();
    const run = this.archiving.then(() => this.archiveOnce(Boolean(opts.isFinal)));
    this.archiving = run;
    return run;
  }

  /**
   * Closes every session and the room, then archives the board with a final keyframe. When the
   * archive has everything, the board file is deleted; otherwise it stays, and the next open
   * of this board takes it up again. Resolves false if the final write failed.
   */
  async close(reason: TBoardCloseReason = 'room_closed', opts: { onUnarchived?: (document: TUnarchivedBoard) => Promise<void> } = {}): Promise<boolean> {
    if (this.isClosedFlag) return this.archiving;
    this.isClosedFlag = true;
    for (const socket of this.sockets.values()) socket.setCloseReason(reason);
    // Closing first means no edit can slip in between the last write and the close.
    this.room.close();
    this.stopListening();
    const isArchived = this.isFencedFlag ? false : await this.flush({ isFinal: true });
    this.clearTimers();
    // Not archived, and no other owner since (not fenced): the document (every acknowledged edit)
    // can still go to the next owner another way before the board is released.
    if (!isArchived && !this.isFencedFlag && opts.onUnarchived) {
      await opts.onUnarchived({ epoch: this.opts.epoch, clock: this.clock, archivedClock: this.archivedClock, snapshotJson: this.file.snapshotJson() });
    }
    if (isArchived) this.file.remove();
    else this.file.close();
    return isArchived;
  }

  private scheduleArchive(): void {
    this.isFinalArchived = false;
    if (this.isClosedFlag || this.archiveTimer || this.retryTimer) return;
    // A throttle, not a debounce: a change is archived at most archiveDelayMs later even while
    // people keep drawing, and everything that happens meanwhile rides along in the same write.
    this.archiveTimer = setTimeout(() => {
      this.archiveTimer = undefined;
      void this.flush();
    }, this.opts.archiveDelayMs);
  }

  private clearTimers(): void {
    if (this.archiveTimer) clearTimeout(this.archiveTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.archiveTimer = undefined;
    this.retryTimer = undefined;
  }

  private async archiveOnce(isFinal: boolean): Promise<boolean> {
    if (this.isFencedFlag) return false;
    const clock = this.clock;
    if (clock === this.archivedClock && (!isFinal || this.isFinalArchived)) return true;
    // A new board starts from its first document, so its first strokes are changes in time.
    const initial = this.initialKeyframe;
    const sinceClock = initial ? initial.clock : this.archivedClock;
    // Read synchronously, so the changes and the keyframe describe the same instant even if
    // edits land while the write is in flight.
    const changes = clock === sinceClock ? undefined : this.changesSince(sinceClock);
    const changedAt = this.lastChangeAt;
    const pendingSince = this.pendingSince;
    const startedAt = Date.now();
    const changesBytes = changes ? this.budget.bytesOf(changes.diff) : 0;
    const needsKeyframe =
      isFinal ||
      (!this.hasKeyframe && !initial) ||
      (clock !== sinceClock && !changes) ||
      this.bytesSinceKeyframe + changesBytes > Math.max(256 * 1024, this.budget.byteCount);
    const keyframe = needsKeyframe ? { clock, json: this.file.snapshotJson() } : (initial ?? undefined);
    try {
      await this.opts.archive.append(this.interviewId, {
        epoch: this.opts.epoch,
        clock,
        ...(changes ? { changes } : {}),
        ...(changes && changedAt !== undefined ? { changedAt } : {}),
        ...(keyframe ? { keyframe } : {}),
        ...(isFinal ? { isFinal: true } : {}),
      });
    } catch (error) {
      if (error instanceof BoardFencedError) {
        this.isFencedFlag = true;
        this.opts.log.error(`[board ${this.interviewId}] another process owns this board now; closing it here`);
        this.opts.onFenced();
        return false;
      }
      const at = Date.now();
      this.failingSince ??= at;
      this.opts.log.error(
        `[board ${this.interviewId}] archive write failed (failing for ${Math.round((at - this.failingSince) / 1000)} s; ` +
          `edits stay safe in the board file and are archived when the database answers)`,
        error,
      );
      if (!this.isClosedFlag && !this.retryTimer) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          void this.flush();
        }, this.opts.retryDelayMs);
      }
      if (!this.isClosedFlag) this.opts.onArchiveFailed?.();
      return false;
    }
    this.failingSince = null;
    this.file.setMeta({ archivedClock: clock });
    this.hasKeyframe = true;
    this.initialKeyframe = null;
    this.bytesSinceKeyframe = needsKeyframe ? 0 : this.bytesSinceKeyframe + changesBytes;
    if (isFinal && this.clock === clock) this.isFinalArchived = true;
    // Changes made while the write was in flight wait for the next one.
    this.pendingSince = this.clock === clock ? undefined : startedAt;
    try {
      this.opts.onArchived(clock, pendingSince === undefined ? 0 : Date.now() - pendingSince);
    } catch (error) {
      this.opts.log.error(`[board ${this.interviewId}] onArchived failed`, error);
    }
    return true;
  }

  private changesSince(sinceClock: number): TBoardChanges | undefined {
    const { result } = this.file.storage.transaction((txn) => txn.getChangesSince(sinceClock) ?? null);
    if (!result || result.wipeAll) return undefined;
    return { sinceClock, diff: result.diff };
  }
}
