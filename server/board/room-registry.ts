import { BOARD_ASSET_URL_PREFIX, type TBoardCloseReason } from '@/lib/protocol/board';
import { BoardRoom, type TBoardLog, type TBoardSessionMeta, type TBoardSocket } from './board-room';
import type { TBoardStore } from './board-store';

export type TRoomRegistryOptions = {
  store: TBoardStore;
  /** After each successful write: the document up to `clock` is stored (e.g. emit `board:saved`). */
  onSaved?: (interviewId: string, clock: number) => void;
  /** Longest delay between a change and its write. Default 1000 ms. */
  saveDelayMs?: number;
  /** Pause before retrying a failed write. Default 5000 ms. */
  retryDelayMs?: number;
  /**
   * How long an empty room stays loaded before it is written and closed. Default 2000 ms: a
   * client that rejoins at once (read-only switch, page reload) finds the room still in memory.
   */
  emptyRoomGraceMs?: number;
  /** tldraw's idle timeout per session (clients ping every 5 s). Default: tldraw's. */
  clientTimeoutMs?: number;
  /** Prefix every image/video source must start with (then one path segment). Default `/api/assets/`. */
  assetUrlPrefix?: (interviewId: string) => string;
  log?: TBoardLog;
};

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
  /** Writes the room's document now, if loaded and changed. Resolves false if the write failed. */
  flush(interviewId: string): Promise<boolean>;
  /** Closes every room and writes every document (SIGTERM). Later connects are refused. */
  closeAll(): Promise<void>;
  stats(): { rooms: number; roomsOpened: number };
};

export class BoardUnavailableError extends Error {
  constructor(message = 'The whiteboard server is shutting down') {
    super(message);
    this.name = 'BoardUnavailableError';
  }
}

const CONSOLE_LOG: TBoardLog = {
  warn: (message, ...details) => console.warn(message, ...details),
  error: (message, ...details) => console.error(message, ...details),
};

/**
 * One live TLSocketRoom per interview in this process (tldraw requires exactly one per room
 * across all processes: with several app processes, route an interview to one of them).
 *
 * Every open, close and connect for an interview runs under that interview's lock, so two
 * simultaneous first joins load the document once and share one room, and a join that races an
 * empty room's close waits for the close's write and then loads what it wrote.
 */
export function createRoomRegistry(options: TRoomRegistryOptions): TRoomRegistry {
  const saveDelayMs = options.saveDelayMs ?? 1000;
  const retryDelayMs = options.retryDelayMs ?? 5000;
  const emptyRoomGraceMs = options.emptyRoomGraceMs ?? 2000;
  const assetUrlPrefix = options.assetUrlPrefix ?? (() => BOARD_ASSET_URL_PREFIX);
  const log = options.log ?? CONSOLE_LOG;

  const rooms = new Map<string, BoardRoom>();
  const locks = new Map<string, Promise<unknown>>();
  const emptyTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const readOnly = new Set<string>();
  let isShuttingDown = false;
  let roomsOpened = 0;

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
      // Write while the room is still open: if the write fails, the document stays in memory
      // and the room retries, instead of being dropped with unsaved edits.
      if (!(await room.flush())) {
        onEmpty(interviewId);
        return;
      }
      if (room.sessionCount > 0) return;
      rooms.delete(interviewId);
      await room.close('room_closed');
    });
  }

  async function open(interviewId: string): Promise<BoardRoom> {
    const existing = rooms.get(interviewId);
    if (existing && !existing.isClosed) return existing;
    const { snapshot } = await options.store.load(interviewId);
    const room = new BoardRoom({
      interviewId,
      snapshot,
      store: options.store,
      saveDelayMs,
      retryDelayMs,
      clientTimeoutMs: options.clientTimeoutMs,
      assetUrlPrefix: assetUrlPrefix(interviewId),
      log,
      onSaved: (clock) => options.onSaved?.(interviewId, clock),
      onEmpty: () => onEmpty(interviewId),
    });
    rooms.set(interviewId, room);
    roomsOpened++;
    return room;
  }

  return {
    connect(interviewId, opts) {
      if (isShuttingDown) return Promise.reject(new BoardUnavailableError());
      return withLock(interviewId, async () => {
        if (isShuttingDown) throw new BoardUnavailableError();
        const room = await open(interviewId);
        cancelEmptyTimer(interviewId);
        const isReadonly = opts.isReadonly || readOnly.has(interviewId);
        // Connected inside the lock: a close queued behind us sees this session and keeps the room.
        room.connect({ sessionId: opts.sessionId, socket: opts.socket, isReadonly, meta: opts.meta });
        return {
          interviewId,
          sessionId: opts.sessionId,
          isReadonly,
          receive: (frame: string) => room.receive(opts.sessionId, frame),
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
        // The interview is over: store its final board now rather than a second later.
        await room.flush();
      });
    },

    isReadOnly: (interviewId) => readOnly.has(interviewId),

    flush(interviewId) {
      const room = rooms.get(interviewId);
      return room ? room.flush() : Promise.resolve(true);
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
            const isSaved = (await room.close('room_closed')) || (await room.flush());
            if (!isSaved) log.error(`[board ${interviewId}] final save failed; edits since clock ${room.storedClock} are lost`);
            return isSaved;
          }),
        ),
      );
      if (results.includes(false)) log.error('[board] closeAll: some boards could not be saved');
    },

    stats: () => ({ rooms: rooms.size, roomsOpened }),
  };
}
