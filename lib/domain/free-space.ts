// Where a new thing goes on the whiteboard: into free space in the part of the board the user is
// looking at, never over what is drawn there. Pure geometry in page units; no tldraw.

export type TBox = { x: number; y: number; w: number; h: number };
export type TSize = { w: number; h: number };

/** The largest share of the view a placed image may take, on each axis. */
export const MAX_VIEW_SHARE = 0.5;

/** `size` scaled down (never up) to fit within `share` of the view on both axes. */
export function fitToView(size: TSize, view: TSize, share = MAX_VIEW_SHARE): TSize {
  if (size.w <= 0 || size.h <= 0) return size;
  const scale = Math.min(1, (view.w * share) / size.w, (view.h * share) / size.h);
  return { w: size.w * scale, h: size.h * scale };
}

const overlaps = (a: TBox, b: TBox) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function overlapArea(a: TBox, b: TBox): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Candidate positions per axis: fine enough to find a gap, few enough to stay instant. */
const STEPS = 24;

export type TPoint = { x: number; y: number };

/**
 * The top-left corner for a box of `size` inside `view` that covers none of `obstacles` (kept
 * `gap` apart), the one whose centre is nearest `near` (default: the view's centre); `fits:
 * false` with the least-covering spot when the view has no such room (or `size` is bigger than
 * the view).
 */
export function findFreeSpot(view: TBox, obstacles: readonly TBox[], size: TSize, near?: TPoint, gap = 16): { x: number; y: number; fits: boolean } {
  const cx = near?.x ?? view.x + view.w / 2;
  const cy = near?.y ?? view.y + view.h / 2;
  const centred = {
    x: Math.min(Math.max(cx - size.w / 2, view.x), view.x + view.w - size.w),
    y: Math.min(Math.max(cy - size.h / 2, view.y), view.y + view.h - size.h),
  };
  const spanX = view.w - size.w;
  const spanY = view.h - size.h;
  if (spanX < 0 || spanY < 0) return { ...centred, fits: false };

  const padded = obstacles.map((o) => ({ x: o.x - gap, y: o.y - gap, w: o.w + 2 * gap, h: o.h + 2 * gap }));
  const candidates: Array<{ x: number; y: number; distance: number }> = [];
  for (let i = 0; i <= STEPS; i += 1) {
    for (let j = 0; j <= STEPS; j += 1) {
      const x = view.x + (spanX * i) / STEPS;
      const y = view.y + (spanY * j) / STEPS;
      candidates.push({ x, y, distance: Math.hypot(x + size.w / 2 - cx, y + size.h / 2 - cy) });
    }
  }
  candidates.push({ ...centred, distance: 0 });
  candidates.sort((a, b) => a.distance - b.distance);

  let best = { ...centred, covered: Infinity };
  for (const { x, y } of candidates) {
    const box = { x, y, w: size.w, h: size.h };
    if (!padded.some((o) => overlaps(box, o))) return { x, y, fits: true };
    const covered = padded.reduce((sum, o) => sum + overlapArea(box, o), 0);
    if (covered < best.covered) best = { x, y, covered };
  }
  return { x: best.x, y: best.y, fits: false };
}

/**
 * Where to put something of `size`, nearest `near` (default: the view's centre): free space in
 * the view at full size if there is some, else at a smaller size (down to `minScale`), else the
 * least-covering spot at full size.
 */
export function placeInView(view: TBox, obstacles: readonly TBox[], size: TSize, near?: TPoint, minScale = 0.4): TBox {
  for (const scale of [1, 0.75, 0.55, minScale]) {
    const scaled = { w: size.w * scale, h: size.h * scale };
    const spot = findFreeSpot(view, obstacles, scaled, near);
    if (spot.fits) return { x: spot.x, y: spot.y, ...scaled };
  }
  const spot = findFreeSpot(view, obstacles, size, near);
  return { x: spot.x, y: spot.y, ...size };
}
