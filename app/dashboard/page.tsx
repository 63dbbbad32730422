import type { Metadata } from 'next';
import { LiveIndicator } from '@/components/realtime/live-indicator';
import { requireUser } from '@/lib/auth/require-user';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const user = await requireUser('/dashboard');
  return (
    <main>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Your interviews</h1>
        <LiveIndicator />
      </div>
      <p className="muted">Signed in as {user.email}.</p>
      <section className="card empty-state" aria-label="Interviews">
        <h2>No interviews yet</h2>
        <p>Interviews you run or take part in will be listed here, with their scores.</p>
      </section>
    </main>
  );
}
