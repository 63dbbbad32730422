'use client';

import { useState, type ReactNode, type RefObject } from 'react';
import { LEVEL_ESTIMATE_LABELS, RECOMMENDATION_LABELS, type TTargetLevel } from '@/lib/domain/rubric';
import type { TFeedbackRead, TScorecardView } from '@/lib/protocol/review';
import { FeedbackView } from './feedback-view';
import { ScorecardForm } from './scorecard-form';
import { formatSubmittedAt, ScorecardView } from './scorecard-view';
import styles from './rubric.module.css';

type Props = {
  interviewId: string;
  targetLevel: TTargetLevel;
  /** Null until the first read answers. */
  versions: TScorecardView[] | null;
  error: string | null;
  feedbackRead: TFeedbackRead | null;
  /** A message while submitting is not allowed yet (the interview has not started). */
  blockedReason: string | null;
  /** Re-reads the scorecards and the feedback (submitting may be what releases the feedback). */
  onRefresh: () => Promise<unknown>;
  dialogRef: RefObject<HTMLDialogElement | null>;
};

/**
 * What the interviewer's scorecard dialog holds: the candidate's feedback once released, the
 * form (a first scorecard or a correction), the latest version and the version history. Loaded
 * in its own chunk (the form and the rubric's texts): nobody scores before the page has loaded.
 */
export function InterviewerScorecardBody({ interviewId, targetLevel, versions, error, feedbackRead, blockedReason, onRefresh, dialogRef }: Props) {
  const [isCorrecting, setIsCorrecting] = useState(false);
  const [confirmation, setConfirmation] = useState<string | null>(null);
  const latest = versions?.[0];

  async function onSubmitted(version: number) {
    setIsCorrecting(false);
    setConfirmation(`Scorecard v${version} submitted.`);
    await onRefresh();
    // The submit button is at the bottom of a long form; the confirmation is at the top.
    dialogRef.current?.scrollTo({ top: 0 });
  }

  let body: ReactNode;
  if (versions === null) {
    body = error ? (
      <p className="alert error" role="alert">
        {error}
      </p>
    ) : (
      <p className="muted">Loading the scorecard…</p>
    );
  } else if (!latest || isCorrecting) {
    body = (
      <ScorecardForm
        // A new correction starts afresh from the latest version.
        key={latest ? `correction-of-${latest.version}` : 'first'}
        interviewId={interviewId}
        targetLevel={targetLevel}
        base={isCorrecting ? latest : undefined}
        blockedReason={blockedReason}
        onSubmitted={(version) => void onSubmitted(version)}
        onCancel={isCorrecting ? () => setIsCorrecting(false) : undefined}
      />
    );
  } else {
    body = (
      <>
        <section aria-label="Latest scorecard" className="stack">
          <div className="row">
            <h3 className="grow" style={{ margin: 0 }}>
              Submitted scorecard (v{latest.version})
            </h3>
            <button
              type="button"
              className="button"
              onClick={() => {
                setConfirmation(null);
                setIsCorrecting(true);
              }}
            >
              Submit a correction
            </button>
          </div>
          <ScorecardView scorecard={latest} targetLevel={targetLevel} />
        </section>
        <section aria-label="Version history">
          <h3 style={{ margin: '0 0 0.5rem' }}>Version history</h3>
          <ol className={styles.history} reversed>
            {versions.map((version) => (
              <li key={version.version} data-testid="scorecard-version">
                <details>
                  <summary>
                    v{version.version} · {formatSubmittedAt(version.submittedAt)} ·{' '}
                    {RECOMMENDATION_LABELS[version.recommendation]} · {LEVEL_ESTIMATE_LABELS[version.levelEstimate]}
                    {version === latest ? ' (latest)' : ''}
                  </summary>
                  <ScorecardView scorecard={version} targetLevel={targetLevel} />
                </details>
              </li>
            ))}
          </ol>
        </section>
      </>
    );
  }

  return (
    <>
      {confirmation ? (
        <p className="alert success" role="status">
          {confirmation}
        </p>
      ) : null}
      {feedbackRead?.feedback ? (
        <section aria-label="Candidate feedback" className="stack">
          <h3 style={{ margin: 0 }}>Candidate feedback</h3>
          <FeedbackView feedback={feedbackRead.feedback} />
        </section>
      ) : null}
      {body}
    </>
  );
}
