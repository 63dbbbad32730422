'use client';

import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { signInErrorMessage } from './messages';
import { FormAlert } from '@/components/ui/form-alert';

type Props = { oauthProviders: Array<'github' | 'google'>; callbackUrl: string; initialError: string | null };

const PROVIDER_LABELS = { github: 'GitHub', google: 'Google' } as const;

export function SignInForm({ oauthProviders, callbackUrl, initialError }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setError(null);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    if (result?.error) {
      setError(signInErrorMessage(result.error, result.code));
      setIsPending(false);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <div className="stack">
      {oauthProviders.length > 0 ? (
        <>
          <div className="stack">
            {oauthProviders.map((provider) => (
              <button key={provider} type="button" className="button" onClick={() => void signIn(provider, { redirectTo: callbackUrl })}>
                {`Continue with ${PROVIDER_LABELS[provider]}`}
              </button>
            ))}
          </div>
          <div className="divider">or with email</div>
        </>
      ) : null}
      <form className="stack" onSubmit={onSubmit} aria-label="Sign in" noValidate>
        <FormAlert message={error} />
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button className="button primary" type="submit" disabled={isPending}>
          {isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="muted">
        New here? <Link href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Create an account</Link>
      </p>
    </div>
  );
}
