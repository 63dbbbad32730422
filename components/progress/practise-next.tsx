import Link from 'next/link';
import { KIND_LABELS } from '@/lib/domain/prompt-bank';
import { topicLabel } from '@/lib/domain/prompt';
import { MAX_LOBBY_TOPICS } from '@/lib/domain/matching';
import type { TPractiseNext, TPracticeSuggestion } from '@/lib/domain/practise-next';
import { lobbyPrefillHref } from '@/lib/protocol/lobby';
import { formatMean } from './progress-format';
import styles from './progress.module.css';

type TPrompt = TPracticeSuggestion['prompts'][number];

function PromptItem({ prompt, level }: { prompt: TPrompt; level: TPractiseNext['level'] }) {
  const topics = prompt.topics.flatMap((id) => (topicLabel(id) ? [id] : [])).slice(0, MAX_LOBBY_TOPICS);
  return (
    <li className={styles.practicePrompt} data-prompt-id={prompt.id}>
      <span className={styles.practiceTitle}>{prompt.title}</span>{' '}
      <span className="hint">
        {KIND_LABELS[prompt.kind]} · {prompt.minutes} min · {prompt.topics.map((id) => topicLabel(id) ?? id).join(', ')}
      </span>
      <span className={styles.practiceLinks}>
        <Link href={lobbyPrefillHref({ role: 'candidate', level, topics })} aria-label={`Find a partner for ${prompt.title}`}>
          Find a partner
        </Link>
        <Link href={`/interviews/new?${new URLSearchParams({ promptId: prompt.id, level })}`} aria-label={`New interview: ${prompt.title}`}>
          New interview
        </Link>
      </span>
    </li>
  );
}

/**
 * The weakest dimensions and topics, each with prompts not had yet that train it, one click from
 * "Find a partner" (the lobby, prefilled with the prompt's topics and the level) and "New
 * interview" (the form, with the prompt chosen).
 */
export function PractiseNext({ next }: { next: TPractiseNext }) {
  if (next.suggestions.length === 0) {
    return (
      <p data-testid="practise-next-none">
        Every dimension exceeds the bar so far. Keep it up at {next.level}, or try a harder prompt from{' '}
        <Link href="/prompts">the prompt bank</Link>.
      </p>
    );
  }
  return (
    <ul className={styles.practiceList} data-testid="practise-next">
      {next.suggestions.map(({ focus, prompts }) => (
        <li key={`${focus.kind}:${focus.id}`} className={styles.practiceFocus} data-focus={`${focus.kind}:${focus.id}`}>
          <h3>
            {focus.label} <span className={styles.chartMean}>{focus.kind === 'dimension' ? 'dimension' : 'topic'} · your average {formatMean(focus.mean)}</span>
          </h3>
          {prompts.length === 0 ? (
            <p className="muted">You have had every built-in prompt at {next.level} that trains this. Ask a partner to write one of their own.</p>
          ) : (
            <ul className={styles.practicePrompts}>
              {prompts.map((prompt) => (
                <PromptItem key={prompt.id} prompt={prompt} level={next.level} />
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
