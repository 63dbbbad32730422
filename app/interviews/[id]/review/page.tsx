import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { FeedbackView } from '@/components/rubric/feedback-view';
import { AnswerKey } from '@/components/review/answer-key';
import { NoteSharing } from '@/components/review/note-sharing';
import { PhaseTable } from '@/components/review/phase-table';
import { BoardReplay } from '@/components/review/replay-loader';
import { formatDuration } from '@/components/review/review-format';
import { ReviewScorecard } from '@/components/review/review-scorecard';
import styles from '@/components/review/review.module.css';
import { requireUser } from '@/lib/auth/require-user';
import { getServices } from '@/lib/services';
import { useCaseContext } from '@/lib/use-cases/context';
import { getReview } from '@/lib/use-cases/get-review';

export const metadata: Metadata = { title: 'Interview review' };

type Props = { params: Promise<{ id: string }> };

export default async function InterviewReviewPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/interviews/${id}/review`);
  // Built per stored role on the server: whatever reaches this page's HTML is what the viewer may read.
  const reviewed = await getReview(useCaseContext(getServices().prisma, user.id), { interviewId: id });
  if (!reviewed.ok) notFound();
  const review = reviewed.data;
  const isInterviewer = review.role === 'interviewer';
  const encodedId = encodeURIComponent(review.interviewId);

  return (
    <main>
      <p>
        <Link href={`/interviews/${encodedId}`}>← Back to the room</Link>
      </p>
      <h1>{review.title}</h1>
      <p className="muted">
        Target level {review.level} · ended {new Date(review.endedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC ·{' '}
        {review.participants.map((p) => `${p.name} (${p.role})`).join(', ')}
      </p>
      <div className={styles.actions}>
        <a className="button" href={`/api/interviews/${encodedId}/export.json`} download>
          Download session (JSON)
        </a>
        <a className="button" href="/api/scorecards.csv" download>
          Download my scorecards (CSV)
        </a>
      </div>

      <div className={styles.sections}>
        <section className={`card ${styles.section}`} aria-label="Prompt">
          <h2>Prompt</h2>
          <p className={styles.statement}>{review.statement}</p>
        </section>

        <section className={`card ${styles.section}`} aria-label="Scorecard">
          <h2>Scorecard</h2>
          {review.scorecard ? (
            <ReviewScorecard scorecard={review.scorecard} targetLevel={review.level} />
          ) : isInterviewer ? (
            <p className="muted">You have not submitted a scorecard. Submit it from the room.</p>
          ) : (
            <p className="muted" data-testid="scorecard-held-back">
              The scorecard is shown once you have given your feedback and the interviewer has scored, or a week after
              the interview.
            </p>
          )}
        </section>

        {review.feedback ? (
          <section className={`card ${styles.section}`} aria-label="Feedback">
            <h2>{isInterviewer ? "The candidate's feedback" : 'Your feedback'}</h2>
            <FeedbackView feedback={review.feedback} />
          </section>
        ) : null}

        <section className={`card ${styles.section}`} aria-label="Hints">
          <h2>Hints revealed</h2>
          {review.revealedHints.length === 0 ? (
            <p className="muted">No hint was revealed.</p>
          ) : (
            <ol className={styles.list}>
              {review.revealedHints.map((hint) => (
                <li key={hint.index}>
                  {hint.atMs !== null ? <span className="hint">at {formatDuration(hint.atMs)} · </span> : null}
                  {hint.text}
                </li>
              ))}
            </ol>
          )}
        </section>

        <section className={`card ${styles.section}`} aria-label="Phases">
          <h2>Phases: planned vs actual</h2>
          <PhaseTable phases={review.phases} />
        </section>

        <section className={`card ${styles.section}`} aria-label="Notes">
          <h2>{isInterviewer ? 'Your notes' : "Interviewer's notes"}</h2>
          {isInterviewer ? (
            <NoteSharing interviewId={review.interviewId} notes={review.notes} />
          ) : review.notes.length === 0 ? (
            <p className="muted">The interviewer shared no notes.</p>
          ) : (
            <ul className={styles.list} data-testid="review-notes">
              {review.notes.map((note) => (
                <li key={note.id}>
                  <span className="hint">{formatDuration(note.atMs)}</span>
                  <p className={styles.noteText}>{note.text}</p>
                </li>
              ))}
            </ul>
          )}
        </section>

        {review.guide ? (
          <section className={`card ${styles.section}`} aria-label="What a strong answer covered">
            <h2>What a strong answer covered</h2>
            <AnswerKey guide={review.guide} revealedHints={review.revealedHints.map((hint) => hint.index)} isCandidate={!isInterviewer} />
          </section>
        ) : isInterviewer ? null : (
          <section className={`card ${styles.section}`} aria-label="What a strong answer covered">
            <h2>What a strong answer covered</h2>
            {review.isGuideLocked ? (
              <p className="muted" data-testid="answer-key-locked">
                You are the candidate of an upcoming interview on this prompt, so its key points and answers stay hidden
                until that interview has ended.
              </p>
            ) : (
              <p className="muted" data-testid="answer-key-held-back">
                The prompt&apos;s key points (with the ones you covered), follow-ups, hints and answer sketches are shown here
                together with the scorecard.
              </p>
            )}
          </section>
        )}

        <section className={`card ${styles.section}`} aria-label="Whiteboard" id="board">
          <h2>Whiteboard</h2>
          {review.hasBoard ? (
            <BoardReplay interviewId={review.interviewId} licenseKey={getServices().env.TLDRAW_LICENSE_KEY ?? null} />
          ) : (
            <p className="muted">Nothing was drawn on the whiteboard.</p>
          )}
        </section>
      </div>
    </main>
  );
}
