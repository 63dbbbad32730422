'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createTLStore, type Editor, type SerializedSchema, type TLRecord, type TLStore } from 'tldraw';
import { boardAt, type TBoardDocument, type TReplayRecord } from '@/lib/domain/board-replay';
import { paneTextOf } from '@/lib/domain/api-pane';
import { BOARD_RECORDS, BOARD_STORE_SHAPE_UTILS } from '@/components/whiteboard/tldraw-setup';
import { readableRecord } from './readable-record';
import type { TReplayTimeline } from './use-replay-timeline';

// tldraw keeps at least a document and a page; an empty moment removes only the rest.
const KEPT_TYPES = new Set(['document', 'page']);

/** Replaces the store's document records with `next` (records already migrated). */
function showDocument(store: TLStore, next: TBoardDocument): void {
  const current = store.allRecords().filter((r) => store.schema.types[r.typeName]?.scope === 'document');
  const removed = current.filter((r) => !next[r.id] && !KEPT_TYPES.has(r.typeName)).map((r) => r.id);
  const put = Object.values(next).filter((r) => store.get(r.id as TLRecord['id']) !== (r as unknown as TLRecord)) as unknown as TLRecord[];
  if (!removed.length && !put.length) return;
  store.mergeRemoteChanges(() => {
    if (removed.length) store.remove(removed);
    if (put.length) store.put(put);
  });
}

/**
 * The read-only tldraw store the replay shows, set to the board at time `time`: records
 * migrated to this tldraw's schema once each; a record that does not validate (another tldraw
 * version, or damaged) is left out and counted rather than failing the whole replay.
 */
export function useReplayBoard(timeline: TReplayTimeline | null, time: number) {
  const store = useMemo(() => createTLStore({ shapeUtils: BOARD_STORE_SHAPE_UTILS, records: BOARD_RECORDS }), []);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [shapeCount, setShapeCount] = useState(0);
  const [skippedCount, setSkippedCount] = useState(0);
  // The "API and data" pane as it stood at the moment shown (its updates are board records).
  const [paneText, setPaneText] = useState('');
  const migrated = useRef(new WeakMap<TReplayRecord, TReplayRecord | null>());

  const migrate = useCallback(
    (doc: TBoardDocument, schema: SerializedSchema | null): { doc: TBoardDocument; skipped: number } => {
      const out: TBoardDocument = {};
      let skipped = 0;
      for (const [id, record] of Object.entries(doc)) {
        let next = migrated.current.get(record);
        if (next === undefined) {
          next = readableRecord(store, record, schema);
          migrated.current.set(record, next);
        }
        if (next) out[id] = next;
        else skipped += 1;
      }
      return { doc: out, skipped };
    },
    [store],
  );

  const show = useCallback(
    (t: number) => {
      if (!timeline) return;
      const { doc, skipped } = migrate(boardAt(timeline.frames, t), timeline.schema);
      showDocument(store, doc);
      setShapeCount(Object.values(doc).filter((r) => r.typeName === 'shape').length);
      setSkippedCount(skipped);
      setPaneText(paneTextOf(Object.values(doc)));
    },
    [timeline, migrate, store],
  );

  // Frame the whole final board once; the effect below then shows the chosen moment.
  useEffect(() => {
    if (!timeline || !editor) return;
    show(timeline.to);
    editor.zoomToFit({ animation: { duration: 0 } });
  }, [timeline, editor, show]);

  useEffect(() => {
    if (editor) show(time);
  }, [time, editor, show]);

  const onMount = useCallback((mounted: Editor) => {
    mounted.updateInstanceState({ isReadonly: true });
    setEditor(mounted);
  }, []);

  return { store, editor, onMount, shapeCount, skippedCount, paneText };
}
