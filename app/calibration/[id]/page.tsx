import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CalibrationResult } from '@/components/calibration/calibration-result';
import { CalibrationScoring } from '@/components/calibration/calibration-scoring';
import styles from '@/components/calibration/calibration.module.css';
import { BoardReplay } from '@/components/review/replay-loader';
import { formatDuration } from '@/components/review/review-format';
import { requireUser } from '@/lib/auth/require-user';
import { getServices } from '@/lib/services';
import { getCalibrationSession } from '@/lib/use-cases/calibration';
import { useCaseContext } from '@/lib/use-cases/context';

export const metadata: Metadata = { title: 'Calibration session' };

type Props = { params: Promise<{ id: string }> };

export default async function CalibrationSessionPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/calibration/${id}`);
  // The reference scores and their rationale come only once this user has scored the session.
  const loaded = await getCalibrationSession(useCaseContext(getServices().prisma, user.id), { slug: id });
  if (!loaded.ok) notFound();
  const session = loaded.data;
  const slug = encodeURIComponent(session.slug);
  return (
    <main className="stack">
      <p>
        <Link href="/calibration">← All reference sessions</Link>
      </p>
      <h1>{session.title}</h1>
      <p className="muted">
        {session.prompt.title} · target level {session.level} · {session.durationMinutes} minutes
      </p>

      <section className="card stack" aria-label="Prompt">
        <h2>Prompt</h2>
        <p className={styles.statement}>{session.prompt.statement}</p>
      </section>

      <section className="card stack" aria-label="Whiteboard">
        <h2>Whiteboard</h2>
        <BoardReplay interviewId={session.slug} timelineUrl={`/api/calibration/${slug}/board-timeline`} licenseKey={getServices().env.TLDRAW_LICENSE_KEY ?? null} />
      </section>

      <section className="card stack" aria-label="Phases and notes">
        <h2>Phases and the interviewer&apos;s notes</h2>
        <ol className={styles.notes}>
          {session.phases.map((phase) => (
            <li key={phase.name}>
              <span className="hint">{formatDuration(phase.startMs)}</span> {phase.name}
            </li>
          ))}
        </ol>
        <ul className={styles.notes} data-testid="calibration-notes">
          {session.notes.map((note) => (
            <li key={note.atMs}>
              <span className="hint">{formatDuration(note.atMs)}</span>
              <p>{note.text}</p>
            </li>
          ))}
        </ul>
      </section>

      {session.result ? (
        <section className="card stack" aria-label="Your score against the reference">
          <h2>Your score against the reference</h2>
          <CalibrationResult result={session.result} />
        </section>
      ) : null}

      <section className="card stack" aria-label="Score this session">
        <h2>{session.result ? 'Score it again' : 'Score this session'}</h2>
        <CalibrationScoring slug={session.slug} />
      </section>
    </main>
  );
}
