'use client';

import { useState } from 'react';
import {
  DIMENSION_IDS,
  RUBRIC_DIMENSIONS,
  scoresOf,
  type TDimensionId,
  type TLevelEstimate,
  type TRecommendation,
  type TScorecardInput,
  type TTargetLevel,
} from '@/lib/domain/rubric';
import { completeScores, explainSuggestion } from '@/lib/domain/rubric-explain';
import type { TScorecardView } from '@/lib/protocol/review';

// The scorecard being written: drafts live only in this state, nothing reaches the server before
// Submit. The level and recommendation follow the rule's suggestion unless the interviewer
// overrides them; an override equal to the suggestion is no override.

type TPartialScores = Partial<Record<TDimensionId, number>>;

function initialOverrides(base: TScorecardView | undefined, targetLevel: TTargetLevel) {
  if (!base) return { level: null, recommendation: null };
  // A correction starts from what was submitted: values that differ from the rule's suggestion
  // were overrides then and stay overrides now.
  const suggestion = explainSuggestion(scoresOf(base), targetLevel);
  return {
    level: base.levelEstimate === suggestion.levelEstimate ? null : base.levelEstimate,
    recommendation: base.recommendation === suggestion.recommendation ? null : base.recommendation,
  };
}

export type TDraftCheck = { ok: true; input: TScorecardInput } | { ok: false; message: string; firstMissing?: TDimensionId };

export function useScorecardDraft(targetLevel: TTargetLevel, base: TScorecardView | undefined) {
  const [scores, setScores] = useState<TPartialScores>(() =>
    base ? Object.fromEntries(DIMENSION_IDS.map((id) => [id, base.scores[id].score])) : {},
  );
  const [comments, setComments] = useState<Partial<Record<TDimensionId, string>>>(() =>
    base ? Object.fromEntries(DIMENSION_IDS.map((id) => [id, base.scores[id].comment])) : {},
  );
  const [overrides] = useState(() => initialOverrides(base, targetLevel));
  const [levelOverride, setLevelOverride] = useState<TLevelEstimate | null>(overrides.level);
  const [recommendationOverride, setRecommendationOverride] = useState<TRecommendation | null>(overrides.recommendation);
  const [summary, setSummary] = useState(base?.summary ?? '');
  const [missing, setMissing] = useState<TDimensionId[]>([]);

  const complete = completeScores(scores);
  const suggestion = complete ? explainSuggestion(complete, targetLevel) : null;
  const levelEstimate = levelOverride ?? suggestion?.levelEstimate ?? null;
  const recommendation = recommendationOverride ?? suggestion?.recommendation ?? null;

  /** The input to submit, or why not (and marks the unscored dimensions). */
  function check(): TDraftCheck {
    const unscored = DIMENSION_IDS.filter((id) => scores[id] === undefined);
    setMissing(unscored);
    if (!complete || unscored.length > 0) {
      const labels = RUBRIC_DIMENSIONS.filter((d) => unscored.includes(d.id)).map((d) => d.label);
      return { ok: false, message: `Score every dimension before submitting. Missing: ${labels.join(', ')}.`, firstMissing: unscored[0] };
    }
    if (!levelEstimate || !recommendation) return { ok: false, message: 'Choose a level estimate and a recommendation.' };
    const input: TScorecardInput = {
      scores: Object.fromEntries(
        DIMENSION_IDS.map((id) => [id, { score: complete[id], comment: comments[id]?.trim() ?? '' }]),
      ) as TScorecardInput['scores'],
      levelEstimate,
      recommendation,
      summary: summary.trim(),
    };
    return { ok: true, input };
  }

  return {
    scores,
    setScore: (id: TDimensionId, score: number) => setScores((current) => ({ ...current, [id]: score })),
    comments,
    setComment: (id: TDimensionId, comment: string) => setComments((current) => ({ ...current, [id]: comment })),
    isMissing: (id: TDimensionId) => missing.includes(id) && scores[id] === undefined,
    scoredCount: DIMENSION_IDS.filter((id) => scores[id] !== undefined).length,
    suggestion,
    levelEstimate,
    /** A chosen value equal to the suggestion follows the suggestion again. */
    chooseLevel: (next: TLevelEstimate | null) => setLevelOverride(next === suggestion?.levelEstimate ? null : next),
    recommendation,
    chooseRecommendation: (next: TRecommendation | null) =>
      setRecommendationOverride(next === suggestion?.recommendation ? null : next),
    summary,
    setSummary,
    check,
  };
}

export type TScorecardDraft = ReturnType<typeof useScorecardDraft>;
