import type { Editor, TLTextShape } from 'tldraw';
import { findFreeSpot } from '@/lib/domain/free-space';
import { placementView, shapeBoxes } from './place-in-view';

/**
 * Puts `text` on the board as one text shape in free space in the user's view (nearest the
 * centre, covering nothing drawn), selected, as a single undo step. Answers null, or why it could
 * not.
 */
export async function placeTextOnBoard(editor: Editor, text: string): Promise<string | null> {
  if (!text.trim()) return 'Nothing to place yet.';
  if (editor.getIsReadonly()) return 'The whiteboard is read-only.';
  // Already loaded by the board by the time an editor exists; importing it here statically
  // would pull tldraw into the page's first load.
  const { createShapeId, toRichText } = await import('tldraw');
  const id = createShapeId();
  const view = placementView(editor);
  const obstacles = shapeBoxes(editor);
  editor.markHistoryStoppingPoint('place text');
  editor.run(() => {
    editor.createShape<TLTextShape>({
      id,
      type: 'text',
      x: view.x,
      y: view.y,
      props: { richText: toRichText(text), size: 's', font: 'sans', autoSize: true },
    });
    // Placed by the size tldraw measured, not by a guess.
    const bounds = editor.getShapePageBounds(id);
    if (bounds) {
      const spot = findFreeSpot(view, obstacles, { w: bounds.w, h: bounds.h });
      editor.updateShape<TLTextShape>({ id, type: 'text', x: spot.x, y: spot.y });
    }
    editor.select(id);
  });
  return null;
}
