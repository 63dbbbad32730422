import { LEVEL_ESTIMATE_LABELS, RECOMMENDATION_LABELS, RUBRIC_DIMENSIONS, SCORE_MEANINGS, type TScore } from '@/lib/domain/rubric';
import type { TScorecardView } from '@/lib/protocol/review';
import styles from './review.module.css';

type Props = { scorecard: TScorecardView; targetLevel: 'L4' | 'L5' };

/** The latest scorecard with both anchors beside each score, so the reader sees the bar at either level. */
export function ReviewScorecard({ scorecard, targetLevel }: Props) {
  return (
    <div data-testid="review-scorecard">
      <p className="hint">
        Version {scorecard.version} · scored against the {targetLevel} bar
      </p>
      <dl className={styles.anchors}>
        <dt>Level estimate</dt>
        <dd data-testid="review-level-estimate">{LEVEL_ESTIMATE_LABELS[scorecard.levelEstimate]}</dd>
        <dt>Recommendation</dt>
        <dd>{RECOMMENDATION_LABELS[scorecard.recommendation]}</dd>
      </dl>
      <ul className={styles.list}>
        {RUBRIC_DIMENSIONS.map((dimension) => {
          const entry = scorecard.scores[dimension.id];
          return (
            <li key={dimension.id} data-dimension={dimension.id}>
              <strong>{dimension.label}</strong>: {entry.score}/4 · {SCORE_MEANINGS[entry.score as TScore].label}
              {entry.comment ? <p className={styles.noteText}>{entry.comment}</p> : null}
              <dl className={styles.anchors}>
                <dt>L4</dt>
                <dd>{dimension.l4Anchor}</dd>
                <dt>L5</dt>
                <dd>{dimension.l5Anchor}</dd>
              </dl>
            </li>
          );
        })}
      </ul>
      {scorecard.summary ? <p className={styles.noteText}>{scorecard.summary}</p> : null}
    </div>
  );
}
