import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PromptForm } from '@/components/prompts/prompt-form';
import { requireUser } from '@/lib/auth/require-user';
import { getServices } from '@/lib/services';
import { getPrompt } from '@/lib/use-cases/list-prompts';
import { useCaseContext } from '@/lib/use-cases/context';

export const metadata: Metadata = { title: 'Edit prompt' };

type Props = { params: Promise<{ id: string }> };

export default async function EditPromptPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/prompts/${id}/edit`);
  const prompt = await getPrompt(useCaseContext(getServices().prisma, user.id), { id });
  if (!prompt) notFound();
  const back = (
    <p>
      <Link href={`/prompts/${prompt.id}`}>← Back to the prompt</Link>
    </p>
  );
  // Only built-in prompts and one's own are readable; one's own guide is never hidden.
  const { guide } = prompt;
  if (!prompt.isMine || !guide) {
    return (
      <main>
        {back}
        <h1>Edit prompt</h1>
        <p className="alert error" role="alert">
          Built-in prompts are read-only.
        </p>
      </main>
    );
  }
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
          phasePlan: prompt.phasePlan,
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
