'use client';

import type { TRevealedHint } from '@/lib/domain/guide';
import styles from './prompts.module.css';

type Props = { hints: TRevealedHint[]; isInterviewer: boolean };

/** The hints the candidate has been shown, in the order revealed: the same list on both screens. */
export function RevealedHints({ hints, isInterviewer }: Props) {
  return (
    <section className="panel" aria-label="Hints">
      <h2>{isInterviewer ? 'Hints the candidate sees' : 'Hints'}</h2>
      {/* Announced to screen readers as the interviewer reveals more. */}
      <div aria-live="polite">
        {hints.length === 0 ? (
          <p className="muted" style={{ margin: 0, fontSize: '0.9rem' }}>
            {isInterviewer ? 'None revealed yet.' : 'No hints yet. Your interviewer may reveal some as you go.'}
          </p>
        ) : (
          <ol className={`${styles.numbered} ${styles.candidateHints}`} data-testid="revealed-hints">
            {hints.map((hint) => (
              <li key={hint.index}>{hint.text}</li>
            ))}
          </ol>
        )}
      </div>
    </section>
  );
}
