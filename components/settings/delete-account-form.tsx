'use client';

import { signOut } from 'next-auth/react';
import type { FormEvent } from 'react';
import { useJsonForm } from './use-json-form';
import { FormAlert } from '@/components/ui/form-alert';

export function DeleteAccountForm({ hasPassword }: { hasPassword: boolean }) {
  const { submit, error, fields, isPending } = useJsonForm<null>('/api/account/delete');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const result = await submit({
      confirmEmail: String(form.get('confirmEmail') ?? ''),
      ...(hasPassword ? { password: String(form.get('password') ?? '') } : {}),
    });
    if (result?.ok) await signOut({ redirectTo: '/?deleted=1' });
  }

  return (
    <form className="stack" onSubmit={onSubmit} aria-label="Delete account" noValidate>
      <p className="muted">
        This deletes your account, your prompts and your seats in interviews. It cannot be undone.
      </p>
      <FormAlert message={error} />
      <label>
        Type your email to confirm
        <input name="confirmEmail" type="email" autoComplete="off" required />
        {fields.confirmEmail ? <span className="field-error">{fields.confirmEmail}</span> : null}
      </label>
      {hasPassword ? (
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
          {fields.password ? <span className="field-error">{fields.password}</span> : null}
        </label>
      ) : null}
      <div>
        <button className="button danger" type="submit" disabled={isPending}>
          {isPending ? 'Deleting…' : 'Delete my account'}
        </button>
      </div>
    </form>
  );
}
