// Rebuilding a whole board from the archive: the newest keyframe plus the changes written after
// it. Pure: no tldraw store, no database.
import type { RoomSnapshot, TLSyncForwardDiff } from '@tldraw/sync-core';
import type { TLRecord } from '@tldraw/tlschema';

/** One archive write's changes: the diff covers document clocks (sinceClock, clock]. */
export type TArchivedChanges = { sinceClock: number; clock: number; diff: TLSyncForwardDiff<TLRecord> };

/**
 * Applies archived changes to a keyframe, keeping tldraw's per-record clocks and tombstones, so
 * that the loaded board answers "what changed since clock N" as the live one did. A record put
 * within a write gets that write's clock: the upper bound of when it changed, so a client that
 * asks for changes since any earlier clock gets it (never misses it).
 */
export function applyArchivedChanges(keyframe: RoomSnapshot, later: ReadonlyArray<TArchivedChanges>): RoomSnapshot {
  const documents = new Map<string, RoomSnapshot['documents'][number]>(keyframe.documents.map((d) => [d.state.id, d]));
  const tombstones: Record<string, number> = { ...(keyframe.tombstones ?? {}) };
  let clock = keyframe.documentClock ?? keyframe.clock ?? 0;
  for (const write of later) {
    if (write.clock <= clock) continue;
    for (const [id, put] of Object.entries(write.diff.puts)) {
      const state = (Array.isArray(put) ? put[1] : put) as RoomSnapshot['documents'][number]['state'];
      documents.set(id, { state, lastChangedClock: write.clock });
      delete tombstones[id];
    }
    for (const id of write.diff.deletes) {
      documents.delete(id);
      tombstones[id] = write.clock;
    }
    clock = write.clock;
  }
  return { ...keyframe, documentClock: clock, clock, documents: [...documents.values()], tombstones };
}
