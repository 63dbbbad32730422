'use client';

import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import type { TTargetLevel } from '@/lib/domain/rubric';
import type { TInterviewStatus } from '@/lib/domain/interview';
import { FeedbackForm } from './feedback-form';
import { ScorecardView } from './scorecard-view';
import { useFeedback } from './use-feedback';
import { useScorecards } from './use-scorecards';

type Props = { interviewId: string; targetLevel: TTargetLevel; status: TInterviewStatus };

/** Shown to the candidate while the blind release holds the scorecard back. */
export const HELD_BACK_MESSAGE =
  'Your scorecard is released when you have submitted your feedback and the interviewer has submitted the scorecard, or 7 days after the interview';

/** The candidate's room re-reads the scorecard this often while the tab is visible. */
const CANDIDATE_REFRESH_MS = 30_000;

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
