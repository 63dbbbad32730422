'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { deleteAccountAction, type TFormState } from '@/lib/auth/form-actions';

const INITIAL: TFormState = { error: null, fields: {}, values: {} };

/** Posts to a server action (`lib/auth/form-actions.ts`): works before the scripts have run, never a password in a URL. */
export function DeleteAccountForm({ hasPassword }: { hasPassword: boolean }) {
  const [state, formAction, isPending] = useActionState(deleteAccountAction, INITIAL);
  const { fields } = state;

  return (
    <form className="stack" action={formAction} aria-label="Delete account" noValidate>
      <p className="muted">
        This deletes your account, your prompts and your seats in interviews. It cannot be undone.
      </p>
      <FormAlert key={state.answeredAt} message={state.error} />
      <label>
        Type your email to confirm
        <input
          name="confirmEmail"
          type="email"
          autoComplete="off"
          required
          defaultValue={state.values.confirmEmail}
          aria-invalid={Boolean(fields.confirmEmail)}
        />
        {fields.confirmEmail ? <span className="field-error">{fields.confirmEmail}</span> : null}
      </label>
      {hasPassword ? (
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required aria-invalid={Boolean(fields.password)} />
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
