'use client';

import { useId, useRef, useState } from 'react';
import type { TTargetLevel } from '@/lib/domain/rubric';
import type { TInterviewStatus } from '@/lib/domain/interview';
import { lazyComponent } from '@/components/ui/lazy-component';
import { useIdle } from '@/components/ui/use-idle';
import { useFeedback } from './use-feedback';
import { useScorecards } from './use-scorecards';
import styles from './rubric.module.css';

// The form, the views and the rubric's texts: a chunk of their own, fetched once the page is idle
// or when the dialog first opens, whichever comes first.
const InterviewerScorecardBody = lazyComponent(() => import('./interviewer-scorecard-body').then((m) => m.InterviewerScorecardBody), (
  <p className="muted" role="status">
    Loading the scorecard…
  </p>
));

type Props = { interviewId: string; targetLevel: TTargetLevel; status: TInterviewStatus };

/**
 * Interviewer only: a "Score" button in the room header that opens the scorecard in a modal
 * dialog. The dialog stays mounted while closed, so an unsubmitted draft survives closing it.
 */
export function InterviewerScorecard({ interviewId, targetLevel, status }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { versions, error, refresh } = useScorecards(interviewId);
  const { read: feedbackRead, refresh: refreshFeedback } = useFeedback(interviewId);
  const isIdle = useIdle();
  const [hasOpened, setHasOpened] = useState(false);
  const latest = versions?.[0];
  const blockedReason = status === 'scheduled' ? 'You can submit the scorecard once the interview has started.' : null;

  return (
    <>
      <button
        type="button"
        className="button"
        aria-haspopup="dialog"
        onClick={() => {
          setHasOpened(true);
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
          {isIdle || hasOpened ? (
            <InterviewerScorecardBody
              interviewId={interviewId}
              targetLevel={targetLevel}
              versions={versions}
              error={error}
              feedbackRead={feedbackRead}
              blockedReason={blockedReason}
              onRefresh={() => Promise.all([refresh(), refreshFeedback()])}
              dialogRef={dialogRef}
            />
          ) : null}
        </div>
      </dialog>
    </>
  );
}
