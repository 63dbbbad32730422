'use client';

import { useActionState } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { changePasswordAction, type TFormState } from '@/lib/auth/form-actions';

const INITIAL: TFormState = { error: null, fields: {}, values: {} };

/** Posts to a server action (`lib/auth/form-actions.ts`): works before the scripts have run, never a password in a URL. */
/** `isChanged`: the page was reached by the redirect that follows a successful change. */
export function ChangePasswordForm({ passwordMinLength, isChanged }: { passwordMinLength: number; isChanged: boolean }) {
  const [state, formAction, isPending] = useActionState(changePasswordAction, INITIAL);
  const { fields } = state;

  return (
    <form className="stack" action={formAction} aria-label="Change password" noValidate>
      <FormAlert key={state.answeredAt} message={state.error} />
      {isChanged && !state.error ? (
        <p className="alert success" role="status">
          Password changed. Other devices have been signed out.
        </p>
      ) : null}
      <label>
        Current password
        <input name="currentPassword" type="password" autoComplete="current-password" required aria-invalid={Boolean(fields.currentPassword)} />
        {fields.currentPassword ? <span className="field-error">{fields.currentPassword}</span> : null}
      </label>
      <label>
        New password
        <input
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={passwordMinLength}
          aria-invalid={Boolean(fields.newPassword)}
        />
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
