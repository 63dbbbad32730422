import type { Metadata } from 'next';
import Link from 'next/link';
import { DimensionChart } from '@/components/progress/dimension-chart';
import { InterviewTable } from '@/components/progress/interview-table';
import { PractiseNext } from '@/components/progress/practise-next';
import styles from '@/components/progress/progress.module.css';
import { TopicTable } from '@/components/progress/topic-table';
import { requireUser } from '@/lib/auth/require-user';
import { getServices } from '@/lib/services';
import { getProgress } from '@/lib/use-cases/get-progress';
import { getPractiseNext } from '@/lib/use-cases/practise-next';
import { useCaseContext } from '@/lib/use-cases/context';

export const metadata: Metadata = { title: 'Your progress' };

export default async function ProgressPage() {
  const user = await requireUser('/progress');
  // Only scorecards released to this candidate reach the page (blind release, as on the review).
  const ctx = useCaseContext(getServices().prisma, user.id);
  const progress = await getProgress(ctx);
  const next = await getPractiseNext(ctx, { progress });
  const count = progress.entries.length;

  return (
    <main>
      <h1>Your progress</h1>
      <p className={`muted ${styles.intro}`}>
        Your scores as the candidate, per rubric dimension, from 1 (well below the bar) to 4 (exceeds the bar) against
        the target level of each interview. A scorecard counts once it is released to you: when the interviewer has
        scored and you have given your feedback, or a week after the interview.
      </p>
      {progress.isCapped ? (
        <p className="alert info" role="status" data-testid="progress-capped">
          {`Only your latest ${progress.limit} scored interviews are included; older ones are left out.`}
        </p>
      ) : null}

      {count === 0 ? (
        <section className="card empty-state" aria-label="Progress">
          <h2>No scored interviews yet</h2>
          <p>
            Your scores appear here once the interviewer has scored and you have given your feedback, or a week after the
            interview.
          </p>
          <p>
            Then this page also suggests what to practise next: your weakest dimensions and topics, with prompts you
            have not had that train them.
          </p>
          <p>
            <Link href="/dashboard">Go to your interviews</Link> · <Link href="/practice">Find a partner</Link>
          </p>
        </section>
      ) : (
        <>
          {next ? (
            <section className={styles.section} aria-labelledby="progress-next">
              <h2 id="progress-next">What to practise next</h2>
              <p className="muted">
                Your weakest rubric dimensions and topics so far, each with built-in prompts at {next.level} that you have
                not had as the candidate. &ldquo;Find a partner&rdquo; opens the lobby with the prompt&apos;s topics chosen;
                &ldquo;New interview&rdquo; opens the form with the prompt chosen, for a friend to interview you.
              </p>
              <PractiseNext next={next} />
            </section>
          ) : null}

          <section className={styles.section} aria-labelledby="progress-dimensions">
            <h2 id="progress-dimensions">Scores by rubric dimension</h2>
            <p className="muted">
              {count === 1 ? 'One scored interview' : `${count} scored interviews`}, oldest on the left. The dashed line is
              your mean; hover a point for the interview. Every score is also in the table of scored interviews below.
            </p>
            <div className={styles.charts}>
              {progress.dimensions.map((dimension) => (
                <DimensionChart key={dimension.id} dimension={dimension} />
              ))}
            </div>
          </section>

          <section className={styles.section} aria-labelledby="progress-topics">
            <h2 id="progress-topics">Average by topic</h2>
            <p className="muted">
              The weakest topics come first (lowest average at the top). A topic&apos;s average is the mean score of each
              interview on it, averaged over those interviews.
            </p>
            {progress.topics.length === 0 ? (
              <p className="muted">None of these prompts has a topic.</p>
            ) : (
              <TopicTable topics={progress.topics} />
            )}
          </section>

          <section className={styles.section} aria-labelledby="progress-interviews">
            <h2 id="progress-interviews">Scored interviews</h2>
            <InterviewTable entries={progress.entries} />
          </section>
        </>
      )}
    </main>
  );
}
