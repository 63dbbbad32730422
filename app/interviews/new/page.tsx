import type { Metadata } from 'next';
import { NewInterviewForm } from '@/components/interviews/new-interview-form';
import { requireUser } from '@/lib/auth/require-user';
import { getServices } from '@/lib/services';
import { listPromptOptions } from '@/lib/use-cases/list-interviews';

export const metadata: Metadata = { title: 'New interview' };

type Props = { searchParams: Promise<{ promptId?: string | string[] }> };

export default async function NewInterviewPage({ searchParams }: Props) {
  // "Start an interview with this prompt" on a prompt's page preselects it.
  const { promptId } = await searchParams;
  const chosen = typeof promptId === 'string' ? promptId : undefined;
  // Back here after signing in, with the prompt still chosen.
  await requireUser(chosen ? `/interviews/new?promptId=${encodeURIComponent(chosen)}` : '/interviews/new');
  const prompts = await listPromptOptions(getServices().prisma);
  return (
    <main>
      <h1>New interview</h1>
      <p className="muted">You will run this interview. Send the invite link from the room to your candidate.</p>
      <NewInterviewForm prompts={prompts} initialPromptId={chosen} />
    </main>
  );
}
