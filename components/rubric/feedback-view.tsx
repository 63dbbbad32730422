import { FEEDBACK_DIMENSIONS } from '@/lib/domain/feedback';
import type { TFeedbackView } from '@/lib/protocol/review';
import { formatSubmittedAt } from './scorecard-view';
import styles from './rubric.module.css';

/** Submitted feedback, read-only: the candidate's own copy and what the interviewer reads once released. */
export function FeedbackView({ feedback }: { feedback: TFeedbackView }) {
  return (
    <div className={styles.view} data-testid="feedback-view">
      <dl className={styles.verdict}>
        {FEEDBACK_DIMENSIONS.map((dimension) => (
          <div key={dimension.id} style={{ display: 'contents' }}>
            <dt>{dimension.label}</dt>
            <dd data-testid={`feedback-${dimension.id}`}>{feedback[dimension.id]} / 5</dd>
          </div>
        ))}
      </dl>
      {feedback.comment ? <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{feedback.comment}</p> : null}
      <p className="hint" style={{ margin: 0 }}>
        Submitted {formatSubmittedAt(feedback.submittedAt)}
      </p>
    </div>
  );
}
