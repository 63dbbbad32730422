import { describe, expect, it } from 'vitest';
import { entryMean, storedScoresOf, summarizeProgress, type TProgressEntry } from '@/lib/domain/progress';
import { DIMENSION_IDS, RUBRIC_DIMENSIONS, type TDimensionId } from '@/lib/domain/rubric';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 1);

/** Scores in rubric order: requirements, estimation, high-level design, deep dive, scalability, communication. */
function scores(values: [number, number, number, number, number, number]): Record<TDimensionId, number> {
  return Object.fromEntries(DIMENSION_IDS.map((id, i) => [id, values[i]])) as Record<TDimensionId, number>;
}

function entry(id: string, day: number, topics: string[], values: [number, number, number, number, number, number]): TProgressEntry {
  return { interviewId: id, title: `Interview ${id}`, topics, level: 'L5', endedAt: T0 + day * DAY, scores: scores(values), levelEstimate: 'L4' };
}

describe('storedScoresOf', () => {
  const stored = Object.fromEntries(DIMENSION_IDS.map((id, i) => [id, { score: (i % 4) + 1, comment: `about ${id}` }]));

  it('reads the bare scores of what submitScorecard stores', () => {
    expect(storedScoresOf(stored)).toEqual(scores([1, 2, 3, 4, 1, 2]));
  });

  it('gives null for anything else, rather than a chart with holes', () => {
    const { communication: _omitted, ...missingOne } = stored;
    for (const raw of [
      null,
      undefined,
      'scores',
      [],
      {},
      missingOne,
      { ...stored, communication: { score: 5, comment: '' } },
      { ...stored, communication: { score: 0, comment: '' } },
      { ...stored, communication: { score: 2.5, comment: '' } },
      { ...stored, communication: { score: '3', comment: '' } },
      { ...stored, communication: 3 },
      { ...stored, leadership: { score: 3, comment: '' } },
    ]) {
      expect(storedScoresOf(raw), JSON.stringify(raw)).toBeNull();
    }
  });
});

describe('summarizeProgress', () => {
  it('gives every dimension an empty series and no mean, and no topic, for no interviews', () => {
    const summary = summarizeProgress([]);
    expect(summary.entries).toEqual([]);
    expect(summary.topics).toEqual([]);
    expect(summary.dimensions.map((d) => d.id)).toEqual(DIMENSION_IDS);
    expect(summary.dimensions.map((d) => d.label)).toEqual(RUBRIC_DIMENSIONS.map((d) => d.label));
    for (const dimension of summary.dimensions) expect(dimension).toMatchObject({ points: [], mean: null });
  });

  it('orders the series oldest first whatever the input order, ties by interview id', () => {
    const summary = summarizeProgress([
      entry('c', 5, [], [4, 4, 4, 4, 4, 4]),
      entry('b', 1, [], [2, 2, 2, 2, 2, 2]),
      entry('a', 5, [], [3, 3, 3, 3, 3, 3]),
    ]);
    expect(summary.entries.map((e) => e.interviewId)).toEqual(['b', 'a', 'c']);
    const requirements = summary.dimensions[0]!;
    expect(requirements.points).toEqual([
      { interviewId: 'b', title: 'Interview b', endedAt: T0 + DAY, score: 2 },
      { interviewId: 'a', title: 'Interview a', endedAt: T0 + 5 * DAY, score: 3 },
      { interviewId: 'c', title: 'Interview c', endedAt: T0 + 5 * DAY, score: 4 },
    ]);
  });

  it('gives each dimension the mean of its own scores', () => {
    const summary = summarizeProgress([entry('a', 1, [], [1, 2, 3, 4, 1, 2]), entry('b', 2, [], [2, 2, 4, 4, 3, 3])]);
    expect(summary.dimensions.map((d) => d.mean)).toEqual([1.5, 2, 3.5, 4, 2, 2.5]);
    expect(summary.dimensions.map((d) => d.points.map((p) => p.score))).toEqual([
      [1, 2],
      [2, 2],
      [3, 4],
      [4, 4],
      [1, 3],
      [2, 3],
    ]);
  });

  it('averages per topic over the interviews having it, weakest topic first', () => {
    const a = entry('a', 1, ['redis-caching', 'latency'], [3, 3, 3, 3, 3, 3]); // mean 3
    const b = entry('b', 2, ['redis-caching'], [1, 1, 2, 2, 3, 3]); // mean 2
    const c = entry('c', 3, ['latency', 'latency'], [4, 4, 4, 4, 4, 2]); // mean 22/6, and a duplicated topic
    expect(entryMean(c)).toBeCloseTo(22 / 6, 12);
    const { topics } = summarizeProgress([c, a, b]);

    expect(topics.map((t) => t.topic)).toEqual(['redis-caching', 'latency']);
    const [redis, latency] = topics;
    expect(redis).toMatchObject({ topic: 'redis-caching', interviews: 2, mean: 2.5 });
    expect(redis!.dimensionMeans).toEqual(scores([2, 2, 2.5, 2.5, 3, 3]));
    expect(latency!.interviews).toBe(2);
    expect(latency!.mean).toBeCloseTo((3 + 22 / 6) / 2, 12);
    expect(latency!.dimensionMeans).toEqual(scores([3.5, 3.5, 3.5, 3.5, 3.5, 2.5]));
  });

  it('breaks ties between topics by topic id, and skips interviews without topics in the topic table only', () => {
    const { topics, dimensions } = summarizeProgress([
      entry('a', 1, ['sla', 'slo'], [2, 2, 2, 2, 2, 2]),
      entry('b', 2, [], [4, 4, 4, 4, 4, 4]),
    ]);
    expect(topics.map((t) => [t.topic, t.interviews, t.mean])).toEqual([
      ['sla', 1, 2],
      ['slo', 1, 2],
    ]);
    expect(dimensions[0]!.mean).toBe(3);
  });
});
