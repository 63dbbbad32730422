/**
 * The interview rubric: six dimensions scored 1-4 against the anchor of the target level, a
 * hire recommendation, a level estimate, and the pure rule that suggests the last two from the
 * scores. The interviewer always has the final word; the suggestion is a starting point that
 * keeps scorecards consistent between interviewers.
 *
 * Pure module: no I/O.
 */
import type { TScorecardInput } from './rubric-schema';

// ---------------------------------------------------------------------------------------------
// Levels, scores, recommendation
// ---------------------------------------------------------------------------------------------

export const TARGET_LEVELS = ['L4', 'L5'] as const;
export type TTargetLevel = (typeof TARGET_LEVELS)[number];

export const LEVEL_ESTIMATES = ['below_L4', 'L4', 'L5', 'above_L5'] as const;
export type TLevelEstimate = (typeof LEVEL_ESTIMATES)[number];

export const LEVEL_ESTIMATE_LABELS: Readonly<Record<TLevelEstimate, string>> = {
  below_L4: 'Below L4',
  L4: 'L4',
  L5: 'L5',
  above_L5: 'Above L5',
};

export const RECOMMENDATIONS = ['strong_no', 'no', 'yes', 'strong_yes'] as const;
export type TRecommendation = (typeof RECOMMENDATIONS)[number];

export const RECOMMENDATION_LABELS: Readonly<Record<TRecommendation, string>> = {
  strong_no: 'Strong no hire',
  no: 'No hire',
  yes: 'Hire',
  strong_yes: 'Strong hire',
};

export const SCORE_VALUES = [1, 2, 3, 4] as const;
export type TScore = (typeof SCORE_VALUES)[number];

/**
 * Every dimension is scored against the anchor of the level the interview targets (L4 or L5).
 */
export const SCORE_MEANINGS: Readonly<Record<TScore, { label: string; description: string }>> = {
  1: {
    label: 'Well below the bar',
    description:
      'Missing or wrong: the dimension was skipped, or what was said was incorrect, even with hints.',
  },
  2: {
    label: 'Below the bar',
    description:
      'Partly there: covered only with heavy prompting, or shallow / with gaps that matter. ' +
      'Typical of a candidate one level below the target.',
  },
  3: {
    label: 'Meets the bar',
    description: 'Meets the anchor of the target level, with at most minor slips corrected on their own.',
  },
  4: {
    label: 'Exceeds the bar',
    description:
      'Clearly above the anchor of the target level: what you would expect from the next level up.',
  },
};

// ---------------------------------------------------------------------------------------------
// Dimensions
// ---------------------------------------------------------------------------------------------

export type TRubricDimension = {
  id: string;
  label: string;
  description: string;
  /** What meets the bar (a 3) at L4. */
  l4Anchor: string;
  /** What meets the bar (a 3) at L5. */
  l5Anchor: string;
};

export const RUBRIC_DIMENSIONS = [
  {
    id: 'requirements',
    label: 'Requirements and scoping',
    description:
      'Turns a vague prompt into a clear problem: functional requirements, non-functional requirements ' +
      '(scale, latency, availability, consistency, durability) and what is out of scope.',
    l4Anchor:
      'Asks clarifying questions, as many as needed, and writes down the core functional and the main ' +
      'non-functional requirements before designing. Relies on the interviewer to confirm the scope.',
    l5Anchor:
      'Drives scoping: proposes the functional and non-functional requirements and what is out of scope, ' +
      'states assumptions with a reason, and only confirms them with the interviewer. Picks the ' +
      'requirements that shape the design (for example consistency vs availability) and says why.',
  },
  {
    id: 'estimation',
    label: 'Estimation',
    description:
      'Quick back-of-the-envelope numbers that drive decisions: DAU of the product and of the feature, ' +
      'reads vs writes, QPS and peak QPS (about 86,400 ≈ 10^5 seconds a day), storage and bandwidth.',
    l4Anchor:
      'Gets to QPS, peak QPS and storage within an order of magnitude with a clear chain (DAU → feature ' +
      'DAU → actions per user → per second), possibly with some guidance on the inputs.',
    l5Anchor:
      'Does the same quickly and unprompted, rounds sensibly, and uses the numbers to make decisions ' +
      '(for example "10k writes/s at peak fits a single primary", "hot set fits in memory", "needs sharding").',
  },
  {
    id: 'high-level-design',
    label: 'High-level design',
    description:
      'A complete, coherent picture of all the components first (clients, API, services, data stores, ' +
      'caches, queues) with the main data flows and the API and data model.',
    l4Anchor:
      'Draws a working end-to-end design that covers the core use cases, with a reasonable API and data ' +
      'model. Some components may need a nudge.',
    l5Anchor:
      'Lays out all the components and data flows before going deep, with a crisp API and data model, and ' +
      'explains why each component is there. The design visibly follows from the requirements and numbers.',
  },
  {
    id: 'deep-dive',
    label: 'Deep dive and trade-offs',
    description:
      'Goes into the critical components: algorithms, data structures, storage and concurrency choices, ' +
      'with the pros and cons of the alternatives.',
    l4Anchor:
      'Goes into one or two components correctly when asked, names at least one alternative and a pro and ' +
      'a con of each.',
    l5Anchor:
      'Picks the components that matter most without being told, compares real alternatives with their ' +
      'pros and cons, commits to a choice and justifies it against the requirements and the numbers.',
  },
  {
    id: 'scalability-reliability',
    label: 'Scalability and reliability',
    description:
      'Bottlenecks, scaling (vertical and horizontal), partitioning, replication, caching, failure modes, ' +
      'consistency, monitoring and SLOs.',
    l4Anchor:
      'Identifies the obvious bottleneck and scales it (replicas, cache, sharding), and handles the most ' +
      'likely failure when asked.',
    l5Anchor:
      'Finds bottlenecks and single points of failure unprompted, reasons about failure modes, hot spots, ' +
      'consistency under partitions and degradation, and says how the system is observed (SLIs, SLOs, alerts).',
  },
  {
    id: 'communication',
    label: 'Communication and leadership',
    description:
      'Structure, clarity, time management, and who drives the conversation; how hints and pushback ' +
      'are taken.',
    l4Anchor:
      'Explains clearly, thinks out loud, asks for input when stuck and uses hints well. The interviewer ' +
      'may steer the structure.',
    l5Anchor:
      'Leads the interview: sets the agenda, manages the time across phases, makes decisions and only ' +
      'checks in for confirmation, handles pushback with reasons, and summarises the design and its risks.',
  },
] as const satisfies readonly TRubricDimension[];

export type TDimensionId = (typeof RUBRIC_DIMENSIONS)[number]['id'];
export const DIMENSION_IDS = RUBRIC_DIMENSIONS.map((d) => d.id) as [TDimensionId, ...TDimensionId[]];

/**
 * The dimensions that separate L5 from L4: leading the conversation, and going deep with real
 * trade-offs. At L5 they must both meet the bar; to be rated above the target level (at either
 * target) they must both exceed it.
 */
export const LEADERSHIP_DIMENSIONS = ['deep-dive', 'communication'] as const satisfies readonly TDimensionId[];

export type TScores = Readonly<Record<TDimensionId, number>>;

// ---------------------------------------------------------------------------------------------
// Scorecard input
// ---------------------------------------------------------------------------------------------

export type { TDimensionScore, TStoredScores, TScorecardInput } from './rubric-schema';

/** The bare numbers of a scorecard, for `suggestLevel` / `suggestRecommendation`. */
export function scoresOf(scorecard: Pick<TScorecardInput, 'scores'>): TScores {
  const out = {} as Record<TDimensionId, number>;
  for (const id of DIMENSION_IDS) out[id] = scorecard.scores[id].score;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Suggestion rule
// ---------------------------------------------------------------------------------------------

/** Thresholds of the rule, exported so the README and the UI can quote them. */
export const RULE = Object.freeze({
  /** Mean needed to be above the target level. */
  exceedsMean: 3.5,
  /** Mean needed to meet the target level. */
  meetsMean: 2.75,
  /** Mean under which the candidate is far from the target (strong no). */
  nearMean: 2,
});

/**
 * Where the scores sit relative to the target level.
 * - `exceeds`: above the target level.
 * - `meets`: at the target level.
 * - `near`: below the target, but close (one level down).
 * - `far`: clearly below the target.
 */
export type TBand = 'exceeds' | 'meets' | 'near' | 'far';

export type TScoreSummary = {
  band: TBand;
  mean: number;
  min: number;
  /** The lower of the two leadership dimensions (deep dive, communication). */
  leadershipMin: number;
};

function checkScores(scores: TScores): void {
  for (const id of DIMENSION_IDS) {
    const value = scores[id];
    if (!Number.isInteger(value) || value < 1 || value > 4) {
      throw new RangeError(`score for "${id}" must be an integer from 1 to 4, got ${String(value)}`);
    }
  }
}

/**
 * Classifies the scores into a band. The rule (all scores are against the target level's anchors):
 *
 * 1. **exceeds** — mean ≥ 3.5, no score below 3, and both leadership dimensions (deep dive and
 *    communication) at 4.
 * 2. **meets** — mean ≥ 2.75, no score of 1, and, when the target is L5, both leadership
 *    dimensions at 3 or more.
 * 3. **near** — otherwise, mean ≥ 2.
 * 4. **far** — otherwise.
 *
 * @throws RangeError when a dimension is missing or not an integer from 1 to 4.
 */
export function classifyScores(scores: TScores, targetLevel: TTargetLevel): TScoreSummary {
  checkScores(scores);
  const values = DIMENSION_IDS.map((id) => scores[id]);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const min = Math.min(...values);
  const leadershipMin = Math.min(...LEADERSHIP_DIMENSIONS.map((id) => scores[id]));

  let band: TBand;
  if (mean >= RULE.exceedsMean && min >= 3 && leadershipMin === 4) band = 'exceeds';
  else if (mean >= RULE.meetsMean && min >= 2 && (targetLevel === 'L4' || leadershipMin >= 3)) band = 'meets';
  else if (mean >= RULE.nearMean) band = 'near';
  else band = 'far';
  return { band, mean, min, leadershipMin };
}

/**
 * Suggests a level estimate from the scores of an interview that targeted `targetLevel`.
 *
 * | band     | target L4 | target L5 |
 * |----------|-----------|-----------|
 * | exceeds  | L5        | above_L5  |
 * | meets    | L4        | L5        |
 * | near     | below_L4  | L4        |
 * | far      | below_L4  | below_L4  |
 *
 * See `classifyScores` for the bands.
 */
export function suggestLevel(scores: TScores, targetLevel: TTargetLevel): TLevelEstimate {
  const { band } = classifyScores(scores, targetLevel);
  switch (band) {
    case 'exceeds':
      return targetLevel === 'L4' ? 'L5' : 'above_L5';
    case 'meets':
      return targetLevel;
    case 'near':
      return targetLevel === 'L4' ? 'below_L4' : 'L4';
    case 'far':
      return 'below_L4';
  }
}

/**
 * Suggests a hire recommendation for the target level:
 * exceeds → `strong_yes`, meets → `yes`, near → `no`, far → `strong_no`.
 *
 * A `no` at L5 with a `L4` level estimate is a down-level signal, not a rejection of the person:
 * the interviewer says so in the summary.
 */
export function suggestRecommendation(scores: TScores, targetLevel: TTargetLevel): TRecommendation {
  const { band } = classifyScores(scores, targetLevel);
  switch (band) {
    case 'exceeds':
      return 'strong_yes';
    case 'meets':
      return 'yes';
    case 'near':
      return 'no';
    case 'far':
      return 'strong_no';
  }
}
