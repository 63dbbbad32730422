'use client';

import { useRouter } from 'next/navigation';
import { useJsonForm } from '@/components/ui/use-json-form';
import { FormAlert } from '@/components/ui/form-alert';

/** Deletes the author's prompt after a confirmation, then returns to the bank. */
export function DeletePromptButton({ promptId, title }: { promptId: string; title: string }) {
  const router = useRouter();
  const { submit, error, isPending } = useJsonForm<{ id: string }>(`/api/prompts/${encodeURIComponent(promptId)}/delete`);

  async function onDelete() {
    if (!window.confirm(`Delete "${title}"? It will no longer be offered for new interviews; past interviews keep their copy.`)) return;
    const result = await submit({});
    if (result?.ok) {
      router.push('/prompts');
      router.refresh();
    }
  }

  return (
    <>
      <button type="button" className="button danger" onClick={onDelete} disabled={isPending}>
        {isPending ? 'Deleting…' : 'Delete'}
      </button>
      <FormAlert message={error} />
    </>
  );
}
