'use client';

import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { TResult } from '@/lib/result';
import { FormAlert } from '@/components/ui/form-alert';

type Props = { callbackUrl: string; passwordMinLength: number };

export function SignUpForm({ callbackUrl, passwordMinLength }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get('name') ?? ''),
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
    };
    setIsPending(true);
    setError(null);
    setFields({});
    try {
      const response = await fetch('/api/signup', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      const result = (await response.json()) as TResult<unknown>;
      if (!result.ok) {
        setError(result.error.message);
        setFields(result.error.fields ?? {});
        return;
      }
      const signedIn = await signIn('credentials', { email: input.email, password: input.password, redirect: false });
      if (signedIn?.error) {
        setError('Your account was created, but signing in failed. Try signing in.');
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError('Could not reach the server. Check your connection and try again.');
    } finally {
      setIsPending(false);
    }
  }

  return (
    <div className="stack">
      <form className="stack" onSubmit={onSubmit} aria-label="Sign up" noValidate>
        <FormAlert message={error} />
        <label>
          Name
          <input name="name" autoComplete="name" required maxLength={80} autoFocus aria-invalid={Boolean(fields.name)} />
          {fields.name ? <span className="field-error">{fields.name}</span> : null}
        </label>
        <label>
          Email
          <input name="email" type="email" autoComplete="email" required aria-invalid={Boolean(fields.email)} />
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
