import type { Metadata } from 'next';
import Link from 'next/link';
import { PromptForm } from '@/components/prompts/prompt-form';
import { requireUser } from '@/lib/auth/require-user';

export const metadata: Metadata = { title: 'New prompt' };

export default async function NewPromptPage() {
  await requireUser('/prompts/new');
  return (
    <main>
      <p>
        <Link href="/prompts">← All prompts</Link>
      </p>
      <h1>New prompt</h1>
      <p className="muted">
        Your prompt joins the bank: everyone signed in can read it and run interviews with it; only you can edit or delete it.
      </p>
      <PromptForm />
    </main>
  );
}
