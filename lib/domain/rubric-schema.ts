import { z } from 'zod';
import { DIMENSION_IDS, LEVEL_ESTIMATES, RECOMMENDATIONS, TARGET_LEVELS } from './rubric';
import { ZText } from './text-schema';

// The zod schemas of ./rubric.ts, apart so that the scorecard forms and the room do not load zod.

export const ZTargetLevel = z.enum(TARGET_LEVELS);
export const ZLevelEstimate = z.enum(LEVEL_ESTIMATES);
export const ZRecommendation = z.enum(RECOMMENDATIONS);
export const ZDimensionId = z.enum(DIMENSION_IDS);

export const ZScore = z.int().min(1).max(4);

export const ZDimensionScore = z.strictObject({
  score: ZScore,
  comment: ZText.trim().max(2000).default(''),
});
export type TDimensionScore = z.infer<typeof ZDimensionScore>;

/** What Scorecard.scores stores: every dimension, each with its score and comment. */
export const ZStoredScores = z.record(ZDimensionId, ZDimensionScore);
export type TStoredScores = z.infer<typeof ZStoredScores>;

/** A submitted scorecard: every dimension must be scored. */
export const ZScorecardInput = z.strictObject({
  scores: ZStoredScores,
  recommendation: ZRecommendation,
  levelEstimate: ZLevelEstimate,
  summary: ZText.trim().max(5000).default(''),
});
export type TScorecardInput = z.infer<typeof ZScorecardInput>;
