// The "API and data" pane's records in the board's tldraw store (see lib/domain/api-pane.ts):
// writing a Yjs update as a new record, and folding many into one. Loaded with the pane (lazily).
import { uniqueId, type Editor, type TLRecord } from 'tldraw';
import * as Y from 'yjs';
import {
  applyPaneRecords,
  PANE_COMPACT_AFTER,
  PANE_MAX_UPDATE_CHARS,
  PANE_UPDATE_TYPE,
  paneText,
  toBase64,
  type TPaneUpdateRecord,
} from '@/lib/domain/api-pane';

export function paneRecords(editor: Editor): TPaneUpdateRecord[] {
  return editor.store.allRecords().filter((record) => (record.typeName as string) === PANE_UPDATE_TYPE) as unknown as TPaneUpdateRecord[];
}

/**
 * Stores one Yjs update as a new record. Kept out of tldraw's undo history: Ctrl+Z on the board
 * must not undo typing in the pane (the textarea has its own undo).
 */
export function putPaneUpdate(editor: Editor, update: Uint8Array): void {
  const record: TPaneUpdateRecord = { id: `${PANE_UPDATE_TYPE}:${uniqueId()}`, typeName: PANE_UPDATE_TYPE, update: toBase64(update) };
  editor.run(() => editor.store.put([record as unknown as TLRecord]), { history: 'ignore' });
}

/**
 * Replaces the pane's update records with one holding all of them (Yjs merges them losslessly).
 * Safe against a concurrent writer: an update that arrives meanwhile is a record of its own and
 * stays; two people compacting at once leave two equal merged records, which Yjs reads as one.
 */
export function compactPane(editor: Editor, doc: Y.Doc): void {
  const records = paneRecords(editor);
  if (records.length <= PANE_COMPACT_AFTER || editor.getIsReadonly()) return;
  const merged = toBase64(Y.encodeStateAsUpdate(doc));
  if (merged.length > PANE_MAX_UPDATE_CHARS) return;
  const record: TPaneUpdateRecord = { id: `${PANE_UPDATE_TYPE}:${uniqueId()}`, typeName: PANE_UPDATE_TYPE, update: merged };
  editor.run(
    () => {
      editor.store.put([record as unknown as TLRecord]);
      editor.store.remove(records.map((r) => r.id as unknown as TLRecord['id']));
    },
    { history: 'ignore' },
  );
}

/**
 * Appends `text` as a new paragraph at the end of the pane (the estimation calculator's results),
 * whether or not the pane is open. Answers null, or why it could not.
 */
export function appendToPane(editor: Editor, text: string): string | null {
  if (!text.trim()) return 'Nothing to add yet.';
  if (editor.getIsReadonly()) return 'The pane is read-only.';
  const doc = new Y.Doc();
  applyPaneRecords(doc, paneRecords(editor));
  const ytext = paneText(doc);
  const before = ytext.toString();
  const separator = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const stateBefore = Y.encodeStateVector(doc);
  ytext.insert(before.length, `${separator}${text.trimEnd()}\n`);
  putPaneUpdate(editor, Y.encodeStateAsUpdate(doc, stateBefore));
  doc.destroy();
  return null;
}
