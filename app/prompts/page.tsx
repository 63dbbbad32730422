import type { Metadata } from 'next';
import Link from 'next/link';
import styles from '@/components/prompts/prompt-bank.module.css';
import { requireUser } from '@/lib/auth/require-user';
import { LEVELS } from '@/lib/domain/interview';
import { describeDifficulty, KIND_LABELS, MAX_QUERY_LENGTH, promptFilterFromSearchParams } from '@/lib/domain/prompt-bank';
import { PROMPT_KINDS, topicLabel, TOPICS } from '@/lib/domain/prompt';
import { getServices } from '@/lib/services';
import { listPrompts } from '@/lib/use-cases/list-prompts';
import { useCaseContext } from '@/lib/use-cases/context';

export const metadata: Metadata = { title: 'Prompts' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const LEVEL_LABELS = { L4: 'L4 (mid-level)', L5: 'L5 (senior)' } as const;

export default async function PromptsPage({ searchParams }: Props) {
  const filter = promptFilterFromSearchParams(await searchParams);
  const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const user = await requireUser(query.size > 0 ? `/prompts?${query}` : '/prompts');
  const { items, total, page, pageCount } = await listPrompts(useCaseContext(getServices().prisma, user.id), filter);
  const isFiltered = [...query.keys()].some((key) => key !== 'page');
  const pageHref = (to: number) => {
    const next = new URLSearchParams(query);
    if (to > 1) next.set('page', String(to));
    else next.delete('page');
    return next.size > 0 ? `/prompts?${next}` : '/prompts';
  };

  return (
    <main>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Prompts</h1>
        <Link href="/prompts/new" className="button primary">
          New prompt
        </Link>
      </div>
      <p className="muted">
        The built-in bank and the prompts you wrote. Open one to study its guide, or start an interview with it. The prompts
        you write are yours alone: nobody else sees them, and you can edit and delete them.
      </p>

      {/* A GET form: the filtered list has a URL that can be shared or bookmarked. */}
      <form method="get" action="/prompts" role="search" aria-label="Filter prompts" className={`card ${styles.filters}`}>
        <div className={styles.field}>
          <label htmlFor="prompt-search">Search</label>
          <input
            id="prompt-search"
            type="search"
            name="q"
            defaultValue={filter.q ?? ''}
            maxLength={MAX_QUERY_LENGTH}
            placeholder="Title, statement or topic"
          />
        </div>
        <div className={styles.field}>
          <label htmlFor="prompt-topic">Topic</label>
          <select id="prompt-topic" name="topic" defaultValue={filter.topic ?? ''}>
            <option value="">All topics</option>
            {TOPICS.map((topic) => (
              <option key={topic.id} value={topic.id}>
                {topic.label}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="prompt-kind">Kind</label>
          <select id="prompt-kind" name="kind" defaultValue={filter.kind ?? ''}>
            <option value="">All kinds</option>
            {PROMPT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="prompt-level">Level</label>
          <select id="prompt-level" name="level" defaultValue={filter.level ?? ''} aria-describedby="level-hint">
            <option value="">Any level</option>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {LEVEL_LABELS[level]}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor="prompt-source">Source</label>
          <select id="prompt-source" name="source" defaultValue={filter.source ?? ''}>
            <option value="">Built-in and yours</option>
            <option value="built-in">Built-in only</option>
            <option value="mine">Yours only</option>
          </select>
        </div>
        <div className={styles.filterActions}>
          <button type="submit" className="button">
            Search
          </button>
          {isFiltered ? <Link href="/prompts">Clear filters</Link> : null}
          <span id="level-hint" className="hint">
            Level: L4 lists introductory and intermediate prompts, L5 intermediate and advanced ones.
          </span>
        </div>
      </form>

      <p className="hint" role="status" data-testid="prompt-count">
        {total === 1 ? '1 prompt' : `${total} prompts`}
        {pageCount > 1 ? `, page ${page} of ${pageCount}` : ''}
      </p>

      {items.length === 0 ? (
        <section className="card empty-state" aria-label="Prompts">
          <h2>No prompts match</h2>
          <p>Try other words or fewer filters.</p>
          {isFiltered ? (
            <Link href="/prompts" className="button">
              Clear filters
            </Link>
          ) : null}
        </section>
      ) : (
        <ul className={styles.list} aria-label="Prompts">
          {items.map((prompt) => (
            <li key={prompt.id} className={`card ${styles.item}`}>
              <Link href={`/prompts/${prompt.id}`}>
                <span className={styles.itemHead}>
                  <span className={styles.itemTitle}>{prompt.title}</span>
                  {prompt.isMine ? <span className={`${styles.badge} ${styles.mine}`}>Yours</span> : null}
                  {prompt.origin === 'built-in' ? <span className={styles.badge}>Built-in</span> : null}
                  {prompt.isGuideHidden ? <span className={styles.badge}>Guide hidden until your interview ends</span> : null}
                </span>
                <span className={styles.meta}>
                  {KIND_LABELS[prompt.kind]} · {describeDifficulty(prompt.difficulty)} · {prompt.minutes} min
                </span>
                <span className={styles.tags}>
                  {prompt.topics.map((topic) => (
                    <span key={topic} className={styles.tag}>
                      {topicLabel(topic) ?? topic}
                    </span>
                  ))}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {pageCount > 1 ? (
        <nav className="row history-pager" aria-label="Pages of prompts">
          {page > 1 ? <Link href={pageHref(page - 1)}>← Previous page</Link> : <span />}
          {page < pageCount ? <Link href={pageHref(page + 1)}>Next page →</Link> : null}
        </nav>
      ) : null}
    </main>
  );
}
