import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/settings/change-password-form';
import { DeleteAccountForm } from '@/components/settings/delete-account-form';
import { requireUser } from '@/lib/auth/require-user';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password';
import { getServices } from '@/lib/services';

export const metadata: Metadata = { title: 'Settings' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SettingsPage({ searchParams }: Props) {
  const user = await requireUser('/settings');
  const row = await getServices().prisma.user.findUnique({ where: { id: user.id }, select: { passwordHash: true } });
  const hasPassword = Boolean(row?.passwordHash);
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
      <section className="card stack" aria-labelledby="delete-heading" style={{ marginTop: '1.5rem' }}>
        <h2 id="delete-heading">Delete account</h2>
        <DeleteAccountForm hasPassword={hasPassword} />
      </section>
    </main>
  );
}
