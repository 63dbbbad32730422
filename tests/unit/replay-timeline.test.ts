import { describe, expect, it } from 'vitest';
import { groupMarkers, IDLE_LEAD_MS, idleStretches, replaySpan, skipIdle } from '@/lib/domain/replay-timeline';

const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);

describe('replaySpan', () => {
  it('starts at the interview start, not at the first stored frame (the room opened before the start)', () => {
    expect(replaySpan({ startedAt: T0, endedAt: T0 + 120_000, firstChangeAt: T0 + 5_000, lastFrameAt: T0 + 110_000 })).toEqual({
      from: T0,
      to: T0 + 120_000,
    });
  });
  it('starts at the first board change of an interview never started', () => {
    expect(replaySpan({ startedAt: null, endedAt: T0 + 60_000, firstChangeAt: T0 + 5_000, lastFrameAt: T0 + 50_000 })).toEqual({
      from: T0 + 5_000,
      to: T0 + 60_000,
    });
  });
});

describe('idle stretches', () => {
  const span = { from: T0, to: T0 + 300_000 };
  const activity = [T0 + 5_000, T0 + 10_000, T0 + 200_000].map((at) => ({ at }));

  it('finds the gaps of 30 s or more between changes and markers, ending a little before the next change', () => {
    expect(idleStretches(activity, span)).toEqual([
      { from: T0 + 10_000 + IDLE_LEAD_MS, to: T0 + 200_000 - IDLE_LEAD_MS },
      { from: T0 + 200_000 + IDLE_LEAD_MS, to: T0 + 300_000 - IDLE_LEAD_MS },
    ]);
  });

  it('skips playback from inside a stretch to its end, and leaves other moments alone', () => {
    const stretches = idleStretches(activity, span);
    expect(skipIdle(stretches, T0 + 50_000)).toBe(T0 + 198_000);
    expect(skipIdle(stretches, T0 + 7_000)).toBe(T0 + 7_000);
  });
});

describe('groupMarkers', () => {
  const at = (x: number, label = 'Phase 1') => ({ item: { x, label }, x, width: 60 });

  it('keeps markers apart when their buttons do not touch', () => {
    const groups = groupMarkers([at(0), at(200), at(400)], 800);
    expect(groups.map((g) => g.items.length)).toEqual([1, 1, 1]);
  });

  it('groups markers whose buttons would overlap, in position order, with no two buttons overlapping', () => {
    // A two-minute session on an 800 px track: four events in the first seconds, the end at 2:00.
    const placed = [at(0, 'Phase 1'), at(20, 'Phase 2'), at(33, 'Hint 1'), at(47, 'Note'), at(800, 'End')];
    const groups = groupMarkers(placed, 800);
    expect(groups.map((g) => g.items.map((i) => i.label))).toEqual([['Phase 1', 'Phase 2', 'Hint 1', 'Note'], ['End']]);
    for (let i = 1; i < groups.length; i += 1) expect(groups[i]!.left).toBeGreaterThanOrEqual(groups[i - 1]!.left + groups[i - 1]!.width);
    // Inside the track, also at its ends.
    expect(groups[0]!.left).toBe(0);
    expect(groups[1]!.left + groups[1]!.width).toBe(800);
  });

  it('merges with the previous group when a group grows into it', () => {
    // 170 and 200 overlap; their wider group button would overlap 100's, so all three are one.
    const groups = groupMarkers([at(100), at(170), at(200)], 800);
    expect(groups).toHaveLength(1);
    expect(groups[0]!.items).toHaveLength(3);
  });
});
