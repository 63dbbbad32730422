'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { useJsonForm } from '@/components/ui/use-json-form';
import { FormAlert } from '@/components/ui/form-alert';
import { useHydrated } from '@/components/ui/use-hydrated';

/**
 * "Join as candidate". With `isJoiningNow` (the visitor signed up or signed in from this invite
 * to join it) it joins at once, without a second click, and goes on into the room.
 */
export function JoinButton({ token, isJoiningNow = false }: { token: string; isJoiningNow?: boolean }) {
  const router = useRouter();
  const { submit, error, isPending } = useJsonForm<{ interviewId: string }>(`/api/invites/${token}/accept`);
  const hasAutoJoined = useRef(false);
  const isHydrated = useHydrated();

  async function join() {
    const result = await submit({});
    if (result?.ok) router.push(`/interviews/${result.data.interviewId}`);
  }

  useEffect(() => {
    if (!isJoiningNow || hasAutoJoined.current) return;
    hasAutoJoined.current = true;
    void join();
  });

  return (
    <div className="stack">
      <FormAlert message={error} />
      <div>
        <button type="button" className="button primary" disabled={!isHydrated || isPending} onClick={() => void join()}>
          {isPending ? 'Joining…' : 'Join as candidate'}
        </button>
      </div>
    </div>
  );
}
