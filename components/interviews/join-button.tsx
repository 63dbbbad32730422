'use client';

import { useRouter } from 'next/navigation';
import { useJsonForm } from '@/components/settings/use-json-form';

export function JoinButton({ token }: { token: string }) {
  const router = useRouter();
  const { submit, error, isPending } = useJsonForm<{ interviewId: string }>(`/api/invites/${token}/accept`);
  return (
    <div className="stack">
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      <div>
        <button
          type="button"
          className="button primary"
          disabled={isPending}
          onClick={async () => {
            const result = await submit({});
            if (result?.ok) router.push(`/interviews/${result.data.interviewId}`);
          }}
        >
          {isPending ? 'Joining…' : 'Join as candidate'}
        </button>
      </div>
    </div>
  );
}
