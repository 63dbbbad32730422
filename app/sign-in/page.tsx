import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { signInErrorMessage } from '@/lib/auth/sign-in-messages';
import { auth } from '@/lib/auth';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { enabledOAuthProviders } from '@/lib/env';
import { getServices } from '@/lib/services';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const session = await auth();
  if (session?.user) redirect(callbackUrl);
  const error = typeof params.error === 'string' ? params.error : null;
  const code = typeof params.code === 'string' ? params.code : null;
  return (
    <main className="narrow">
      <h1>Sign in</h1>
      <SignInForm
        oauthProviders={enabledOAuthProviders(getServices().env)}
        callbackUrl={callbackUrl}
        initialError={signInErrorMessage(error, code)}
      />
    </main>
  );
}
