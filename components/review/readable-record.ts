import type { SerializedSchema, TLRecord, TLStore } from 'tldraw';
import type { TReplayRecord } from '@/lib/domain/board-replay';

/**
 * A stored board record as this tldraw can show it: migrated from the schema it was stored with
 * and validated; null when it does not migrate or validate (written by another tldraw version,
 * or damaged), so the replay can leave it out instead of failing.
 */
export function readableRecord(store: TLStore, record: TReplayRecord, schema: SerializedSchema | null): TReplayRecord | null {
  let next = record as unknown as TLRecord;
  if (schema) {
    const result = store.schema.migratePersistedRecord(next, schema);
    if (result.type !== 'success') return null;
    next = result.value as TLRecord;
  }
  const type = store.schema.types[next.typeName as TLRecord['typeName']];
  if (!type) return null;
  try {
    type.validate(next);
  } catch {
    return null;
  }
  return next as unknown as TReplayRecord;
}

