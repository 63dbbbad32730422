'use client';

import { useState } from 'react';
import type { TResult } from '@/lib/result';
import type { TRevealedHint } from '@/lib/domain/guide';
import type { TInterviewerGuide } from '@/lib/protocol/guide';
import styles from './prompts.module.css';

type Props = {
  guide: TInterviewerGuide;
  checkedKeyPoints: number[];
  revealedHints: TRevealedHint[];
  isEnded: boolean;
  onCheck: (index: number, checked: boolean) => Promise<TResult<{ checkedKeyPoints: number[] }>>;
  onReveal: (index: number) => Promise<TResult<{ hints: TRevealedHint[] }>>;
};

/**
 * The interviewer's guide: key points to tick off, follow-up questions, the hint ladder with
 * "Reveal to candidate", and the L4/L5 answer sketches. Rendered only from the interviewer's
 * view (the candidate's page never receives `guide`).
 */
export function InterviewerGuide({ guide, checkedKeyPoints, revealedHints, isEnded, onCheck, onReveal }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const checked = new Set(checkedKeyPoints);
  const revealed = new Set(revealedHints.map((hint) => hint.index));
  // The gentlest hint not yet shown: the ladder's suggested next step.
  const nextHint = guide.hints.findIndex((_, index) => !revealed.has(index));

  async function run<T>(key: string, action: () => Promise<TResult<T>>) {
    setPending(key);
    const result = await action();
    setPending(null);
    setError(result.ok ? null : result.error.message);
  }

  return (
    <>
      <section className="panel" aria-label="Key points">
        <h2>
          Key points
          <span className={styles.count}>
            {checked.size} of {guide.keyPoints.length}
          </span>
        </h2>
        <ul className={styles.list}>
          {guide.keyPoints.map((point, index) => (
            <li key={index}>
              <label className={`${styles.check} ${checked.has(index) ? styles.checked : ''}`}>
                <input
                  type="checkbox"
                  checked={checked.has(index)}
                  disabled={isEnded || pending === `check:${index}`}
                  onChange={(event) => void run(`check:${index}`, () => onCheck(index, event.target.checked))}
                />
                <span>{point}</span>
              </label>
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-label="Follow-ups">
        <h2>Follow-ups</h2>
        <ul className={styles.numbered}>
          {guide.followUps.map((question, index) => (
            <li key={index}>{question}</li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-label="Hint ladder">
        <h2>Hint ladder</h2>
        <ol className={styles.list}>
          {guide.hints.map((hint, index) => {
            const isRevealed = revealed.has(index);
            return (
              <li key={index} className={`${styles.hint} ${isRevealed ? styles.hintRevealed : ''}`} data-revealed={isRevealed}>
                <span className={styles.hintHead}>
                  <span>
                    Hint {index + 1}
                    {index === nextHint ? ' · next' : ''}
                  </span>
                  {isRevealed ? <span className={styles.badge}>Revealed</span> : null}
                </span>
                <span data-testid="hint-text">{hint}</span>
                {isRevealed ? null : (
                  <button
                    type="button"
                    className={`button ${styles.small}`}
                    disabled={isEnded || pending === `reveal:${index}`}
                    aria-label={`Reveal hint ${index + 1} to candidate`}
                    onClick={() => void run(`reveal:${index}`, () => onReveal(index))}
                  >
                    Reveal to candidate
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      </section>

      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}

      <section className="panel" aria-label="Answer sketches">
        <h2>Answer sketches</h2>
        <details className={styles.answer}>
          <summary>L4 answer</summary>
          <p>{guide.l4Answer}</p>
        </details>
        <details className={styles.answer}>
          <summary>L5 answer</summary>
          <p>{guide.l5Answer}</p>
        </details>
      </section>
    </>
  );
}
