'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { signUpAction, type TFormState } from '@/lib/auth/form-actions';

type Props = { callbackUrl: string; passwordMinLength: number };

const INITIAL: TFormState = { error: null, fields: {}, values: {} };

/**
 * Posts to a server action (`lib/auth/form-actions.ts`) that creates the account and signs it in:
 * a POST that works before the page's scripts have run, so the password is never put in a URL.
 */
export function SignUpForm({ callbackUrl, passwordMinLength }: Props) {
  const [state, formAction, isPending] = useActionState(signUpAction, INITIAL);
  const { fields, values } = state;

  return (
    <div className="stack">
      <form className="stack" action={formAction} aria-label="Sign up" noValidate>
        <FormAlert key={state.answeredAt} message={state.error} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <label>
          Name
          <input
            name="name"
            autoComplete="name"
            required
            maxLength={80}
            autoFocus
            defaultValue={values.name}
            aria-invalid={Boolean(fields.name)}
          />
          {fields.name ? <span className="field-error">{fields.name}</span> : null}
        </label>
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required defaultValue={values.email} aria-invalid={Boolean(fields.email)} />
          {fields.email ? <span className="field-error">{fields.email}</span> : null}
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={passwordMinLength}
            aria-invalid={Boolean(fields.password)}
          />
          <span className="hint">At least {passwordMinLength} characters.</span>
          {fields.password ? <span className="field-error">{fields.password}</span> : null}
        </label>
        <button className="button primary" type="submit" disabled={isPending}>
          {isPending ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      <p className="muted">
        Already have an account? <Link href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
      </p>
    </div>
  );
}
