'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { useJsonForm } from './use-json-form';
import { FormAlert } from '@/components/ui/form-alert';

export function ChangePasswordForm({ email, passwordMinLength }: { email: string; passwordMinLength: number }) {
  const { submit, error, fields, isPending } = useJsonForm<{ sessionEpoch: number }>('/api/account/password');
  const [done, setDone] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    setDone(false);
    const newPassword = String(form.get('newPassword') ?? '');
    const result = await submit({ currentPassword: String(form.get('currentPassword') ?? ''), newPassword });
    if (!result?.ok) return;
    // The change ended every session, this one included: sign this browser in again.
    await signIn('credentials', { email, password: newPassword, redirect: false });
    formElement.reset();
    setDone(true);
  }

  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Change password" noValidate>
      <FormAlert message={error} />
      {done ? (
        <p className="alert success" role="status">
          Password changed. Other devices have been signed out.
        </p>
      ) : null}
      <label>
        Current password
        <input name="currentPassword" type="password" autoComplete="current-password" required />
        {fields.currentPassword ? <span className="field-error">{fields.currentPassword}</span> : null}
      </label>
      <label>
        New password
        <input name="newPassword" type="password" autoComplete="new-password" required minLength={passwordMinLength} />
        <span className="hint">At least {passwordMinLength} characters.</span>
        {fields.newPassword ? <span className="field-error">{fields.newPassword}</span> : null}
      </label>
      <div>
        <button className="button primary" type="submit" disabled={isPending}>
          {isPending ? 'Saving…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
