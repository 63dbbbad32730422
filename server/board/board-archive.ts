import type { RoomSnapshot, TLSyncForwardDiff } from '@tldraw/sync-core';
import type { TLRecord } from '@tldraw/tlschema';
import { applyArchivedChanges } from '@/lib/domain/board-snapshot';

/**
 * What changed in the document since the previous archive write: full records for puts (tldraw
 * keeps no per-record history), ids for deletes. For the review replay's timeline.
 */
export type TBoardChanges = {
  /** Document clock of the previous write; the diff covers (sinceClock, clock]. */
  sinceClock: number;
  diff: TLSyncForwardDiff<TLRecord>;
};

export type TBoardArchiveWrite = {
  /** The owner epoch from `claim`: the write changes nothing if another owner claimed since. */
  epoch: number;
  /** Document clock this write brings the archive up to. */
  clock: number;
  /** Changes since the previous write (absent when unknown: then a keyframe is required). */
  changes?: TBoardChanges;
  /**
   * When the last of `changes` was made (epoch ms). The timeline places them there, not at the
   * write (up to a second later), so an edit acknowledged before a phase change or the end
   * replays before its marker. Absent: the time of the write.
   */
  changedAt?: number;
  /**
   * The whole document (RoomSnapshot JSON) at a clock: a keyframe for loads and the replay. Its
   * clock is `clock`, or earlier when `changes` continue from it (a new board's first write:
   * the empty board, then the first strokes as changes, so the replay shows when they came).
   */
  keyframe?: { clock: number; json: string };
  /** Everything is archived and the owner will write no more (room closed or interview ended). */
  isFinal?: boolean;
};

export type TBoardClaim = {
  /** The new owner's epoch. Every write must carry it. */
  epoch: number;
  /** The epoch before this claim (0: nobody ever owned the board). */
  previousEpoch: number;
  /** The previous owner archived everything it acknowledged, and stopped. */
  wasClean: boolean;
  /** Document clock at which the previous owner started (see `begin`). */
  previousLineageStart: number;
};

export type TArchivedBoard = {
  /** Latest keyframe with every later change applied, or null for a board never written. */
  snapshot: RoomSnapshot | null;
  clock: number;
};

/** Another owner claimed the board since this one did: stop serving it. */
export class BoardFencedError extends Error {
  constructor(interviewId: string, epoch: number) {
    super(`board ${interviewId}: epoch ${epoch} was superseded by another owner`);
    this.name = 'BoardFencedError';
  }
}

/**
 * The archive of whiteboards in the database. Writes are about one a second per busy board
 * (the changes) plus a keyframe now and then; they never hold up an edit, which is already in
 * the board file when it is acknowledged.
 */
export type TBoardArchive = {
  /** Takes ownership: bumps the owner epoch and marks the board as being written. */
  claim(interviewId: string): Promise<TBoardClaim>;
  /**
   * Records the document clock the new owner starts from, before it accepts any edit; throws
   * BoardFencedError when another owner claimed since.
   */
  begin(interviewId: string, start: { epoch: number; clock: number }): Promise<void>;
  load(interviewId: string): Promise<TArchivedBoard>;
  /** Throws BoardFencedError when `write.epoch` is no longer the board's epoch. */
  append(interviewId: string, write: TBoardArchiveWrite): Promise<void>;
};

export type TMemoryBoardArchive = TBoardArchive & {
  /** Every write in order, as stored (JSON round-tripped like a database column). */
  readonly writes: Array<{ interviewId: string } & Omit<TBoardArchiveWrite, 'keyframe'> & { keyframe?: RoomSnapshot }>;
  /** The board as the archive would load it. */
  latest(interviewId: string): RoomSnapshot | null;
  /** Makes the next `count` appends fail (to test retries). */
  failNext(count: number): void;
};

type TMemoryBoard = { epoch: number; isClean: boolean; clock: number; lineageStart: number };

/** In-memory archive for tests; the same rules as the database one. */
export function createMemoryBoardArchive(initial: Record<string, RoomSnapshot> = {}): TMemoryBoardArchive {
  const boards = new Map<string, TMemoryBoard>();
  const writes: TMemoryBoardArchive['writes'] = [];
  let failures = 0;
  for (const [interviewId, snapshot] of Object.entries(initial)) {
    const clock = snapshot.documentClock ?? snapshot.clock ?? 0;
    boards.set(interviewId, { epoch: 0, isClean: true, clock, lineageStart: 0 });
    writes.push({ interviewId, epoch: 0, clock, isFinal: true, keyframe: JSON.parse(JSON.stringify(snapshot)) as RoomSnapshot });
  }
  const latest = (interviewId: string) => rebuild(writes.filter((w) => w.interviewId === interviewId));
  return {
    writes,
    latest,
    failNext(count) {
      failures = count;
    },
    async claim(interviewId) {
      const board = boards.get(interviewId) ?? { epoch: 0, isClean: true, clock: -1, lineageStart: 0 };
      const claim = { epoch: board.epoch + 1, previousEpoch: board.epoch, wasClean: board.isClean, previousLineageStart: board.lineageStart };
      boards.set(interviewId, { ...board, epoch: claim.epoch, isClean: false });
      return claim;
    },
    async begin(interviewId, start) {
      const board = boards.get(interviewId);
      if (!board || board.epoch !== start.epoch) throw new BoardFencedError(interviewId, start.epoch);
      boards.set(interviewId, { ...board, lineageStart: start.clock });
    },
    async load(interviewId) {
      const snapshot = latest(interviewId);
      return { snapshot, clock: snapshot ? (snapshot.documentClock ?? 0) : -1 };
    },
    async append(interviewId, write) {
      if (failures > 0) {
        failures--;
        throw new Error('archive unavailable (test)');
      }
      const board = boards.get(interviewId);
      if (!board || board.epoch !== write.epoch) throw new BoardFencedError(interviewId, write.epoch);
      const { keyframe, ...rest } = write;
      writes.push({
        interviewId,
        ...(JSON.parse(JSON.stringify(rest)) as typeof rest),
        ...(keyframe ? { keyframe: JSON.parse(keyframe.json) as RoomSnapshot } : {}),
      });
      boards.set(interviewId, { ...board, clock: write.clock, isClean: Boolean(write.isFinal) });
    },
  };
}

/** The newest keyframe plus the changes written after it: what a load gives back. */
function rebuild(writes: ReadonlyArray<{ clock: number; changes?: TBoardChanges; keyframe?: RoomSnapshot }>): RoomSnapshot | null {
  let start = -1;
  for (let i = writes.length - 1; i >= 0; i--) {
    if (writes[i]!.keyframe) {
      start = i;
      break;
    }
  }
  if (start < 0) return null;
  const later = writes.slice(start).flatMap((w) => (w.changes ? [{ sinceClock: w.changes.sinceClock, clock: w.clock, diff: w.changes.diff }] : []));
  return applyArchivedChanges(writes[start]!.keyframe!, later);
}
