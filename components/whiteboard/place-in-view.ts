import type { Editor, TLShapeId } from 'tldraw';
import type { TBox } from '@/lib/domain/free-space';

// Type-only tldraw imports: the calculator (in the room's first load) uses this module too.

/** Screen px kept clear along the board's edges, where tldraw's menus and toolbar float. */
const CHROME = { top: 56, right: 24, bottom: 80, left: 24 };

/** The part of the board the user sees, less the strips under tldraw's own controls (page units). */
export function placementView(editor: Editor): TBox {
  const view = editor.getViewportPageBounds();
  const zoom = editor.getZoomLevel();
  const box = {
    x: view.x + CHROME.left / zoom,
    y: view.y + CHROME.top / zoom,
    w: view.w - (CHROME.left + CHROME.right) / zoom,
    h: view.h - (CHROME.top + CHROME.bottom) / zoom,
  };
  // A tiny board (a phone in landscape): use the whole view rather than nothing.
  return box.w > 0 && box.h > 0 ? box : { x: view.x, y: view.y, w: view.w, h: view.h };
}

/** The page bounds of the shapes on the current page, except `except`. */
export function shapeBoxes(editor: Editor, except: ReadonlySet<TLShapeId> = new Set()): TBox[] {
  const out: TBox[] = [];
  for (const id of editor.getCurrentPageShapeIds()) {
    if (except.has(id)) continue;
    const bounds = editor.getShapePageBounds(id);
    if (bounds) out.push({ x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h });
  }
  return out;
}
