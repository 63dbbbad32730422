'use client';

import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { LEVEL_ESTIMATE_LABELS, RECOMMENDATION_LABELS, type TTargetLevel } from '@/lib/domain/rubric';
import type { TInterviewStatus } from '@/lib/domain/interview';
import { FeedbackForm } from './feedback-form';
import { FeedbackView } from './feedback-view';
import { ScorecardForm } from './scorecard-form';
import { formatSubmittedAt, ScorecardView } from './scorecard-view';
import { useFeedback } from './use-feedback';
import { useScorecards } from './use-scorecards';
import styles from './rubric.module.css';

type Props = { interviewId: string; targetLevel: TTargetLevel; status: TInterviewStatus };

/** Shown to the candidate while the blind release holds the scorecard back. */
export const HELD_BACK_MESSAGE =
  'Your scorecard is released when you have submitted your feedback and the interviewer has submitted the scorecard, or 7 days after the interview';

/** The candidate's room re-reads the scorecard this often while the tab is visible. */
const CANDIDATE_REFRESH_MS = 30_000;

/**
 * Interviewer only: a "Score" button in the room header that opens the scorecard in a modal
 * dialog. The dialog stays mounted while closed, so an unsubmitted draft survives closing it.
 */
export function InterviewerScorecard({ interviewId, targetLevel, status }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { versions, error, refresh } = useScorecards(interviewId);
  const { read: feedbackRead, refresh: refreshFeedback } = useFeedback(interviewId);
  const [isCorrecting, setIsCorrecting] = useState(false);
  const [confirmation, setConfirmation] = useState<string | null>(null);
  const latest = versions?.[0];
  const blockedReason = status === 'scheduled' ? 'You can submit the scorecard once the interview has started.' : null;

  async function onSubmitted(version: number) {
    setIsCorrecting(false);
    setConfirmation(`Scorecard v${version} submitted.`);
    // Submitting may be what releases the candidate's feedback.
    await Promise.all([refresh(), refreshFeedback()]);
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
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        onClick={() => {
          void refresh();
          void refreshFeedback();
          dialogRef.current?.showModal();
        }}
      >
        Score{latest ? ` (v${latest.version})` : ''}
      </button>
      <dialog ref={dialogRef} className={styles.dialog} aria-labelledby={titleId}>
        <div className={styles.dialogHeader}>
          <h2 id={titleId}>Scorecard · target level {targetLevel}</h2>
          <button type="button" className="button" onClick={() => dialogRef.current?.close()}>
            Close
          </button>
        </div>
        <div className={styles.dialogBody}>
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
        </div>
      </dialog>
    </>
  );
}

/**
 * The candidate's feedback form and "Scorecard" section. The scorecard is the latest submitted
 * version once the blind release allows it; only what the server's GET returns for the candidate
 * ever reaches this browser. Both are re-read when the interview's status changes, when the tab
 * comes back into view, and every 30 s while it is visible. While the interview runs, the section
 * stays out of the way.
 */
export function CandidateScorecard({ interviewId, targetLevel, status }: Props) {
  const { versions, error, refresh: refreshScorecards } = useScorecards(interviewId);
  const { read: feedbackRead, refresh: refreshFeedback } = useFeedback(interviewId);
  const latest = versions?.[0];
  // The feedback read says whether the release happened: an empty scorecard list alone cannot
  // tell "held back" from "not submitted yet".
  const isReleased = feedbackRead?.isReleased ?? false;

  const refresh = useCallback(async () => {
    await Promise.all([refreshScorecards(), refreshFeedback()]);
  }, [refreshScorecards, refreshFeedback]);

  // The first read happens in useScorecards; after that, a status change (the interview ended)
  // is a good moment to look again.
  const seenStatus = useRef(status);
  useEffect(() => {
    if (seenStatus.current === status) return;
    seenStatus.current = status;
    void refresh();
  }, [status, refresh]);

  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    const timer = window.setInterval(onVisible, CANDIDATE_REFRESH_MS);
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', onVisible);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', onVisible);
    };
  }, [refresh]);

  if (!latest && status !== 'ended') return null;
  let body: ReactNode;
  if (latest) {
    body = <ScorecardView scorecard={latest} targetLevel={targetLevel} />;
  } else if (versions && feedbackRead) {
    body = isReleased ? (
      <p className="muted">The interviewer has not submitted a scorecard yet.</p>
    ) : (
      <p className="alert info" data-testid="scorecard-held-back">
        {HELD_BACK_MESSAGE}
      </p>
    );
  } else {
    body = error ? null : <p className="muted">Loading…</p>;
  }
  return (
    <>
      <FeedbackForm
        interviewId={interviewId}
        read={feedbackRead}
        isEnded={status === 'ended'}
        onSubmitted={() => void refresh()}
      />
      <section className="panel" aria-label="Scorecard">
        <h2>Scorecard</h2>
        {body}
        {error ? <p className="field-error">{error}</p> : null}
        <button type="button" className="button link" onClick={() => void refresh()}>
          Check for updates
        </button>
      </section>
    </>
  );
}
