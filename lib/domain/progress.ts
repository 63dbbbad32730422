/**
 * The candidate's progress: their released scorecards over time, per rubric dimension and per
 * topic. Pure module: no I/O. The use case (lib/use-cases/get-progress.ts) decides which
 * scorecards the candidate may see; this only parses and aggregates them.
 *
 * Means are plain numbers; rounding belongs to whoever displays them.
 */
import { DIMENSION_IDS, RUBRIC_DIMENSIONS, type TDimensionId, type TLevelEstimate, type TTargetLevel } from './rubric';
import { ZStoredScores } from './rubric-schema';

/** One scored interview of the candidate: the latest scorecard version, released to them. */
export type TProgressEntry = {
  interviewId: string;
  title: string;
  topics: readonly string[];
  level: TTargetLevel;
  /** Epoch ms. */
  endedAt: number;
  /** 1-4 for every rubric dimension. */
  scores: Readonly<Record<TDimensionId, number>>;
  /** Null when the stored value is not one we know (the scores are still shown). */
  levelEstimate: TLevelEstimate | null;
};

/** One point of a dimension's series. */
export type TProgressPoint = { interviewId: string; title: string; endedAt: number; score: number };

export type TDimensionProgress = {
  id: TDimensionId;
  label: string;
  /** Oldest first. */
  points: TProgressPoint[];
  /** Null when there is no point. */
  mean: number | null;
};

export type TTopicProgress = {
  topic: string;
  interviews: number;
  /** The mean over this topic's interviews of each interview's mean score. */
  mean: number;
  dimensionMeans: Record<TDimensionId, number>;
};

export type TProgressSummary = {
  /** The entries, oldest first (ties by interview id, so the order is stable). */
  entries: TProgressEntry[];
  /** One per rubric dimension, in rubric order. */
  dimensions: TDimensionProgress[];
  /** Lowest mean first (the weakest topics lead), then by topic id. */
  topics: TTopicProgress[];
};

const DIMENSION_LABELS: ReadonlyMap<TDimensionId, string> = new Map(RUBRIC_DIMENSIONS.map((d) => [d.id, d.label]));

/**
 * The bare 1-4 scores of a stored Scorecard.scores value, or null when it is not the shape
 * submitScorecard stores (a dimension missing, a score out of range, not an object at all):
 * such a row is left out of the progress rather than drawn with holes or failing the page.
 */
export function storedScoresOf(raw: unknown): Record<TDimensionId, number> | null {
  const parsed = ZStoredScores.safeParse(raw);
  if (!parsed.success) return null;
  const out = {} as Record<TDimensionId, number>;
  for (const id of DIMENSION_IDS) out[id] = parsed.data[id].score;
  return out;
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** The mean of one interview's dimension scores. */
export function entryMean(entry: Pick<TProgressEntry, 'scores'>): number {
  return mean(DIMENSION_IDS.map((id) => entry.scores[id])) ?? 0;
}

/** Per dimension the series and its mean; per topic the interview count and the means. */
export function summarizeProgress(input: readonly TProgressEntry[]): TProgressSummary {
  const entries = [...input].sort((a, b) => a.endedAt - b.endedAt || (a.interviewId < b.interviewId ? -1 : a.interviewId > b.interviewId ? 1 : 0));

  const dimensions = DIMENSION_IDS.map((id): TDimensionProgress => {
    const points = entries.map((entry) => ({ interviewId: entry.interviewId, title: entry.title, endedAt: entry.endedAt, score: entry.scores[id] }));
    return { id, label: DIMENSION_LABELS.get(id) ?? id, points, mean: mean(points.map((p) => p.score)) };
  });

  const byTopic = new Map<string, TProgressEntry[]>();
  for (const entry of entries) {
    // A prompt listing a topic twice still counts once for it.
    for (const topic of new Set(entry.topics)) {
      const list = byTopic.get(topic) ?? [];
      list.push(entry);
      byTopic.set(topic, list);
    }
  }
  const topics = [...byTopic].map(([topic, list]): TTopicProgress => {
    const dimensionMeans = {} as Record<TDimensionId, number>;
    for (const id of DIMENSION_IDS) dimensionMeans[id] = mean(list.map((entry) => entry.scores[id])) ?? 0;
    return { topic, interviews: list.length, mean: mean(list.map(entryMean)) ?? 0, dimensionMeans };
  });
  topics.sort((a, b) => a.mean - b.mean || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));

  return { entries, dimensions, topics };
}
