'use client';

import { useRouter } from 'next/navigation';
import { useJsonForm } from '@/components/settings/use-json-form';
import { FormAlert } from '@/components/ui/form-alert';

export function JoinButton({ token }: { token: string }) {
  const router = useRouter();
  const { submit, error, isPending } = useJsonForm<{ interviewId: string }>(`/api/invites/${token}/accept`);
  return (
    <div className="stack">
      <FormAlert message={error} />
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
