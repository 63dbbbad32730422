import type { RoomSnapshot, TLSyncForwardDiff } from '@tldraw/sync-core';
import type { TLRecord } from 'tldraw';

/**
 * What changed in the document since the previous save: full records for puts (tldraw keeps no
 * per-record history), ids for deletes. For the review replay's timeline.
 */
export type TBoardChanges = {
  /** Document clock of the previous save; the diff covers (sinceClock, clock]. */
  sinceClock: number;
  diff: TLSyncForwardDiff<TLRecord>;
};

export type TBoardSave = {
  /**
   * The whole document (a keyframe): records with their last-changed clocks, tombstones and the
   * tldraw schema. Document records only: presence (cursors, selections) lives elsewhere in the
   * room and is never in a snapshot.
   */
  snapshot: RoomSnapshot;
  /** tldraw document clock of `snapshot`; increases with every change. */
  clock: number;
  /**
   * Changes since the previous save of this process, when tldraw still has the history (it
   * prunes tombstones past 5000); absent on the first save after a load or when history is lost.
   */
  changes?: TBoardChanges;
};

/**
 * Persistence port of the whiteboard rooms (implemented with Prisma elsewhere). `save` may be
 * called often (about once a second while people draw) and never concurrently for one interview.
 */
export type TBoardStore = {
  load(interviewId: string): Promise<{ snapshot: RoomSnapshot | null }>;
  save(interviewId: string, input: TBoardSave): Promise<void>;
};

export type TMemoryBoardStore = TBoardStore & {
  /** Every save in order, as stored (JSON round-tripped like a database column). */
  readonly saves: Array<{ interviewId: string } & TBoardSave>;
  /** The latest stored snapshot of an interview. */
  latest(interviewId: string): RoomSnapshot | null;
};

/** In-memory TBoardStore for tests and local experiments. Snapshots are copied through JSON. */
export function createMemoryBoardStore(initial: Record<string, RoomSnapshot> = {}): TMemoryBoardStore {
  const snapshots = new Map<string, string>(Object.entries(initial).map(([id, s]) => [id, JSON.stringify(s)]));
  const saves: TMemoryBoardStore['saves'] = [];
  const latest = (interviewId: string) => {
    const json = snapshots.get(interviewId);
    return json ? (JSON.parse(json) as RoomSnapshot) : null;
  };
  return {
    saves,
    latest,
    async load(interviewId) {
      return { snapshot: latest(interviewId) };
    },
    async save(interviewId, input) {
      const stored = JSON.parse(JSON.stringify(input)) as TBoardSave;
      snapshots.set(interviewId, JSON.stringify(stored.snapshot));
      saves.push({ interviewId, ...stored });
    },
  };
}
