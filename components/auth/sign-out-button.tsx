'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';

export function SignOutButton() {
  const [isPending, setIsPending] = useState(false);
  return (
    <button
      type="button"
      className="button"
      disabled={isPending}
      onClick={() => {
        setIsPending(true);
        void signOut({ redirectTo: '/sign-in' });
      }}
    >
      {isPending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
