import { describe, expect, it } from 'vitest';
import { findFreeSpot, fitToView, placeInView, type TBox } from '@/lib/domain/free-space';

const VIEW: TBox = { x: 0, y: 0, w: 1000, h: 600 };
const overlaps = (a: TBox, b: TBox) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a: TBox, b: TBox) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

describe('fitToView', () => {
  it('scales a large image down to half the view, keeping its proportions', () => {
    expect(fitToView({ w: 4000, h: 1000 }, VIEW)).toEqual({ w: 500, h: 125 });
    expect(fitToView({ w: 1000, h: 3000 }, VIEW)).toEqual({ w: 100, h: 300 });
  });
  it('never scales a small one up', () => {
    expect(fitToView({ w: 120, h: 80 }, VIEW)).toEqual({ w: 120, h: 80 });
  });
});

describe('findFreeSpot', () => {
  it('takes the centre of an empty view', () => {
    expect(findFreeSpot(VIEW, [], { w: 200, h: 100 })).toEqual({ x: 400, y: 250, fits: true });
  });

  it('avoids a shape in the middle and stays inside the view, as near the centre as it can', () => {
    const shape = { x: 400, y: 250, w: 200, h: 100 };
    const spot = findFreeSpot(VIEW, [shape], { w: 200, h: 100 });
    const box = { x: spot.x, y: spot.y, w: 200, h: 100 };
    expect(spot.fits).toBe(true);
    expect(overlaps(box, shape)).toBe(false);
    expect(inside(box, VIEW)).toBe(true);
    // Next to the shape, not in a far corner.
    expect(Math.hypot(spot.x + 100 - 500, spot.y + 50 - 300)).toBeLessThan(200);
  });

  it('prefers the spot nearest a given point (a drop)', () => {
    const spot = findFreeSpot(VIEW, [], { w: 100, h: 100 }, { x: 900, y: 100 });
    expect(spot).toEqual({ x: 850, y: 50, fits: true });
  });

  it('says when nothing fits, and returns the spot that covers least', () => {
    const wall = [{ x: 0, y: 0, w: 1000, h: 290 }, { x: 0, y: 310, w: 1000, h: 290 }];
    const spot = findFreeSpot(VIEW, wall, { w: 200, h: 100 });
    expect(spot.fits).toBe(false);
    expect(inside({ x: spot.x, y: spot.y, w: 200, h: 100 }, VIEW)).toBe(true);
  });
});

describe('placeInView', () => {
  it('shrinks what cannot fit at full size before covering anything', () => {
    const shapes = [
      { x: 0, y: 0, w: 1000, h: 200 },
      { x: 0, y: 420, w: 1000, h: 180 },
    ];
    const box = placeInView(VIEW, shapes, { w: 500, h: 250 });
    expect(box.w).toBeLessThan(500);
    for (const shape of shapes) expect(overlaps(box, shape)).toBe(false);
    expect(inside(box, VIEW)).toBe(true);
  });
});
