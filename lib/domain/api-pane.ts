// The "API and data" pane: one shared plain-text document per interview. Its text is a Yjs
// Y.Text; every local change is a Yjs update, stored as its own append-only record in the
// interview's tldraw room (lib/protocol/board-schema.ts), so it rides the board's sync,
// storage, replay and participant check. Yjs updates merge in any order and any number of times,
// so concurrent and offline edits from both people all survive; tldraw only has to carry records
// that are never edited in place (two people never write the same record).
import * as Y from 'yjs';

/** The record type name, and the prefix of its ids. */
export const PANE_UPDATE_TYPE = 'pane_update';

/** Largest text the pane holds, in characters (a page of endpoints, schemas and numbers is ~5,000). */
export const PANE_MAX_CHARS = 20_000;

/** Largest single update record (base64 characters): a paste of the whole pane fits with room. */
export const PANE_MAX_UPDATE_CHARS = 96 * 1024;

/** Past this many update records, a client folds them into one (same text, fewer records). */
export const PANE_COMPACT_AFTER = 200;

/** The name of the Y.Text inside the Y.Doc. */
const TEXT_NAME = 'pane';

export type TPaneUpdateRecord = {
  id: `${typeof PANE_UPDATE_TYPE}:${string}`;
  typeName: typeof PANE_UPDATE_TYPE;
  /** A Yjs update (encodeStateAsUpdate / the doc's 'update' event), base64. */
  update: string;
};

export function paneText(doc: Y.Doc): Y.Text {
  return doc.getText(TEXT_NAME);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function isBase64(value: string): boolean {
  return value.length % 4 === 0 && BASE64.test(value);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // In slices: String.fromCharCode(...bytes) overflows the argument limit on a big update.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(value: string): Uint8Array {
  const binary = atob(value);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Whether `value` is a base64 Yjs update that Yjs can read (the server's check of a new record). */
export function isReadablePaneUpdate(value: string): boolean {
  if (value.length > PANE_MAX_UPDATE_CHARS || !isBase64(value)) return false;
  try {
    Y.decodeUpdate(fromBase64(value));
    return true;
  } catch {
    return false;
  }
}

/** Applies update records to `doc`; a record Yjs cannot read is skipped. Answers how many applied. */
export function applyPaneRecords(doc: Y.Doc, records: Iterable<{ update: string }>, origin?: unknown): number {
  let applied = 0;
  Y.transact(
    doc,
    () => {
      for (const record of records) {
        try {
          Y.applyUpdate(doc, fromBase64(record.update), origin);
          applied++;
        } catch {
          // Refused by the server on the way in; a damaged stored one must not hide the rest.
        }
      }
    },
    origin,
  );
  return applied;
}

/** The pane's text from a set of records (stored board, replay moment, export). */
export function paneTextOf(records: Iterable<unknown>): string {
  const updates: { update: string }[] = [];
  for (const record of records) {
    const r = record as Partial<TPaneUpdateRecord> | null;
    if (r && r.typeName === PANE_UPDATE_TYPE && typeof r.update === 'string') updates.push({ update: r.update });
  }
  if (updates.length === 0) return '';
  const doc = new Y.Doc();
  applyPaneRecords(doc, updates);
  const text = paneText(doc).toString();
  doc.destroy();
  return text;
}

/**
 * Turns the textarea's change from `before` to `after` into Y.Text operations: one delete and one
 * insert around the common prefix and suffix (what one keystroke, paste or cut is).
 */
export function applyTextChange(text: Y.Text, before: string, after: string): void {
  if (before === after) return;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  if (endBefore > start) text.delete(start, endBefore - start);
  if (endAfter > start) text.insert(start, after.slice(start, endAfter));
}
