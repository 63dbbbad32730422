import type { TReviewGuide } from '@/lib/protocol/review';
import styles from './review.module.css';

/**
 * "What a strong answer covered": the prompt's key points with the ones the interviewer ticked,
 * the follow-ups, the whole hint ladder (the revealed ones marked) and the L4 and L5 answer
 * sketches. Shown to whoever the server gave the guide to (get-review.ts decides; this only draws).
 */
export function AnswerKey({ guide, revealedHints, isCandidate }: { guide: TReviewGuide; revealedHints: readonly number[]; isCandidate: boolean }) {
  const covered = new Set(guide.checkedKeyPoints);
  const coveredCount = guide.keyPoints.filter((_, index) => covered.has(index)).length;
  const revealed = new Set(revealedHints);
  return (
    <div className={styles.answerKey} data-testid="answer-key">
      <h3>Key points</h3>
      <p className="muted" data-testid="key-points-covered">
        {isCandidate ? 'The interviewer ticked' : 'You ticked'} {coveredCount} of {guide.keyPoints.length} as covered.
      </p>
      <ul className={styles.checklist}>
        {guide.keyPoints.map((point, index) => {
          const isCovered = covered.has(index);
          return (
            <li key={index} data-covered={isCovered ? 'true' : 'false'}>
              <span aria-hidden="true" className={isCovered ? styles.covered : styles.missed}>
                {isCovered ? '✓' : '○'}
              </span>{' '}
              <span className="sr-only">{isCovered ? 'Covered: ' : 'Not covered: '}</span>
              {point}
            </li>
          );
        })}
      </ul>
      <h3>Follow-up questions</h3>
      <ul className={styles.list}>
        {guide.followUps.map((question, index) => (
          <li key={index}>{question}</li>
        ))}
      </ul>
      <h3>Hint ladder</h3>
      <p className="muted">From the gentlest nudge to the most explicit help.</p>
      <ol className={styles.list}>
        {guide.hints.map((hint, index) => (
          <li key={index}>
            {hint}
            {revealed.has(index) ? <span className="hint"> · revealed</span> : null}
          </li>
        ))}
      </ol>
      <h3>An answer that meets the L4 bar</h3>
      <p className={styles.statement}>{guide.l4Answer}</p>
      <h3>An answer that meets the L5 bar</h3>
      <p className={styles.statement}>{guide.l5Answer}</p>
    </div>
  );
}
