import { z } from 'zod';
import { type TDimensionId, type TLevelEstimate, type TRecommendation } from '@/lib/domain/rubric';
import { ZScorecardInput } from '@/lib/domain/rubric-schema';
import { ZId } from '@/lib/domain/text-schema';

// Interviewer calibration: what the browser receives about the reference sessions and what it
// sends when scoring one (the normal scorecard input, with the session's slug).

export const ZCalibrationSubmit = ZScorecardInput.extend({ slug: ZId });
export const ZCalibrationRef = z.strictObject({ slug: ZId });

/** One session in the list; `meanAbsoluteGap` of the caller's latest attempt, null before one. */
export type TCalibrationItem = { slug: string; title: string; promptTitle: string; level: 'L5'; meanAbsoluteGap: number | null };

/** The caller's calibration: over the latest attempt at each session they scored. */
export type TCalibrationSummary = { sessions: number; meanAbsoluteGap: number | null };

/** The caller's latest attempt beside the reference: only ever built once they have scored. */
export type TCalibrationResult = {
  band: 'weak' | 'strong';
  debrief: string;
  attempts: number;
  meanAbsoluteGap: number;
  dimensions: Array<{ id: TDimensionId; label: string; yours: number; reference: number; gap: number; rationale: string }>;
  yours: { levelEstimate: TLevelEstimate; recommendation: TRecommendation };
  reference: { levelEstimate: TLevelEstimate; recommendation: TRecommendation };
};

/** A reference session as its page shows it. */
export type TCalibrationSession = {
  slug: string;
  title: string;
  level: 'L5';
  prompt: { title: string; statement: string };
  durationMinutes: number;
  phases: Array<{ name: string; startMs: number }>;
  notes: Array<{ atMs: number; text: string }>;
  result: TCalibrationResult | null;
};
