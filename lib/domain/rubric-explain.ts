/**
 * Plain-language reasons for the rubric's suggestion, so the interviewer sees why a level and a
 * recommendation were suggested before deciding whether to override them.
 *
 * Pure module: no I/O.
 */
import {
  classifyScores,
  DIMENSION_IDS,
  LEADERSHIP_DIMENSIONS,
  LEVEL_ESTIMATE_LABELS,
  RECOMMENDATION_LABELS,
  RULE,
  suggestLevel,
  suggestRecommendation,
  type TDimensionId,
  type TLevelEstimate,
  type TRecommendation,
  type TScores,
  type TScoreSummary,
  type TTargetLevel,
} from './rubric';

export type TSuggestion = {
  levelEstimate: TLevelEstimate;
  recommendation: TRecommendation;
  summary: TScoreSummary;
  /** One or two sentences: which band the scores fall in, and why. */
  why: string;
};

// Typed by the tuple, so a change to LEADERSHIP_DIMENSIONS fails here until the wording follows.
const SHORT_NAMES: Record<(typeof LEADERSHIP_DIMENSIONS)[number], string> = { 'deep-dive': 'deep dive', communication: 'communication' };
const LEADERSHIP_NAMES = LEADERSHIP_DIMENSIONS.map((id) => SHORT_NAMES[id]).join(' and ');

/** "3", "2.83": two decimals at most, no trailing zeros. */
export function formatMean(mean: number): string {
  return String(Math.round(mean * 100) / 100);
}

/** The scores when every dimension has one, else null (the rule needs all six). */
export function completeScores(partial: Partial<Record<TDimensionId, number>>): TScores | null {
  const out = {} as Record<TDimensionId, number>;
  for (const id of DIMENSION_IDS) {
    const value = partial[id];
    if (value === undefined) return null;
    out[id] = value;
  }
  return out;
}

function explainBand(summary: TScoreSummary, target: TTargetLevel): string {
  const mean = formatMean(summary.mean);
  switch (summary.band) {
    case 'exceeds':
      return `Above the ${target} bar: mean ${mean} ≥ ${RULE.exceedsMean}, no score below 3, and ${LEADERSHIP_NAMES} both at 4.`;
    case 'meets': {
      const leadership = target === 'L5' ? `, and ${LEADERSHIP_NAMES} at 3 or more` : '';
      return (
        `Meets the ${target} bar: mean ${mean} ≥ ${RULE.meetsMean}, no score of 1${leadership}. ` +
        `Above the bar would need a mean of ${RULE.exceedsMean} or more, no score below 3 and 4s in ${LEADERSHIP_NAMES}.`
      );
    }
    case 'near': {
      const misses: string[] = [];
      if (summary.mean < RULE.meetsMean) misses.push(`the mean ${mean} is under ${RULE.meetsMean}`);
      if (summary.min < 2) misses.push('a dimension scored 1');
      if (target === 'L5' && summary.leadershipMin < 3) misses.push(`${LEADERSHIP_NAMES} must both be 3 or more at L5`);
      return `Below the ${target} bar because ${misses.join('; ')}. The mean is ${RULE.nearMean} or more, so one level down.`;
    }
    case 'far':
      return `Well below the ${target} bar: the mean ${mean} is under ${RULE.nearMean}.`;
  }
}

/** The suggested level estimate and recommendation for complete scores, with the reason. */
export function explainSuggestion(scores: TScores, target: TTargetLevel): TSuggestion {
  const summary = classifyScores(scores, target);
  const levelEstimate = suggestLevel(scores, target);
  const recommendation = suggestRecommendation(scores, target);
  const why =
    `${explainBand(summary, target)} ` +
    `Suggested: ${LEVEL_ESTIMATE_LABELS[levelEstimate]}, ${RECOMMENDATION_LABELS[recommendation].toLowerCase()}.`;
  return { levelEstimate, recommendation, summary, why };
}

/** The whole rule in four lines, for the form's "How the suggestion works". */
export const RULE_LINES: readonly string[] = [
  `Above the target: mean ≥ ${RULE.exceedsMean}, no score below 3, ${LEADERSHIP_NAMES} both 4 → one level up, strong hire.`,
  `Meets the target: mean ≥ ${RULE.meetsMean}, no score of 1, and at L5 ${LEADERSHIP_NAMES} both 3 or more → the target level, hire.`,
  `Near: otherwise, mean ≥ ${RULE.nearMean} → one level down (below L4 for an L4 target), no hire.`,
  `Far: mean under ${RULE.nearMean} → below L4, strong no hire.`,
];
