import Link from 'next/link';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function LandingPage({ searchParams }: Props) {
  const session = await auth();
  if (session?.user) redirect('/dashboard');
  const isDeleted = (await searchParams).deleted === '1';
  return (
    <main>
      {isDeleted ? (
        <p className="alert success" role="status" style={{ marginBottom: '1.5rem' }}>
          Your account was deleted.
        </p>
      ) : null}
      <h1>Practise system-design interviews, live.</h1>
      <p className="lead">
        mockroom is a room for two: an interviewer and a candidate share a real-time whiteboard, work
        through a prompt on caching, locks, CAP, LSM trees and more, keep to phase timers both screens
        agree on, and finish with a scorecard against L4 (mid-level) and L5 (senior) anchors.
      </p>
      <div className="row">
        <Link href="/sign-up" className="button primary">
          Create an account
        </Link>
        <Link href="/sign-in" className="button">
          Sign in
        </Link>
      </div>
      <section className="grid-3 features" aria-label="What you get">
        <div className="card">
          <h3>Shared whiteboard</h3>
          <p>Draw the design together with live cursors; the board survives reloads and restarts.</p>
        </div>
        <div className="card">
          <h3>Prompts with a guide</h3>
          <p>Concept drills and full design exercises, with key points, follow-ups and a hint ladder.</p>
        </div>
        <div className="card">
          <h3>L4 vs L5 rubric</h3>
          <p>Score requirements, estimation, design, deep dive, scale and leadership; review it later.</p>
        </div>
      </section>
    </main>
  );
}
