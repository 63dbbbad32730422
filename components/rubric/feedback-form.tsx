'use client';

import { useId, useState, type FormEvent } from 'react';
import {
  FEEDBACK_DIMENSIONS,
  MAX_FEEDBACK_COMMENT,
  RATING_LABELS,
  RATING_VALUES,
  type TFeedbackDimensionId,
  type TFeedbackInput,
} from '@/lib/domain/feedback';
import type { TFeedbackRead, TFeedbackView } from '@/lib/protocol/review';
import { useJsonForm } from '@/components/ui/use-json-form';
import { FormAlert } from '@/components/ui/form-alert';
import { FeedbackView } from './feedback-view';
import styles from './rubric.module.css';

type Props = {
  interviewId: string;
  /** What GET feedback answered (null while loading). */
  read: TFeedbackRead | null;
  isEnded: boolean;
  onSubmitted: () => void;
};

type TRatings = Partial<Record<TFeedbackDimensionId, number>>;

/**
 * The candidate's feedback on the interviewer, after the interview ended: three 1-5 ratings and
 * a comment, submitted once; afterwards it is shown read-only.
 */
export function FeedbackForm({ interviewId, read, isEnded, onSubmitted }: Props) {
  const uid = useId();
  const { submit, error: serverError, isPending } = useJsonForm<TFeedbackView>(
    `/api/interviews/${encodeURIComponent(interviewId)}/feedback`,
  );
  const [ratings, setRatings] = useState<TRatings>({});
  const [comment, setComment] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);
  // The answer to our own POST, so the thanks shows without waiting for a re-read.
  const [submitted, setSubmitted] = useState<TFeedbackView | null>(null);

  if (!isEnded) return null;
  const feedback = submitted ?? read?.feedback ?? null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing = FEEDBACK_DIMENSIONS.filter((d) => ratings[d.id] === undefined);
    if (missing.length > 0) {
      setClientError(`Rate every question before submitting. Missing: ${missing.map((d) => d.label).join(', ')}.`);
      return;
    }
    setClientError(null);
    const input: TFeedbackInput = {
      clarity: ratings.clarity!,
      helpfulness: ratings.helpfulness!,
      fairness: ratings.fairness!,
      comment: comment.trim(),
    };
    const result = await submit(input);
    if (result?.ok) {
      setSubmitted(result.data);
      onSubmitted();
    } else if (result?.error.code === 'conflict') {
      // Submitted from another tab: the re-read shows what is stored.
      onSubmitted();
    }
  }

  return (
    <section className="panel" aria-label="Feedback on the interviewer">
      <h2>Feedback on the interviewer</h2>
      {feedback ? (
        <>
          <p className="alert success" role="status">
            Thanks — submitted
          </p>
          <FeedbackView feedback={feedback} />
        </>
      ) : read === null ? (
        <p className="muted">Loading…</p>
      ) : (
        // method="post": before the scripts have run, never the comment in a URL (prompt-form.tsx).
        <form method="post" className={styles.form} onSubmit={onSubmit} aria-label="Feedback on the interviewer" noValidate>
          <p className="hint" style={{ margin: 0 }}>
            The interviewer reads it once they have submitted the scorecard, or 7 days after the interview. You can submit it once.
          </p>
          {FEEDBACK_DIMENSIONS.map((dimension) => (
            <fieldset key={dimension.id} className={styles.dimension} aria-describedby={`${uid}-${dimension.id}-question`}>
              <legend>{dimension.label}</legend>
              <p id={`${uid}-${dimension.id}-question`} className="hint" style={{ margin: 0 }}>
                {dimension.question}
              </p>
              <div className={styles.ratings}>
                {RATING_VALUES.map((value) => (
                  <label key={value} className={styles.scoreOption}>
                    <input
                      type="radio"
                      name={`${uid}-${dimension.id}`}
                      value={value}
                      checked={ratings[dimension.id] === value}
                      onChange={() => setRatings((current) => ({ ...current, [dimension.id]: value }))}
                    />
                    <span className={styles.scoreNumber}>{value}</span>
                    <span>{RATING_LABELS[value]}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
          <div className={styles.field}>
            <label htmlFor={`${uid}-comment`}>Comment</label>
            <textarea
              id={`${uid}-comment`}
              rows={4}
              maxLength={MAX_FEEDBACK_COMMENT}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
            />
          </div>
          <FormAlert message={clientError ?? serverError} />
          <div className={styles.actions}>
            <button type="submit" className="button primary" disabled={isPending}>
              {isPending ? 'Submitting…' : 'Submit feedback'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
