import type { Metadata } from 'next';
import { NewInterviewForm } from '@/components/interviews/new-interview-form';
import { requireUser } from '@/lib/auth/require-user';
import { getServices } from '@/lib/services';
import { useCaseContext } from '@/lib/use-cases/context';
import { listPastCandidates, listPromptOptions } from '@/lib/use-cases/new-interview-options';

export const metadata: Metadata = { title: 'New interview' };

type Props = { searchParams: Promise<{ promptId?: string | string[]; candidate?: string | string[]; level?: string | string[] }> };

export default async function NewInterviewPage({ searchParams }: Props) {
  // "Start an interview with this prompt" on a prompt's page preselects it; "Interview again"
  // on the dashboard preselects the candidate.
  const params = await searchParams;
  const chosen = typeof params.promptId === 'string' ? params.promptId : undefined;
  const candidate = typeof params.candidate === 'string' ? params.candidate : undefined;
  // "New interview" from the progress page's suggestions sets the level the candidate practises at.
  const level = params.level === 'L4' || params.level === 'L5' ? params.level : undefined;
  const back = new URLSearchParams({ ...(chosen ? { promptId: chosen } : {}), ...(candidate ? { candidate } : {}), ...(level ? { level } : {}) });
  // Back here after signing in, with the prompt and the candidate still chosen.
  const user = await requireUser(back.size > 0 ? `/interviews/new?${back}` : '/interviews/new');
  const ctx = useCaseContext(getServices().prisma, user.id);
  const [prompts, pastCandidates] = await Promise.all([listPromptOptions(ctx), listPastCandidates(ctx)]);
  return (
    <main>
      <h1>New interview</h1>
      <p className="muted">You will run this interview. Send the invite link from the room to your candidate.</p>
      <NewInterviewForm prompts={prompts} pastCandidates={pastCandidates} initialPromptId={chosen} initialCandidateId={candidate} initialLevel={level} />
    </main>
  );
}
