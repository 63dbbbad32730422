'use client';

import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { createShapeId, toRichText, useEditor, useValue, type Editor, type TLFrameShape, type TLGeoShape } from 'tldraw';
import { findFreeSpot, type TPoint } from '@/lib/domain/free-space';
import { SD_META_KEY, SD_SHAPES, type TSdShapeSpec } from '@/lib/domain/system-design-shapes';
import { placementView, shapeBoxes } from './place-in-view';
import { SdIcon } from './system-design-shapes';

/** Pointer travel (px) after which pressing a button becomes dragging its shape. */
const DRAG_THRESHOLD = 6;

/**
 * Puts one system-design block on the board as a single undo step, selected: centred on `at`
 * (page coordinates, where it was dropped), else in free space in the user's view.
 */
export function placeSdShape(editor: Editor, spec: TSdShapeSpec, at?: TPoint): void {
  const size = { w: spec.w, h: spec.h };
  const spot = at ? { x: at.x - size.w / 2, y: at.y - size.h / 2 } : findFreeSpot(placementView(editor), shapeBoxes(editor), size);
  const id = createShapeId();
  const meta = { [SD_META_KEY]: spec.kind };
  editor.markHistoryStoppingPoint(`add ${spec.kind}`);
  editor.run(() => {
    if (spec.shape === 'frame') {
      editor.createShape<TLFrameShape>({ id, type: 'frame', x: spot.x, y: spot.y, meta, props: { ...size, name: spec.label } });
      // A region goes around blocks: behind them, so it never hides one it was placed over.
      editor.sendToBack([id]);
    } else {
      editor.createShape<TLGeoShape>({
        id,
        type: 'geo',
        x: spot.x,
        y: spot.y,
        meta,
        props: {
          ...size,
          geo: spec.shape,
          color: spec.color,
          labelColor: 'black',
          fill: 'semi',
          size: 's',
          verticalAlign: 'end',
          richText: toRichText(spec.label),
        },
      });
    }
    editor.select(id);
  });
}

/** Windows narrower than this (phones) start with the panel folded. */
const NARROW_WINDOW_PX = 700;

/**
 * The system-design shapes beside tldraw's toolbar: click a button (or press Enter / Space on
 * it) to place its block in free space in view, or drag it onto the board to drop it there.
 * Render inside <Tldraw>. Hidden while the board is read-only.
 */
export function SystemDesignPanel() {
  const editor = useEditor();
  const isReadonly = useValue('readonly', () => editor.getIsReadonly(), [editor]);
  // Open beside a board with room for it; folded on a phone, where the open panel would cover a
  // third of the board (one tap on its title opens it).
  const [isOpen, setIsOpen] = useState(() => window.innerWidth >= NARROW_WINDOW_PX);
  const [dragging, setDragging] = useState<string | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  // The press that turned into a drag also ends in a click on the button: that click is skipped.
  const skipClick = useRef(false);

  if (isReadonly) return null;

  function onPointerDown(event: ReactPointerEvent<HTMLButtonElement>, spec: TSdShapeSpec) {
    if (event.button !== 0) return;
    const button = event.currentTarget;
    const start = { x: event.clientX, y: event.clientY };
    let isDrag = false;
    button.setPointerCapture(event.pointerId);
    const onMove = (move: PointerEvent) => {
      if (!isDrag && Math.hypot(move.clientX - start.x, move.clientY - start.y) > DRAG_THRESHOLD) {
        isDrag = true;
        setDragging(spec.kind);
      }
    };
    const onUp = (up: PointerEvent) => {
      button.removeEventListener('pointermove', onMove);
      button.removeEventListener('pointerup', onUp);
      button.removeEventListener('pointercancel', onUp);
      setDragging(null);
      if (!isDrag || up.type === 'pointercancel') return;
      skipClick.current = true;
      setTimeout(() => (skipClick.current = false), 0);
      if (!isOverBoard(editor, panelRef.current, up.clientX, up.clientY)) return;
      placeSdShape(editor, spec, editor.screenToPage({ x: up.clientX, y: up.clientY }));
    };
    button.addEventListener('pointermove', onMove);
    button.addEventListener('pointerup', onUp);
    button.addEventListener('pointercancel', onUp);
  }

  return (
    <div
      ref={panelRef}
      className="sd-panel"
      role="toolbar"
      aria-label="System design shapes"
      aria-orientation="vertical"
      data-testid="sd-panel"
      // tldraw listens for pointer and key events on its container: keep ours to ourselves.
      onPointerDown={(e) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
      style={dragging ? { cursor: 'grabbing' } : undefined}
    >
      <button type="button" className="sd-panel-toggle" aria-expanded={isOpen} onClick={() => setIsOpen(!isOpen)} title="System design shapes">
        {isOpen ? 'System design ▾' : 'System design ▸'}
      </button>
      {isOpen
        ? SD_SHAPES.map((spec) => (
            <button
              key={spec.kind}
              type="button"
              className="sd-panel-item"
              data-sd-kind={spec.kind}
              aria-label={`Add ${spec.label}`}
              title={`${spec.label}: click to add, or drag onto the board`}
              onPointerDown={(e) => onPointerDown(e, spec)}
              onClick={() => {
                if (skipClick.current) return;
                placeSdShape(editor, spec);
              }}
            >
              <SdIcon kind={spec.kind} size={18} />
              <span>{spec.label}</span>
            </button>
          ))
        : null}
    </div>
  );
}

/** Whether a screen point is on the board's canvas and not on the panel itself. */
function isOverBoard(editor: Editor, panel: HTMLElement | null, x: number, y: number): boolean {
  const bounds = editor.getViewportScreenBounds();
  if (x < bounds.x || y < bounds.y || x > bounds.x + bounds.w || y > bounds.y + bounds.h) return false;
  if (!panel) return true;
  const rect = panel.getBoundingClientRect();
  return !(x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom);
}
