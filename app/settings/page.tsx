import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/settings/change-password-form';
import { DeleteAccountForm } from '@/components/settings/delete-account-form';
import { requireUser } from '@/lib/auth/require-user';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password';
import { getServices } from '@/lib/services';
import { useCaseContext } from '@/lib/use-cases/context';
import { lobbyStanding } from '@/lib/use-cases/lobby';
import { getCalibrationSummary } from '@/lib/use-cases/calibration';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Settings' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SettingsPage({ searchParams }: Props) {
  const user = await requireUser('/settings');
  const row = await getServices().prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  const hasPassword = Boolean(row?.passwordHash);
  const ctx = useCaseContext(getServices().prisma, user.id);
  const [standing, calibration] = await Promise.all([lobbyStanding(ctx), getCalibrationSummary(ctx)]);
  return (
    <main>
      <h1>Settings</h1>
      <section className="card stack" aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        {hasPassword ? (
          <ChangePasswordForm passwordMinLength={PASSWORD_MIN_LENGTH} isChanged={(await searchParams).password === 'changed'} />
        ) : (
          <p className="muted">You sign in with GitHub or Google; this account has no password.</p>
        )}
      </section>
      <section className="card stack" aria-labelledby="calibration-heading" style={{ marginTop: '1.5rem' }}>
        <h2 id="calibration-heading">Calibration as an interviewer</h2>
        <p data-testid="calibration-profile">
          {calibration.meanAbsoluteGap === null
            ? 'You have not scored a reference session yet.'
            : `Mean absolute gap to the reference scores: ${calibration.meanAbsoluteGap.toFixed(2)} over ${calibration.sessions} reference ${calibration.sessions === 1 ? 'session' : 'sessions'}.`}{' '}
          <Link href="/calibration">Score a reference session</Link>
        </p>
      </section>
      <section className="card stack" aria-labelledby="lobby-heading" style={{ marginTop: '1.5rem' }}>
        <h2 id="lobby-heading">Practice lobby</h2>
        <p data-testid="lobby-standing">
          {standing.noShows.recent === 0
            ? 'You have not missed a match this week.'
            : `You missed ${standing.noShows.recent} ${standing.noShows.recent === 1 ? 'match' : 'matches'} this week${
                standing.noShows.penaltyMinutes > 0 ? `, so your next place in the queue is ${standing.noShows.penaltyMinutes} minutes behind others` : ''
              }.`}{' '}
          {standing.blockedCount > 0 ? `You blocked ${standing.blockedCount} ${standing.blockedCount === 1 ? 'person' : 'people'}; you are never paired with them.` : ''}
        </p>
      </section>
      <section className="card stack" aria-labelledby="delete-heading" style={{ marginTop: '1.5rem' }}>
        <h2 id="delete-heading">Delete account</h2>
        <DeleteAccountForm hasPassword={hasPassword} />
      </section>
    </main>
  );
}
