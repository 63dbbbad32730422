'use client';

import { useFormStatus } from 'react-dom';
import { signOutAction } from '@/lib/auth/form-actions';

function SubmitButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button" disabled={pending}>
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}

/** A form posted to a server action: it works before the page's scripts have run too. */
export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <SubmitButton />
    </form>
  );
}
