import { DEFAULT_INITIAL_SNAPSHOT, type RoomSnapshot } from '@tldraw/sync-core';
import { BOARD_ASSET_URL_PREFIX, BOARD_LIMITS, type TBoardCloseReason, type TBoardLimits } from '@/lib/protocol/board';
import type { TBoardArchive } from './board-archive';
import type { TBoardFile, TBoardFiles } from './board-files';
import { BoardRoom, type TBoardLog, type TBoardSessionMeta, type TBoardSocket, type TUnarchivedBoard } from './board-room';

export type TRoomRegistryOptions = {
  /** Where live boards are stored before any edit is acknowledged (one SQLite file per board). */
  files: TBoardFiles;
  /** The database archive: timeline, keyframes, owner epochs. */
  archive: TBoardArchive;
  /** After each archive write: the archive holds the document up to `clock` (e.g. emit `board:saved`). */
  onArchived?: (interviewId: string, clock: number, delayMs: number) => void;
  /** Longest delay between a change and its archive write. Default 1000 ms. */
  archiveDelayMs?: number;
  /** Pause before retrying a failed archive write. Default 5000 ms. */
  retryDelayMs?: number;
  /**
   * How long an empty room stays loaded before it is archived and closed. Default 2000 ms: a
   * client that rejoins at once (read-only switch, page reload) finds the room still in memory.
   */
  emptyRoomGraceMs?: number;
  /** tldraw's idle timeout per session (clients ping every 5 s). Default: tldraw's. */
  clientTimeoutMs?: number;
  /** Prefix every image/video source must start with (then one path segment). Default `/api/assets/`. */
  assetUrlPrefix?: (interviewId: string) => string;
  limits?: TBoardLimits;
  log?: TBoardLog;
  /**
   * Several processes (REDIS_URL): who may serve which board. Taken before the archive's claim and
   * given up after the room's final write. Absent: this process serves every board.
   */
  ownership?: TBoardOwnership;
  /**
   * Several processes: where a board goes that is given up without being archived (this process
   * cannot reach the database), for the next owner to open with every acknowledged edit. With it,
   * a failed archive write makes this process give the board up (its clients reconnect to another
   * process) instead of acknowledging edits only its own disk holds.
   */
  handoff?: TBoardHandoff;
};

/** A board document passed to the next owner outside the archive (Redis: server/cluster). */
export type TBoardHandoff = {
  /** Keeps the document for the next owner; called before the board is released. Never throws. */
  put(interviewId: string, document: TUnarchivedBoard): Promise<boolean>;
  /** The document the last owner left, if any. Never throws. */
  take(interviewId: string): Promise<TUnarchivedBoard | null>;
};

/** Cross-process ownership of live boards (a Redis lease per board: server/cluster). */
export type TBoardOwnership = {
  /**
   * Takes the board. With `wait`, asks the holder to hand it over and waits for it (bounded),
   * throwing BoardUnavailableError when it does not come; without, resolves false at once when
   * another process holds it.
   */
  acquire(interviewId: string, opts: { wait: boolean }): Promise<boolean>;
  /** Synchronous: the board is still surely ours (checked before every frame reaches tldraw). */
  isHeld(interviewId: string): boolean;
  release(interviewId: string): Promise<void>;
};

export type THandOverResult = 'released' | 'too_recent' | 'not_here';

export type TBoardConnectOptions = {
  sessionId: string;
  socket: TBoardSocket;
  /** What the caller's authorization allows; the registry forces read-only after setReadOnly. */
  isReadonly: boolean;
  meta: TBoardSessionMeta;
};

/** A board session as the transport sees it. */
export type TBoardConnection = {
  interviewId: string;
  sessionId: string;
  isReadonly: boolean;
  receive(frame: string): void;
  /** The client left on purpose (or rejoined): the session and its cursor go at once. */
  leave(): void;
  /** The client's socket closed; tldraw keeps the session's presence ~5 s, then drops it. */
  disconnect(): void;
  /** The server ends the session now and tells the client why. */
  close(reason: TBoardCloseReason): void;
};

export type TRoomRegistry = {
  /** Opens the interview's room if needed (load behind a per-room lock) and connects a session to it. */
  connect(interviewId: string, opts: TBoardConnectOptions): Promise<TBoardConnection>;
  /** Live room, if loaded (for inspection and tests). */
  get(interviewId: string): BoardRoom | undefined;
  /** From now on every session of this interview is read-only; open writable sessions are closed and rejoin. */
  setReadOnly(interviewId: string): Promise<void>;
  isReadOnly(interviewId: string): boolean;
  /** Archives the room's changes now, if loaded and changed. Resolves false if the write failed. */
  flush(interviewId: string): Promise<boolean>;
  /**
   * Archives every board file that is not live (left by a crash, or by a close whose final
   * archive write failed), and deletes the files the archive now holds. Run at start and now
   * and then; resolves with how many boards are still waiting.
   */
  archivePending(): Promise<number>;
  /** Closes every room and archives every document (SIGTERM). Later connects are refused. */
  closeAll(): Promise<void>;
  /**
   * Another process asks for this board: archive it, close it (its clients reconnect through the
   * proxy) and give up ownership. A room opened less than `minTenureMs` before the request (or
   * still opening when it came) stays (two processes
   * asking in turn would otherwise pass it back and forth).
   */
  handOver(interviewId: string, minTenureMs: number): Promise<THandOverResult>;
  /** Ownership was lost (lease not renewed): stop serving the board now; its clients reconnect. */
  relinquish(interviewId: string): Promise<void>;
  /** Live boards with their owner epochs (for the cluster's checks and metrics). */
  list(): Array<{ interviewId: string; epoch: number; sessions: number; openedAt: number; isOwned: boolean }>;
  stats(): TBoardStats;
};

export type TBoardStats = {
  /** Live boards in this process. */
  rooms: number;
  /** Boards opened since the start. */
  roomsOpened: number;
  /** Live boards whose archive writes are failing (their edits are safe in their board files). */
  archiveFailing: number;
  /** Archive writes refused because another process had claimed the board since (fencing). */
  fencedWrites: number;
  /** Boards given up without reaching the archive, passed to the next owner through the handoff. */
  handedOffUnarchived: number;
};

export class BoardUnavailableError extends Error {
  constructor(message = 'The whiteboard server is shutting down') {
    super(message);
    this.name = 'BoardUnavailableError';
  }
}

/**
 * Another process serves this board and keeps it for now (it just opened it): the client should
 * reconnect through the proxy, which routes it to the board's process once routing agrees.
 */
export class BoardElsewhereError extends BoardUnavailableError {
  constructor(message = 'The whiteboard is served by another server') {
    super(message);
    this.name = 'BoardElsewhereError';
  }
}

const CONSOLE_LOG: TBoardLog = {
  warn: (message, ...details) => console.warn(message, ...details),
  error: (message, ...details) => console.error(message, ...details),
};

/**
 * Loaded from the archive after an owner stopped without archiving everything (a crash, or a
 * process that lost the board to another): the acknowledged edits it did not archive are lost,
 * and clients may have seen document clocks past the archive's. tldraw sends a reconnecting
 * client only what changed since the clock it last saw, which would leave each client with its
 * own version of the lost edits. Moving the clock far ahead, with no history before it, makes
 * every client's next connect a full reload of the server's board (keeping its own unsent edits).
 */
export const CLOCK_JUMP_AFTER_LOSS = 2 ** 40;

/**
 * The clock the next owner starts from after a loss: above every clock the lost owner can have
 * issued. That owner started at `previousLineageStart` (recorded by `begin` before it accepted
 * any edit) and made fewer than 2^40 changes (35 years at 1,000 a second), so one jump above the
 * larger of that start and the archive's clock clears it, however many losses come in a row.
 */
function startAfterLoss(archivedClock: number, previousLineageStart: number): number {
  return Math.max(archivedClock, previousLineageStart) + CLOCK_JUMP_AFTER_LOSS;
}

function withFullReload(snapshot: RoomSnapshot, clock: number): RoomSnapshot {
  return { ...snapshot, documentClock: clock, clock, tombstoneHistoryStartsAtClock: clock };
}

/**
 * One live TLSocketRoom per interview in this process (tldraw requires exactly one per room
 * across all processes: with several app processes, route an interview to one of them; the
 * archive's owner epoch fences a process that lost a board).
 *
 * Every open, close and connect for an interview runs under that interview's lock, so two
 * simultaneous first joins load the document once and share one room, and a join that races an
 * empty room's close waits for the close and then opens what it left.
 */
export function createRoomRegistry(options: TRoomRegistryOptions): TRoomRegistry {
  const archiveDelayMs = options.archiveDelayMs ?? 1000;
  const retryDelayMs = options.retryDelayMs ?? 5000;
  const emptyRoomGraceMs = options.emptyRoomGraceMs ?? 2000;
  const assetUrlPrefix = options.assetUrlPrefix ?? (() => BOARD_ASSET_URL_PREFIX);
  const limits = options.limits ?? BOARD_LIMITS;
  const log = options.log ?? CONSOLE_LOG;
  const { files, archive } = options;

  const rooms = new Map<string, BoardRoom>();
  const locks = new Map<string, Promise<unknown>>();
  const emptyTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const readOnly = new Set<string>();
  const { ownership, handoff } = options;
  let isShuttingDown = false;
  let roomsOpened = 0;
  let fencedWrites = 0;
  let handedOffUnarchived = 0;

  /**
   * Closes a room this process gives up. If the final archive write fails, the document goes to
   * the handoff (when there is one) before the caller releases the board.
   */
  function closeRoom(interviewId: string, room: BoardRoom, reason: TBoardCloseReason): Promise<boolean> {
    if (!handoff) return room.close(reason);
    return room.close(reason, {
      onUnarchived: async (document) => {
        if (await handoff.put(interviewId, document)) {
          handedOffUnarchived++;
          log.warn(`[board ${interviewId}] the archive is unreachable: the board (clock ${document.clock}, archived to ${document.archivedClock}) goes to the next owner through the handoff`);
        } else {
          log.error(`[board ${interviewId}] neither the archive nor the handoff took the board; its file here keeps it`);
        }
      },
    });
  }

  function withLock<T>(interviewId: string, task: () => Promise<T> | T): Promise<T> {
    const previous = locks.get(interviewId) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    locks.set(interviewId, settled);
    void settled.then(() => {
      if (locks.get(interviewId) === settled) locks.delete(interviewId);
    });
    return run;
  }

  function cancelEmptyTimer(interviewId: string) {
    const timer = emptyTimers.get(interviewId);
    if (timer) clearTimeout(timer);
    emptyTimers.delete(interviewId);
  }

  function onEmpty(interviewId: string) {
    cancelEmptyTimer(interviewId);
    emptyTimers.set(
      interviewId,
      setTimeout(() => {
        emptyTimers.delete(interviewId);
        void closeIfEmpty(interviewId);
      }, emptyRoomGraceMs),
    );
  }

  function closeIfEmpty(interviewId: string): Promise<void> {
    return withLock(interviewId, async () => {
      const room = rooms.get(interviewId);
      if (!room || room.isClosed || room.sessionCount > 0) return;
      rooms.delete(interviewId);
      // Nothing is at stake if the final archive write fails: the board file stays, and the
      // next open (or archivePending) picks it up; with a handoff, another process can too.
      if (!(await closeRoom(interviewId, room, 'room_closed'))) log.warn(`[board ${interviewId}] closed before its final archive write; the board file keeps it`);
      await ownership?.release(interviewId);
    });
  }

  /** Under the lock: closes a live room whose clients must reconnect elsewhere, and gives the board up. */
  async function closeMoved(interviewId: string): Promise<boolean> {
    const room = rooms.get(interviewId);
    let isArchived = true;
    if (room) {
      log.info?.(`[board ${interviewId}] closing: its clients reconnect to the next owner`);
      rooms.delete(interviewId);
      isArchived = await closeRoom(interviewId, room, 'moved');
    }
    await ownership?.release(interviewId);
    return isArchived;
  }

  async function openFile(interviewId: string): Promise<{ file: TBoardFile; epoch: number; hasKeyframe: boolean }> {
    const local = files.peek(interviewId);
    const claim = await archive.claim(interviewId);
    const { file, hasKeyframe } = await (async () => {
      if (local && local.epoch === claim.previousEpoch) {
        // Nobody has owned the board since this file was written: it holds every acknowledged
        // edit, the archive possibly fewer (the room archives the rest at once).
        const opened = files.open(interviewId);
        opened.setMeta({ epoch: claim.epoch });
        return { file: opened, hasKeyframe: local.archivedClock >= 0 };
      }
      // The previous owner gave the board up without reaching the archive, and left it here.
      const handed = await handoff?.take(interviewId);
      if (handed && handed.epoch === claim.previousEpoch) {
        if (local) files.discard(interviewId);
        log.info?.(`[board ${interviewId}] opened from the previous owner's handoff (clock ${handed.clock}, archived to ${handed.archivedClock})`);
        const snapshot = JSON.parse(handed.snapshotJson) as RoomSnapshot;
        return { file: files.open(interviewId, { snapshot, meta: { archivedClock: handed.archivedClock, epoch: claim.epoch } }), hasKeyframe: handed.archivedClock >= 0 };
      }
      if (local) files.discard(interviewId);
      const { snapshot, clock } = await archive.load(interviewId);
      if (claim.wasClean) {
        if (!snapshot) return { file: files.open(interviewId, { meta: { archivedClock: -1, epoch: claim.epoch } }), hasKeyframe: false };
        return { file: files.open(interviewId, { snapshot, meta: { archivedClock: clock, epoch: claim.epoch } }), hasKeyframe: true };
      }
      // The previous owner stopped without archiving everything it acknowledged.
      log.warn(`[board ${interviewId}] the previous owner stopped without archiving; clients reload the archived board`);
      const start = startAfterLoss(clock, claim.previousLineageStart);
      const initial = withFullReload(snapshot ?? (DEFAULT_INITIAL_SNAPSHOT as RoomSnapshot), start);
      // Nothing of the jump is archived yet, but the archive's content equals this document's.
      const archivedClock = snapshot ? start : -1;
      return { file: files.open(interviewId, { snapshot: initial, meta: { archivedClock, epoch: claim.epoch } }), hasKeyframe: Boolean(snapshot) };
    })();
    try {
      await archive.begin(interviewId, { epoch: claim.epoch, clock: file.storage.getClock() });
    } catch (error) {
      file.close();
      throw error;
    }
    return { file, epoch: claim.epoch, hasKeyframe };
  }

  async function open(interviewId: string, opts: { wait: boolean } = { wait: true }): Promise<BoardRoom | null> {
    const existing = rooms.get(interviewId);
    if (existing && !existing.isClosed) return existing;
    // The lease before the claim: a process that cannot get the board never bumps its epoch.
    if (ownership && !(await ownership.acquire(interviewId, opts))) return null;
    let opened: Awaited<ReturnType<typeof openFile>>;
    try {
      opened = await openFile(interviewId);
    } catch (error) {
      await ownership?.release(interviewId);
      throw error;
    }
    const { file, epoch, hasKeyframe } = opened;
    let room: BoardRoom;
    try {
      room = new BoardRoom({
        interviewId,
        file,
        archive,
        epoch,
        hasKeyframe,
        archiveDelayMs,
        retryDelayMs,
        clientTimeoutMs: options.clientTimeoutMs,
        assetUrlPrefix: assetUrlPrefix(interviewId),
        limits,
        log,
        onArchived: (clock, delayMs) => options.onArchived?.(interviewId, clock, delayMs),
        onEmpty: () => onEmpty(interviewId),
        ...(handoff
          ? {
              // This process cannot store the board: another one should serve it (with every edit).
              onArchiveFailed: () =>
                void withLock(interviewId, async () => {
                  if (rooms.get(interviewId) !== room || room.isClosed) return;
                  log.warn(`[board ${interviewId}] archive write failed: giving the board up to another process`);
                  cancelEmptyTimer(interviewId);
                  await closeMoved(interviewId);
                }),
            }
          : {}),
        onFenced: () => {
          fencedWrites++;
          void withLock(interviewId, async () => {
            if (rooms.get(interviewId) !== room) return void (await room.close('moved'));
            await closeMoved(interviewId);
          });
        },
      });
    } catch (error) {
      file.close();
      await ownership?.release(interviewId);
      throw error;
    }
    rooms.set(interviewId, room);
    roomsOpened++;
    log.info?.(`[board ${interviewId}] opened`);
    return room;
  }

  /** Ownership can be lost between frames (a paused process resumes after its lease expired). */
  function isStillOwned(interviewId: string, room: BoardRoom): boolean {
    if (!ownership || ownership.isHeld(interviewId)) return true;
    if (!room.isClosed) void withLock(interviewId, () => (rooms.get(interviewId) === room ? closeMoved(interviewId) : undefined));
    return false;
  }

  return {
    connect(interviewId, opts) {
      if (isShuttingDown) return Promise.reject(new BoardUnavailableError());
      return withLock(interviewId, async () => {
        if (isShuttingDown) throw new BoardUnavailableError();
        const room = await open(interviewId);
        if (!room) throw new BoardUnavailableError('The whiteboard is moving to another server');
        cancelEmptyTimer(interviewId);
        const isReadonly = opts.isReadonly || readOnly.has(interviewId);
        // Connected inside the lock: a close queued behind us sees this session and keeps the room.
        room.connect({ sessionId: opts.sessionId, socket: opts.socket, isReadonly, meta: opts.meta });
        return {
          interviewId,
          sessionId: opts.sessionId,
          isReadonly,
          receive: (frame: string) => {
            if (isStillOwned(interviewId, room)) room.receive(opts.sessionId, frame);
          },
          leave: () => room.removeSession(opts.sessionId),
          disconnect: () => room.disconnect(opts.sessionId),
          close: (reason: TBoardCloseReason) => room.closeSession(opts.sessionId, reason),
        };
      });
    },

    get: (interviewId) => rooms.get(interviewId),

    setReadOnly(interviewId) {
      readOnly.add(interviewId);
      return withLock(interviewId, async () => {
        const room = rooms.get(interviewId);
        if (!room || room.isClosed) return;
        room.closeWritableSessions('readonly');
        // The interview is over: archive its final board now, with a keyframe.
        await room.flush({ isFinal: true });
      });
    },

    isReadOnly: (interviewId) => readOnly.has(interviewId),

    flush(interviewId) {
      const room = rooms.get(interviewId);
      return room ? room.flush() : Promise.resolve(true);
    },

    async archivePending() {
      let waiting = 0;
      for (const interviewId of files.list()) {
        if (isShuttingDown) break;
        const isArchived = await withLock(interviewId, async () => {
          if (rooms.has(interviewId)) return true;
          try {
            // Another process serving this board now has claimed past this file: it is dropped
            // when this process next opens the board.
            const room = await open(interviewId, { wait: false });
            if (!room) return false;
            rooms.delete(interviewId);
            const isArchived = await closeRoom(interviewId, room, 'room_closed');
            await ownership?.release(interviewId);
            return isArchived;
          } catch (error) {
            log.error(`[board ${interviewId}] could not archive the board file`, error);
            return false;
          }
        });
        if (!isArchived) waiting++;
      }
      return waiting;
    },

    async closeAll() {
      isShuttingDown = true;
      for (const interviewId of emptyTimers.keys()) cancelEmptyTimer(interviewId);
      const results = await Promise.all(
        [...rooms.keys()].map((interviewId) =>
          withLock(interviewId, async () => {
            const room = rooms.get(interviewId);
            if (!room) return true;
            rooms.delete(interviewId);
            // With other processes to take over, clients reconnect at once (through the proxy).
            const isArchived = await closeRoom(interviewId, room, ownership ? 'moved' : 'room_closed');
            await ownership?.release(interviewId);
            if (!isArchived) log.error(`[board ${interviewId}] final archive write failed; the board file keeps every edit for the next start`);
            return isArchived;
          }),
        ),
      );
      if (results.includes(false)) log.error('[board] closeAll: some boards were not archived (their board files keep them)');
    },

    handOver(interviewId, minTenureMs) {
      // Judged when asked, not when the lock comes free: on a busy process the request can wait
      // behind the joins of a board being opened, which must not count as the board's tenure.
      const askedAt = Date.now();
      return withLock(interviewId, async (): Promise<THandOverResult> => {
        const room = rooms.get(interviewId);
        if (!room) {
          // Not live here (a lease left behind by a failed release): let it go.
          await ownership?.release(interviewId);
          return 'not_here';
        }
        if (askedAt - room.openedAt < minTenureMs) return 'too_recent';
        cancelEmptyTimer(interviewId);
        await closeMoved(interviewId);
        return 'released';
      });
    },

    relinquish(interviewId) {
      return withLock(interviewId, async () => {
        cancelEmptyTimer(interviewId);
        await closeMoved(interviewId);
      });
    },

    list: () =>
      [...rooms.entries()].map(([interviewId, room]) => ({
        interviewId,
        epoch: room.epoch,
        sessions: room.sessionCount,
        openedAt: room.openedAt,
        // A room whose ownership lapsed serves no frame any more (it is being closed).
        isOwned: !room.isClosed && (ownership?.isHeld(interviewId) ?? true),
      })),

    stats: () => ({
      rooms: rooms.size,
      roomsOpened,
      fencedWrites,
      handedOffUnarchived,
      archiveFailing: [...rooms.values()].filter((room) => room.archiveFailingSince !== null).length,
    }),
  };
}
