'use client';

import { useEffect, useRef, useState } from 'react';
import { useValue, type Editor, type TLRecord } from 'tldraw';
import * as Y from 'yjs';
import { applyPaneRecords, applyTextChange, PANE_MAX_CHARS, PANE_UPDATE_TYPE, paneText, type TPaneUpdateRecord } from '@/lib/domain/api-pane';
import { useBoardEditor } from '@/components/whiteboard/editor-context';
import { compactPane, paneRecords, putPaneUpdate } from '@/components/whiteboard/api-pane-doc';

/** Marks Yjs changes that came from stored records (not typed here): they are not written back. */
const FROM_RECORDS = Symbol('from records');

/**
 * The "API and data" pane: a plain-text document both participants edit at once (endpoints,
 * schemas, numbers). Its text is a Yjs document whose updates ride the board's tldraw room, so
 * it opens with the board. Load with `ssr: false` (it imports tldraw and Yjs).
 */
export default function ApiPane() {
  const editor = useBoardEditor();
  return (
    <section className="panel api-pane" aria-label="API and data">
      <h2>API and data</h2>
      {editor ? <PaneText editor={editor} /> : <p className="hint">Opens with the whiteboard…</p>}
    </section>
  );
}

function PaneText({ editor }: { editor: Editor }) {
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [doc] = useState(() => new Y.Doc());
  // What the textarea held after the last change we know of: the "before" of the next input.
  const shown = useRef('');
  const isReadonly = useValue('readonly', () => editor.getIsReadonly(), [editor]);

  useEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    const text = paneText(doc);

    // The other person's change moves the text under this user's caret: keep the caret and
    // selection where they were in the text (Yjs relative positions, taken before the change).
    let pendingSelection: { start: Y.RelativePosition; end: Y.RelativePosition } | null = null;
    const beforeRemote = () => {
      if (document.activeElement !== textarea) return (pendingSelection = null);
      pendingSelection = {
        start: Y.createRelativePositionFromTypeIndex(text, Math.min(textarea.selectionStart, text.length)),
        end: Y.createRelativePositionFromTypeIndex(text, Math.min(textarea.selectionEnd, text.length)),
      };
    };
    const afterRemote = () => {
      const value = text.toString();
      if (value === textarea.value) return;
      textarea.value = value;
      shown.current = value;
      if (!pendingSelection) return;
      const from = Y.createAbsolutePositionFromRelativePosition(pendingSelection.start, doc)?.index ?? value.length;
      const to = Y.createAbsolutePositionFromRelativePosition(pendingSelection.end, doc)?.index ?? from;
      textarea.setSelectionRange(from, to);
    };

    const applyRecords = (records: TPaneUpdateRecord[]) => {
      if (records.length === 0) return;
      beforeRemote();
      applyPaneRecords(doc, records, FROM_RECORDS);
      afterRemote();
    };

    applyPaneRecords(doc, paneRecords(editor), FROM_RECORDS);
    textarea.value = text.toString();
    shown.current = textarea.value;

    // Every change typed here becomes one stored update.
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_RECORDS) return;
      putPaneUpdate(editor, update);
      compactPane(editor, doc);
    };
    doc.on('update', onUpdate);

    // Updates from the other person, after a reconnect, and from the calculator. Our own come back
    // here too (source 'user'): Yjs ignores an update it already has.
    const stopListening = editor.store.listen(
      ({ changes }) => {
        const added = Object.values(changes.added).filter((r: TLRecord) => (r.typeName as string) === PANE_UPDATE_TYPE);
        applyRecords(added as unknown as TPaneUpdateRecord[]);
      },
      { scope: 'document' },
    );
    return () => {
      stopListening();
      doc.off('update', onUpdate);
    };
  }, [editor, doc]);

  return (
    <textarea
      ref={textareaRef}
      className="api-pane-text"
      aria-label="API and data (shared with the other participant)"
      data-testid="api-pane"
      spellCheck={false}
      maxLength={PANE_MAX_CHARS}
      readOnly={isReadonly}
      placeholder={'POST /v1/urls { longUrl } -> 201 { code }\nurls(code PK, long_url, created_at)\n100M new URLs/day ≈ 1.2K writes/s'}
      onInput={(event) => {
        const after = event.currentTarget.value;
        const before = shown.current;
        shown.current = after;
        doc.transact(() => applyTextChange(paneText(doc), before, after));
      }}
    />
  );
}
