import type { Editor, TLTextShape } from 'tldraw';

/**
 * Puts `text` on the board as one text shape centred in the user's view, selected, as a single
 * undo step. Answers null, or why it could not.
 */
export async function placeTextOnBoard(editor: Editor, text: string): Promise<string | null> {
  if (!text.trim()) return 'Nothing to place yet.';
  if (editor.getIsReadonly()) return 'The whiteboard is read-only.';
  // Already loaded by the board by the time an editor exists; importing it here statically
  // would pull tldraw into the page's first load.
  const { createShapeId, toRichText } = await import('tldraw');
  const id = createShapeId();
  const center = editor.getViewportPageBounds().center;
  editor.markHistoryStoppingPoint('place text');
  editor.run(() => {
    editor.createShape<TLTextShape>({
      id,
      type: 'text',
      x: center.x,
      y: center.y,
      props: { richText: toRichText(text), size: 's', font: 'sans', autoSize: true },
    });
    // Centre on the size tldraw measured, not on a guess.
    const bounds = editor.getShapePageBounds(id);
    if (bounds) editor.updateShape<TLTextShape>({ id, type: 'text', x: center.x - bounds.w / 2, y: center.y - bounds.h / 2 });
    editor.select(id);
  });
  return null;
}
