import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { NodeSqliteWrapper, SQLiteSyncStorage, type RoomSnapshot } from '@tldraw/sync-core';
import type { TLRecord } from 'tldraw';

/**
 * Where a live board's document is the truth: one SQLite file per board, written by tldraw's own
 * SQLiteSyncStorage inside the transaction that applies each change. TLSyncRoom sends the
 * author's `push_result` (and the broadcast to the others) only after that transaction has
 * committed, so every edit acknowledged to anybody is already in the file: it survives
 * `kill -9` of the process (WAL with synchronous=NORMAL: a commit is in the OS before the call
 * returns; only a crash of the machine itself can lose the last commits before a checkpoint).
 *
 * The database (PGlite or PostgreSQL) is the archive: the changes and keyframes the review and
 * replay read, and where a board is loaded from when no file is here. After a board is archived
 * completely and closed, its file is deleted, so the folder holds live boards only.
 */
export type TBoardFile = {
  interviewId: string;
  storage: SQLiteSyncStorage<TLRecord>;
  /** The file held a board before this open (false: it was just created, or opened in memory). */
  readonly hadDocument: boolean;
  /** Our bookkeeping beside tldraw's tables. */
  readonly meta: TBoardFileMeta;
  setMeta(meta: Partial<TBoardFileMeta>): void;
  /** Document size per record id, in bytes of JSON as stored (no JSON parsing). */
  recordSizes(): Map<string, number>;
  /** The whole document as RoomSnapshot JSON, built from the stored JSON without parsing it. */
  snapshotJson(): string;
  close(): void;
  /** Closes and deletes the file (the archive holds everything). */
  remove(): void;
};

export type TBoardFileMeta = {
  /** Document clock up to which the archive holds every change. */
  archivedClock: number;
  /** Owner epoch under which this file was written (see the archive). */
  epoch: number;
};

export type TBoardFiles = {
  /**
   * Opens (or creates) an interview's board file. With `snapshot`, the file's content is replaced
   * by it (a board loaded from the archive); without, an existing document is kept as it is.
   */
  open(interviewId: string, opts?: { snapshot?: RoomSnapshot; meta?: TBoardFileMeta }): TBoardFile;
  /** Whether a board file exists with a document in it (without keeping it open). */
  peek(interviewId: string): TBoardFileMeta | null;
  /** Deletes a board file if there is one (a stale copy another owner has moved past). */
  discard(interviewId: string): void;
  /** Interviews that have a board file here (live, or not archived completely yet). */
  list(): string[];
  /** Where files live, or null for in-memory boards (tests). */
  readonly dir: string | null;
};

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Board files under `dir` (DATA_DIR/boards/<instance>), or in memory when `dir` is null: nothing
 * survives the process then, which suits tests of everything but crashes.
 */
export function createBoardFiles(dir: string | null): TBoardFiles {
  if (dir) mkdirSync(dir, { recursive: true });
  const fileOf = (interviewId: string) => {
    // Interview ids are checked by the protocol schema already; this keeps paths inside `dir`.
    if (!SAFE_ID.test(interviewId)) throw new Error(`unsafe board id: ${JSON.stringify(interviewId)}`);
    return dir ? path.join(dir, `${interviewId}.sqlite`) : ':memory:';
  };
  const openDb = (file: string) => {
    const db = new DatabaseSync(file);
    if (file !== ':memory:') {
      // WAL: a commit appends to the log and returns; synchronous=NORMAL skips the fsync per
      // commit (tldraw commits up to ~30 times a second per person), which keeps every commit
      // across a process crash and loses at most the last ones on a power cut.
      // Cheaper commits, the same durability: 1 KiB pages. A drag step rewrites one record, its
      // index entry and the document clock, so each commit appends a few small pages to the log
      // instead of 4 KiB ones (about a fifth less CPU per commit, measured on node:sqlite with
      // tldraw's storage). It applies to new files, which every board file is (see remove()).
      // One connection per file, held by the room that owns the board: with an exclusive lock,
      // taken once, SQLite keeps the WAL index in memory and makes no lock calls per transaction
      // (8 fcntl calls per commit fewer, counted with strace over 5,000 one-record commits).
      // Set before the first access, as WAL mode without shared memory requires. A second opener
      // (peek, another process) gets SQLITE_BUSY while the room is open.
      db.exec('PRAGMA locking_mode=EXCLUSIVE;');
      db.exec('PRAGMA page_size=1024; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;');
    }
    db.exec(`CREATE TABLE IF NOT EXISTS mockroom_meta (id INTEGER PRIMARY KEY CHECK (id = 1), archivedClock INTEGER NOT NULL, epoch INTEGER NOT NULL)`);
    return db;
  };
  const readMeta = (db: DatabaseSync): TBoardFileMeta | null => {
    const row = db.prepare('SELECT archivedClock, epoch FROM mockroom_meta WHERE id = 1').get() as TBoardFileMeta | undefined;
    return row ? { archivedClock: Number(row.archivedClock), epoch: Number(row.epoch) } : null;
  };

  const removeFile = (file: string) => {
    if (file === ':memory:') return;
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  };
  return {
    dir,
    discard(interviewId) {
      removeFile(fileOf(interviewId));
    },
    list() {
      if (!dir) return [];
      return readdirSync(dir)
        .filter((name) => name.endsWith('.sqlite'))
        .map((name) => name.slice(0, -'.sqlite'.length))
        .filter((id) => SAFE_ID.test(id));
    },
    peek(interviewId) {
      if (!dir) return null;
      const file = fileOf(interviewId);
      let db: DatabaseSync;
      try {
        db = new DatabaseSync(file, { open: true, readOnly: true });
      } catch {
        return null;
      }
      try {
        const hasDoc = SQLiteSyncStorage.hasBeenInitialized(new NodeSqliteWrapper(db));
        return hasDoc ? readMeta(db) : null;
      } catch {
        return null;
      } finally {
        db.close();
      }
    },
    open(interviewId, opts = {}) {
      const file = fileOf(interviewId);
      const db = openDb(file);
      try {
        const sql = new NodeSqliteWrapper(db);
        const hadDocument = SQLiteSyncStorage.hasBeenInitialized(sql);
        // tldraw writes a snapshot record by record without a transaction of its own: one commit
        // for the whole load instead of one per record.
        const storage = sql.transaction(() => new SQLiteSyncStorage<TLRecord>({ sql, ...(opts.snapshot ? { snapshot: opts.snapshot } : {}) }));
        let meta: TBoardFileMeta = (!opts.snapshot && readMeta(db)) || opts.meta || { archivedClock: -1, epoch: 0 };
        const writeMeta = db.prepare('INSERT OR REPLACE INTO mockroom_meta (id, archivedClock, epoch) VALUES (1, ?, ?)');
        writeMeta.run(meta.archivedClock, meta.epoch);
        let isOpen = true;
        const close = () => {
          if (!isOpen) return;
          isOpen = false;
          // tldraw prunes tombstones on a one-second trailing throttle after a delete: run it
          // now, or it fires on a closed database and throws from a timer.
          (storage as unknown as { pruneTombstones?: { flush?: () => void } }).pruneTombstones?.flush?.();
          db.close();
        };
        return {
          interviewId,
          storage,
          hadDocument: hadDocument && !opts.snapshot,
          get meta() {
            return meta;
          },
          setMeta(next) {
            meta = { ...meta, ...next };
            writeMeta.run(meta.archivedClock, meta.epoch);
          },
          recordSizes() {
            const sizes = new Map<string, number>();
            for (const row of db.prepare('SELECT id, length(state) AS size FROM documents').iterate() as Iterable<{ id: string; size: number }>) {
              sizes.set(row.id, Number(row.size));
            }
            return sizes;
          },
          snapshotJson() {
            return buildSnapshotJson(db);
          },
          close,
          remove() {
            close();
            removeFile(file);
          },
        };
      } catch (error) {
        db.close();
        throw error;
      }
    },
  };
}

const decoder = new TextDecoder();

/**
 * RoomSnapshot JSON straight from the stored rows: each record's state is already JSON text, so
 * the keyframe is concatenated rather than parsed and stringified again (a 500-shape board is
 * about 250 KB; parsing and re-serialising it cost tens of milliseconds of the event loop).
 */
function buildSnapshotJson(db: DatabaseSync): string {
  const meta = db.prepare('SELECT documentClock, tombstoneHistoryStartsAtClock, schema FROM metadata LIMIT 1').get() as
    | { documentClock: number; tombstoneHistoryStartsAtClock: number; schema: string }
    | undefined;
  if (!meta) throw new Error('board file has no document');
  const parts: string[] = [];
  for (const row of db.prepare('SELECT state, lastChangedClock FROM documents').iterate() as Iterable<{ state: Uint8Array; lastChangedClock: number }>) {
    parts.push(`{"state":${decoder.decode(row.state)},"lastChangedClock":${Number(row.lastChangedClock)}}`);
  }
  const tombstones: string[] = [];
  for (const row of db.prepare('SELECT id, clock FROM tombstones').iterate() as Iterable<{ id: string; clock: number }>) {
    tombstones.push(`${JSON.stringify(row.id)}:${Number(row.clock)}`);
  }
  return (
    `{"documentClock":${Number(meta.documentClock)},"tombstoneHistoryStartsAtClock":${Number(meta.tombstoneHistoryStartsAtClock)},` +
    `"schema":${meta.schema},"tombstones":{${tombstones.join(',')}},"documents":[${parts.join(',')}]}`
  );
}
