import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { auth } from '@/lib/auth';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password';

export const metadata: Metadata = { title: 'Sign up' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  const session = await auth();
  if (session?.user) redirect(callbackUrl);
  return (
    <main className="narrow">
      <h1>Create your account</h1>
      <SignUpForm callbackUrl={callbackUrl} passwordMinLength={PASSWORD_MIN_LENGTH} />
    </main>
  );
}
