import type { Metadata } from 'next';
import { NewInterviewForm } from '@/components/interviews/new-interview-form';
import { requireUser } from '@/lib/auth/require-user';
import { getServices } from '@/lib/services';
import { listPromptOptions } from '@/lib/use-cases/list-interviews';

export const metadata: Metadata = { title: 'New interview' };

export default async function NewInterviewPage() {
  await requireUser('/interviews/new');
  const prompts = await listPromptOptions(getServices().prisma);
  return (
    <main>
      <h1>New interview</h1>
      <p className="muted">You will run this interview. Send the invite link from the room to your candidate.</p>
      <NewInterviewForm prompts={prompts} />
    </main>
  );
}
