import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DeletePromptButton } from '@/components/prompts/delete-prompt-button';
import styles from '@/components/prompts/prompt-bank.module.css';
import { requireUser } from '@/lib/auth/require-user';
import { describeDifficulty, KIND_LABELS } from '@/lib/domain/prompt-bank';
import { phasePlanMinutes, topicLabel } from '@/lib/domain/prompt';
import { getServices } from '@/lib/services';
import { LocalTime } from '@/components/ui/local-time';
import type { TGuideLock } from '@/lib/use-cases/guide-locks';
import { getPrompt } from '@/lib/use-cases/list-prompts';
import { useCaseContext } from '@/lib/use-cases/context';

export const metadata: Metadata = { title: 'Prompt' };

type Props = { params: Promise<{ id: string }> };

const ORIGIN_LABELS = { 'built-in': 'Built-in prompt', mine: 'Written by you' } as const;

export default async function PromptPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/prompts/${id}`);
  const prompt = await getPrompt(useCaseContext(getServices().prisma, user.id), { id });
  if (!prompt) notFound();
  const { guide } = prompt;

  return (
    <main>
      <p>
        <Link href="/prompts">← All prompts</Link>
      </p>
      <div className={styles.itemHead}>
        <h1>{prompt.title}</h1>
        {prompt.isMine ? <span className={`${styles.badge} ${styles.mine}`}>Yours</span> : null}
      </div>
      <p className={styles.meta} data-testid="prompt-meta">
        {KIND_LABELS[prompt.kind]} · {describeDifficulty(prompt.difficulty)} · {prompt.minutes} min · {ORIGIN_LABELS[prompt.origin]}
      </p>
      <ul className={styles.tags} aria-label="Topics">
        {prompt.topics.map((topic) => (
          <li key={topic} className={styles.tag}>
            {topicLabel(topic) ?? topic}
          </li>
        ))}
      </ul>

      <div className="row" style={{ marginTop: '1rem' }}>
        <Link href={`/interviews/new?promptId=${encodeURIComponent(prompt.id)}`} className="button primary">
          Start an interview with this prompt
        </Link>
        {prompt.isMine ? (
          <>
            <Link href={`/prompts/${prompt.id}/edit`} className="button">
              Edit
            </Link>
            <DeletePromptButton promptId={prompt.id} title={prompt.title} />
          </>
        ) : (
          <span className="hint">Built-in prompts are read-only.</span>
        )}
      </div>

      <section className={styles.section} aria-labelledby="statement-heading">
        <h2 id="statement-heading">Statement</h2>
        <p className={`card ${styles.statement}`} data-testid="prompt-statement">
          {prompt.statement}
        </p>
      </section>

      <section className={styles.section} aria-labelledby="phases-heading">
        <h2 id="phases-heading">Phase plan ({phasePlanMinutes(prompt.phasePlan)} min)</h2>
        <ol className={styles.bullets}>
          {prompt.phasePlan.map((phase) => (
            <li key={phase.id}>
              {phase.name}: {phase.minutes} min
            </li>
          ))}
        </ol>
      </section>

      <section className={styles.section} aria-labelledby="guide-heading">
        <h2 id="guide-heading">Interviewer guide</h2>
        {guide ? (
          <>
            <p className="hint">In an interview only the interviewer sees this; here it is open for studying.</p>
            <div className="stack" data-testid="prompt-guide">
              <GuideList title="Key points" items={guide.keyPoints} />
              <GuideList title="Follow-up questions" items={guide.followUps} />
              <GuideList title="Hint ladder (gentlest first)" items={guide.hints} isOrdered />
              {prompt.relatedTopics.length > 0 ? (
                <div>
                  <h3>Draws on</h3>
                  <p>{prompt.relatedTopics.map((topic) => topicLabel(topic) ?? topic).join(', ')}</p>
                </div>
              ) : null}
              <div className={styles.answers}>
                <div className="card">
                  <h3>An answer that meets L4</h3>
                  <p className={styles.answer}>{guide.l4Answer}</p>
                </div>
                <div className="card">
                  <h3>An answer that meets L5</h3>
                  <p className={styles.answer}>{guide.l5Answer}</p>
                </div>
              </div>
            </div>
          </>
        ) : (
          <p className="alert info" role="status" data-testid="guide-hidden">
            {guideHiddenSentence(prompt.guideLock)}
          </p>
        )}
      </section>
    </main>
  );
}

/** Why the reader cannot see the guide now, and until when. */
function guideHiddenSentence(lock: TGuideLock | null): ReactNode {
  const when =
    lock?.status === 'live' ? (
      'that is running now'
    ) : lock?.scheduledAt ? (
      <>
        scheduled for <LocalTime at={lock.scheduledAt} />
      </>
    ) : (
      'that has not started yet'
    );
  const until = lock?.plannedEndAt ? (
    <>
      {' '}
      (planned to end around <LocalTime at={lock.plannedEndAt} />)
    </>
  ) : null;
  return (
    <>
      You are the candidate in an interview on this prompt {when}, so its guide (key points, follow-ups, hints and answers)
      is hidden from you until that interview ends{until}. You can read it again afterwards.
    </>
  );
}

function GuideList({ title, items, isOrdered = false }: { title: string; items: string[]; isOrdered?: boolean }) {
  const List = isOrdered ? 'ol' : 'ul';
  return (
    <section aria-label={title}>
      <h3>
        {title} <span className="hint">({items.length})</span>
      </h3>
      <List className={styles.bullets}>
        {items.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </List>
    </section>
  );
}
