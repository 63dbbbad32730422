'use client';

import { useId, useState, type FormEvent } from 'react';
import {
  DIMENSION_IDS,
  LEVEL_ESTIMATE_LABELS,
  LEVEL_ESTIMATES,
  RECOMMENDATION_LABELS,
  RECOMMENDATIONS,
  RUBRIC_DIMENSIONS,
  SCORE_MEANINGS,
  SCORE_VALUES,
  scoresOf,
  ZLevelEstimate,
  ZRecommendation,
  type TDimensionId,
  type TLevelEstimate,
  type TRecommendation,
  type TScorecardInput,
  type TTargetLevel,
} from '@/lib/domain/rubric';
import { completeScores, explainSuggestion, RULE_LINES } from '@/lib/domain/rubric-explain';
import type { TScorecardView } from '@/lib/use-cases/submit-scorecard';
import { useJsonForm } from '@/components/settings/use-json-form';
import styles from './rubric.module.css';

type Props = {
  interviewId: string;
  targetLevel: TTargetLevel;
  /** The version a correction starts from; absent for the first scorecard. */
  base?: TScorecardView;
  /** Why submitting is not possible yet (for example before the interview starts), or null. */
  blockedReason: string | null;
  onSubmitted: (version: number) => void;
  onCancel?: () => void;
};

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

/**
 * The interviewer's scoring form: a 1-4 score and a comment per dimension beside its L4 / L5
 * anchors, the rule's live suggestion with its reason, and overridable level and recommendation.
 * Drafts live only in this component's state: nothing reaches the server before Submit.
 */
export function ScorecardForm({ interviewId, targetLevel, base, blockedReason, onSubmitted, onCancel }: Props) {
  const uid = useId();
  const { submit, error: serverError, isPending } = useJsonForm<{ version: number }>(
    `/api/interviews/${encodeURIComponent(interviewId)}/scorecards`,
  );
  const [scores, setScores] = useState<TPartialScores>(() =>
    base ? Object.fromEntries(DIMENSION_IDS.map((id) => [id, base.scores[id].score])) : {},
  );
  const [comments, setComments] = useState<Partial<Record<TDimensionId, string>>>(() =>
    base ? Object.fromEntries(DIMENSION_IDS.map((id) => [id, base.scores[id].comment])) : {},
  );
  const [levelOverride, setLevelOverride] = useState<TLevelEstimate | null>(() => initialOverrides(base, targetLevel).level);
  const [recommendationOverride, setRecommendationOverride] = useState<TRecommendation | null>(
    () => initialOverrides(base, targetLevel).recommendation,
  );
  const [summary, setSummary] = useState(base?.summary ?? '');
  const [missing, setMissing] = useState<TDimensionId[]>([]);
  const [clientError, setClientError] = useState<string | null>(null);

  const complete = completeScores(scores);
  const suggestion = complete ? explainSuggestion(complete, targetLevel) : null;
  const levelEstimate = levelOverride ?? suggestion?.levelEstimate ?? null;
  const recommendation = recommendationOverride ?? suggestion?.recommendation ?? null;
  const scoredCount = DIMENSION_IDS.filter((id) => scores[id] !== undefined).length;
  const isLevelOverridden = levelOverride !== null && suggestion !== null && levelOverride !== suggestion.levelEstimate;
  const isRecommendationOverridden =
    recommendationOverride !== null && suggestion !== null && recommendationOverride !== suggestion.recommendation;

  function radioId(dimension: TDimensionId, score: number) {
    return `${uid}-${dimension}-${score}`;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (blockedReason) return;
    const unscored = DIMENSION_IDS.filter((id) => scores[id] === undefined);
    setMissing(unscored);
    if (!complete || unscored.length > 0) {
      const labels = RUBRIC_DIMENSIONS.filter((d) => unscored.includes(d.id)).map((d) => d.label);
      setClientError(`Score every dimension before submitting. Missing: ${labels.join(', ')}.`);
      document.getElementById(radioId(unscored[0]!, 1))?.focus();
      return;
    }
    if (!levelEstimate || !recommendation) {
      setClientError('Choose a level estimate and a recommendation.');
      return;
    }
    setClientError(null);
    const input: TScorecardInput = {
      scores: Object.fromEntries(
        DIMENSION_IDS.map((id) => [id, { score: complete[id], comment: comments[id]?.trim() ?? '' }]),
      ) as TScorecardInput['scores'],
      levelEstimate,
      recommendation,
      summary: summary.trim(),
    };
    const result = await submit(input);
    if (result?.ok) onSubmitted(result.data.version);
  }

  const error = clientError ?? serverError;
  return (
    // method="post": before the scripts have run, never the comments in a URL (prompt-form.tsx).
    <form method="post" className={styles.form} onSubmit={onSubmit} aria-label={base ? 'Scorecard correction' : 'Scorecard'} noValidate>
      {base ? (
        <p className="alert info">
          Correcting version {base.version}. Submitting stores a new version; version {base.version} is kept unchanged.
        </p>
      ) : null}
      <section aria-label="Score meanings">
        <p className="hint" style={{ margin: '0 0 0.4rem' }}>
          Score each dimension against the <strong>{targetLevel}</strong> anchor (the target level of this interview).
        </p>
        <dl className={styles.meanings}>
          {SCORE_VALUES.map((value) => (
            <div key={value} style={{ display: 'contents' }}>
              <dt>
                {value} · {SCORE_MEANINGS[value].label}
              </dt>
              <dd>{SCORE_MEANINGS[value].description}</dd>
            </div>
          ))}
        </dl>
      </section>

      {RUBRIC_DIMENSIONS.map((dimension) => {
        const descriptionId = `${uid}-${dimension.id}-description`;
        const isMissing = missing.includes(dimension.id) && scores[dimension.id] === undefined;
        return (
          <fieldset
            key={dimension.id}
            className={styles.dimension}
            aria-describedby={descriptionId}
            data-missing={isMissing}
            data-dimension={dimension.id}
          >
            <legend>{dimension.label}</legend>
            <p id={descriptionId} className="hint" style={{ margin: 0 }}>
              {dimension.description}
            </p>
            <div className={styles.dimensionGrid}>
              <div>
                <div className={styles.scores}>
                  {SCORE_VALUES.map((value) => (
                    <label key={value} className={styles.scoreOption} title={SCORE_MEANINGS[value].description}>
                      <input
                        type="radio"
                        id={radioId(dimension.id, value)}
                        name={`${uid}-score-${dimension.id}`}
                        value={value}
                        checked={scores[dimension.id] === value}
                        onChange={() => setScores((current) => ({ ...current, [dimension.id]: value }))}
                      />
                      <span className={styles.scoreNumber}>{value}</span>
                      <span>{SCORE_MEANINGS[value].label}</span>
                    </label>
                  ))}
                </div>
                {isMissing ? <p className="field-error">Give this dimension a score.</p> : null}
                {/* Labels point at their controls instead of wrapping them, so a control's value never becomes part of its name. */}
                <div className={styles.field}>
                  <label htmlFor={`${uid}-${dimension.id}-comment`}>
                    <span>
                      Comment <span className="sr-only">on {dimension.label}</span>
                    </span>
                  </label>
                  <textarea
                    id={`${uid}-${dimension.id}-comment`}
                    rows={3}
                    maxLength={2000}
                    value={comments[dimension.id] ?? ''}
                    onChange={(event) => setComments((current) => ({ ...current, [dimension.id]: event.target.value }))}
                  />
                </div>
              </div>
              <div className={styles.anchors}>
                {(['L4', 'L5'] as const).map((level) => (
                  <div key={level} className={styles.anchor} data-target={level === targetLevel} data-testid={`anchor-${level}`}>
                    <h4>
                      {level} anchor{level === targetLevel ? ' · target level' : ''}
                    </h4>
                    <p>{level === 'L4' ? dimension.l4Anchor : dimension.l5Anchor}</p>
                  </div>
                ))}
              </div>
            </div>
          </fieldset>
        );
      })}

      <section className={styles.suggestion} aria-labelledby={`${uid}-verdict`}>
        <h3 id={`${uid}-verdict`}>Your verdict</h3>
        <p aria-live="polite" data-testid="scorecard-suggestion">
          {suggestion ? suggestion.why : `Score all six dimensions to see the suggestion (${scoredCount} of 6 scored).`}
        </p>
        <details className={styles.details}>
          <summary>How the suggestion works</summary>
          <ul>
            {RULE_LINES.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
        <div className={styles.verdictFields}>
          <div className={styles.field}>
            <label htmlFor={`${uid}-level`}>Level estimate</label>
            <select
              id={`${uid}-level`}
              value={levelEstimate ?? ''}
              aria-describedby={isLevelOverridden ? `${uid}-level-override` : undefined}
              onChange={(event) => {
                const next = ZLevelEstimate.parse(event.target.value);
                setLevelOverride(next === suggestion?.levelEstimate ? null : next);
              }}
            >
              {levelEstimate === null ? (
                <option value="" disabled>
                  Choose…
                </option>
              ) : null}
              {LEVEL_ESTIMATES.map((value) => (
                <option key={value} value={value}>
                  {LEVEL_ESTIMATE_LABELS[value]}
                  {value === suggestion?.levelEstimate ? ' (suggested)' : ''}
                </option>
              ))}
            </select>
            {isLevelOverridden ? (
              <p id={`${uid}-level-override`} className={styles.override}>
                Overridden: the rule suggests {LEVEL_ESTIMATE_LABELS[suggestion.levelEstimate]}.{' '}
                <button type="button" className="button link" onClick={() => setLevelOverride(null)}>
                  Use the suggestion
                </button>
              </p>
            ) : null}
          </div>
          <div className={styles.field}>
            <label htmlFor={`${uid}-recommendation`}>Recommendation</label>
            <select
              id={`${uid}-recommendation`}
              value={recommendation ?? ''}
              aria-describedby={isRecommendationOverridden ? `${uid}-recommendation-override` : undefined}
              onChange={(event) => {
                const next = ZRecommendation.parse(event.target.value);
                setRecommendationOverride(next === suggestion?.recommendation ? null : next);
              }}
            >
              {recommendation === null ? (
                <option value="" disabled>
                  Choose…
                </option>
              ) : null}
              {RECOMMENDATIONS.map((value) => (
                <option key={value} value={value}>
                  {RECOMMENDATION_LABELS[value]}
                  {value === suggestion?.recommendation ? ' (suggested)' : ''}
                </option>
              ))}
            </select>
            {isRecommendationOverridden ? (
              <p id={`${uid}-recommendation-override`} className={styles.override}>
                Overridden: the rule suggests {RECOMMENDATION_LABELS[suggestion.recommendation].toLowerCase()}.{' '}
                <button type="button" className="button link" onClick={() => setRecommendationOverride(null)}>
                  Use the suggestion
                </button>
              </p>
            ) : null}
          </div>
        </div>
      </section>

      <div className={styles.field}>
        <label htmlFor={`${uid}-summary`}>Summary</label>
        <textarea
          id={`${uid}-summary`}
          rows={5}
          maxLength={5000}
          value={summary}
          onChange={(event) => setSummary(event.target.value)}
        />
      </div>

      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      {blockedReason ? <p className="alert info">{blockedReason}</p> : null}
      <div className={styles.actions}>
        <button type="submit" className="button primary" disabled={isPending || blockedReason !== null}>
          {isPending ? 'Submitting…' : base ? 'Submit correction' : 'Submit scorecard'}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            Cancel correction
          </button>
        ) : null}
        <span className="hint">Submitting is final: a later correction becomes a new version and keeps this one.</span>
      </div>
    </form>
  );
}
