'use client';

import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { signInAction, type TFormState } from '@/lib/auth/form-actions';

type Props = { oauthProviders: Array<'github' | 'google'>; callbackUrl: string; initialError: string | null };

const PROVIDER_LABELS = { github: 'GitHub', google: 'Google' } as const;

/**
 * Email and password go to a server action (`lib/auth/form-actions.ts`): a POST that works before
 * the page's scripts have run, so the password is never put in a URL.
 */
export function SignInForm({ oauthProviders, callbackUrl, initialError }: Props) {
  const initial: TFormState = { error: initialError, fields: {}, values: {} };
  const [state, formAction, isPending] = useActionState(signInAction, initial);

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
      <form className="stack" action={formAction} aria-label="Sign in" noValidate>
        <FormAlert key={state.answeredAt} message={state.error} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required autoFocus defaultValue={state.values.email} />
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
