import {
  LEVEL_ESTIMATE_LABELS,
  RECOMMENDATION_LABELS,
  RUBRIC_DIMENSIONS,
  SCORE_MEANINGS,
  type TScore,
  type TTargetLevel,
} from '@/lib/domain/rubric';
import type { TScorecardView } from '@/lib/protocol/review';
import styles from './rubric.module.css';

type Props = {
  scorecard: TScorecardView;
  targetLevel: TTargetLevel;
};

export function formatSubmittedAt(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** One submitted scorecard, read-only: for the candidate and for the interviewer's history. */
export function ScorecardView({ scorecard, targetLevel }: Props) {
  return (
    <article className={styles.view} aria-label={`Scorecard version ${scorecard.version}`} data-testid="scorecard-view">
      <p className="hint">
        Version {scorecard.version} · submitted {formatSubmittedAt(scorecard.submittedAt)}
      </p>
      <dl className={styles.verdict}>
        <dt>Recommendation</dt>
        <dd data-testid="scorecard-recommendation">{RECOMMENDATION_LABELS[scorecard.recommendation]}</dd>
        <dt>Level estimate</dt>
        <dd data-testid="scorecard-level">{LEVEL_ESTIMATE_LABELS[scorecard.levelEstimate]}</dd>
        <dt>Target level</dt>
        <dd>{targetLevel}</dd>
      </dl>
      <ul className={styles.dimensionList}>
        {RUBRIC_DIMENSIONS.map((dimension) => {
          const entry = scorecard.scores[dimension.id];
          const meaning = SCORE_MEANINGS[entry.score as TScore];
          return (
            <li key={dimension.id} data-dimension={dimension.id}>
              <div className={styles.dimensionHead}>
                <strong>{dimension.label}</strong>
                <span className={styles.scoreBadge}>
                  {entry.score}/4 · {meaning.label}
                </span>
              </div>
              {entry.comment ? <p className={styles.comment}>{entry.comment}</p> : null}
              <details className={styles.details}>
                <summary>What meets the {targetLevel} bar</summary>
                <p>{targetLevel === 'L4' ? dimension.l4Anchor : dimension.l5Anchor}</p>
              </details>
            </li>
          );
        })}
      </ul>
      {scorecard.summary ? (
        <section aria-label="Summary">
          <h3>Summary</h3>
          <p className={styles.summaryText}>{scorecard.summary}</p>
        </section>
      ) : null}
    </article>
  );
}
