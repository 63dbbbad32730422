import type { Metadata } from 'next';
import Link from 'next/link';
import { LiveIndicator } from '@/components/realtime/live-indicator';
import { requireUser } from '@/lib/auth/require-user';
import { getServices } from '@/lib/services';
import { listInterviews } from '@/lib/use-cases/list-interviews';

export const metadata: Metadata = { title: 'Dashboard' };

const STATUS_LABELS: Record<string, string> = { scheduled: 'Scheduled', live: 'Live', ended: 'Ended' };

export default async function DashboardPage() {
  const user = await requireUser('/dashboard');
  const interviews = await listInterviews(getServices().prisma, user.id);
  return (
    <main>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Your interviews</h1>
        <div className="row">
          <LiveIndicator />
          <Link href="/interviews/new" className="button primary">
            New interview
          </Link>
        </div>
      </div>
      <p className="muted">Signed in as {user.email}.</p>
      {interviews.length === 0 ? (
        <section className="card empty-state" aria-label="Interviews">
          <h2>No interviews yet</h2>
          <p>Create one and send the invite link to your candidate, or open a link someone sent you.</p>
        </section>
      ) : (
        <ul className="interview-list" aria-label="Interviews">
          {interviews.map((interview) => (
            <li key={interview.id} className="card">
              <Link href={`/interviews/${interview.id}`}>
                <span className="grow">
                  <strong>{interview.title}</strong>
                  <br />
                  <span className="muted">
                    {interview.myRole === 'interviewer' ? 'You interview' : 'You are the candidate'}
                    {interview.partnerName ? ` · with ${interview.partnerName}` : ' · no candidate yet'} · {interview.level}
                  </span>
                </span>
                <span className={`status-badge ${interview.status}`}>{STATUS_LABELS[interview.status]}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
