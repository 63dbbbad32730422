import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PromptForm } from '@/components/prompts/prompt-form';
import { requireUser } from '@/lib/auth/require-user';
import { getServices } from '@/lib/services';
import { getPrompt } from '@/lib/use-cases/list-prompts';

export const metadata: Metadata = { title: 'Edit prompt' };

type Props = { params: Promise<{ id: string }> };

export default async function EditPromptPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/prompts/${id}/edit`);
  const prompt = await getPrompt(getServices().prisma, user.id, id);
  if (!prompt) notFound();
  const back = (
    <p>
      <Link href={`/prompts/${prompt.id}`}>← Back to the prompt</Link>
    </p>
  );
  if (!prompt.isMine) {
    return (
      <main>
        {back}
        <h1>Edit prompt</h1>
        <p className="alert error" role="alert">
          {prompt.origin === 'built-in' ? 'Built-in prompts are read-only.' : 'Only the author can edit this prompt.'}
        </p>
      </main>
    );
  }
  const { guide } = prompt;
  return (
    <main>
      {back}
      <h1>Edit prompt</h1>
      <p className="muted">Interviews already run with this prompt keep the version they started with.</p>
      <PromptForm
        promptId={prompt.id}
        initial={{
          kind: prompt.kind,
          title: prompt.title,
          statement: prompt.statement,
          topics: prompt.topics,
          difficulty: prompt.difficulty,
          phasePlan: guide.phasePlan,
          keyPoints: guide.keyPoints,
          followUps: guide.followUps,
          hints: guide.hints,
          l4Answer: guide.l4Answer,
          l5Answer: guide.l5Answer,
        }}
      />
    </main>
  );
}
