import { describe, expect, it } from 'vitest';
import { boardAt, buildFrames, shapesOf, type TBoardDocument, type TReplayEvent, type TReplayRecord } from '@/lib/domain/board-replay';

const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);
const doc: TReplayRecord = { id: 'document:document', typeName: 'document', name: '' };
const page: TReplayRecord = { id: 'page:page', typeName: 'page', name: 'Page 1' };
const shape = (id: string, x: number): TReplayRecord => ({ id: `shape:${id}`, typeName: 'shape', type: 'geo', x, y: 0 });
const ids = (d: TBoardDocument) => Object.keys(d).sort();

/** Replays saves like the board store: a keyframe on the first save, then diffs; the final doc. */
function session() {
  const events: TReplayEvent[] = [
    { at: T0 + 1000, sinceClock: 0, clock: 2, diff: { puts: { [doc.id]: doc, [page.id]: page, 'shape:a': shape('a', 1) }, deletes: [] } },
    { at: T0 + 2000, sinceClock: 2, clock: 3, diff: { puts: { 'shape:b': shape('b', 2) }, deletes: [] } },
    { at: T0 + 3000, sinceClock: 3, clock: 5, diff: { puts: { 'shape:a': [shape('a', 1), shape('a', 10)], 'shape:c': shape('c', 3) }, deletes: [] } },
    { at: T0 + 4000, sinceClock: 5, clock: 6, diff: { puts: { 'instance_presence:x': { id: 'instance_presence:x', typeName: 'instance_presence' } }, deletes: ['shape:b'] } },
    { at: T0 + 5000, sinceClock: 6, clock: 7, diff: { puts: { 'shape:d': shape('d', 4) }, deletes: ['shape:c'] } },
  ];
  const final = { [doc.id]: doc, [page.id]: page, 'shape:a': shape('a', 10), 'shape:d': shape('d', 4) };
  return { events, final };
}

describe('boardAt', () => {
  it('is empty before the first stroke', () => {
    const { events } = session();
    const frames = buildFrames({ keyframes: [], events });
    expect(frames.start).toBe(T0 + 1000);
    expect(frames.end).toBe(T0 + 5000);
    expect(boardAt(frames, T0)).toEqual({});
  });

  it('shapes appear and disappear at the times they did live', () => {
    const { events } = session();
    const frames = buildFrames({ keyframes: [], events });
    expect(shapesOf(boardAt(frames, T0 + 1000)).map((s) => s.id)).toEqual(['shape:a']);
    expect(ids(boardAt(frames, T0 + 1999))).toEqual(['document:document', 'page:page', 'shape:a']);
    expect(ids(boardAt(frames, T0 + 2500))).toEqual(['document:document', 'page:page', 'shape:a', 'shape:b']);
    const at3 = boardAt(frames, T0 + 3000);
    expect(ids(at3)).toEqual(['document:document', 'page:page', 'shape:a', 'shape:b', 'shape:c']);
    expect(at3['shape:a']).toMatchObject({ x: 10 });
    expect(ids(boardAt(frames, T0 + 4000))).toEqual(['document:document', 'page:page', 'shape:a', 'shape:c']);
    expect(ids(boardAt(frames, T0 + 5000))).toEqual(['document:document', 'page:page', 'shape:a', 'shape:d']);
  });

  it('boardAt(end) equals the final document, with or without keyframes, at every time', () => {
    const { events, final } = session();
    const plain = buildFrames({ keyframes: [], events });
    expect(boardAt(plain, plain.end)).toEqual(final);
    expect(boardAt(plain, plain.end + 60_000)).toEqual(final);

    // Keyframes stored at clocks 2 and 5 (like the store's once-a-minute keyframes).
    const withKeyframes = buildFrames({
      keyframes: [
        { at: T0 + 3000, clock: 5, records: [doc, page, shape('a', 10), shape('b', 2), shape('c', 3)] },
        { at: T0 + 1000, clock: 2, records: [doc, page, shape('a', 1)] },
      ],
      events,
    });
    for (let t = T0; t <= T0 + 6000; t += 250) expect(boardAt(withKeyframes, t)).toEqual(boardAt(plain, t));
    expect(boardAt(withKeyframes, withKeyframes.end)).toEqual(final);
  });

  it('starts from a keyframe with no event (a save after a load) and never mutates stored records', () => {
    const { events } = session();
    // The history was lost after a restart: a keyframe at clock 6 and only the last event.
    const kf = [doc, page, shape('a', 10), shape('c', 3)];
    const frames = buildFrames({ keyframes: [{ at: T0 + 4000, clock: 6, records: kf }], events: [events[4]!] });
    expect(ids(boardAt(frames, T0 + 4500))).toEqual(['document:document', 'page:page', 'shape:a', 'shape:c']);
    expect(ids(boardAt(frames, T0 + 5000))).toEqual(['document:document', 'page:page', 'shape:a', 'shape:d']);
    expect(kf.map((r) => r.id)).toEqual(['document:document', 'page:page', 'shape:a', 'shape:c']);
  });
});
