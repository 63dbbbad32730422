/**
 * "What to practise next": from a candidate's progress, their weakest rubric dimensions and
 * topics, and for each the built-in prompts they have not had that train it. Pure module: the use
 * case (lib/use-cases/practise-next.ts) reads the bank and the prompts already had.
 */
import { LEVEL_DIFFICULTIES } from './prompt-bank';
import { topicLabel, type TPromptKind, type TTopicId } from './prompt';
import type { TDimensionProgress, TTopicProgress } from './progress';
import type { TDimensionId, TTargetLevel } from './rubric';

/** At most this many dimensions and this many topics are named as the weakest. */
export const MAX_WEAK_DIMENSIONS = 2;
export const MAX_WEAK_TOPICS = 2;
/** Prompts suggested per weak dimension or topic. */
export const PROMPTS_PER_FOCUS = 2;

/**
 * Which prompts train a rubric dimension: a prompt of one of `kinds` that, when `topics` is not
 * empty, touches one of them (its own topics or, for a design exercise, the topics it draws on).
 * Why these: every design exercise runs the requirements, estimation and high-level phases, so
 * any of them trains those; a deep dive needs storage and concurrency internals; scalability
 * needs the scaling, latency and consistency topics; a concept drill is a few minutes of
 * explaining one idea clearly, which is what communication scores.
 */
export const DIMENSION_TRAINING: Readonly<Record<TDimensionId, { kinds: readonly TPromptKind[]; topics: readonly TTopicId[] }>> = {
  requirements: { kinds: ['design'], topics: [] },
  estimation: { kinds: ['design', 'concept'], topics: ['estimation', 'throughput', 'memory-storage'] },
  'high-level-design': { kinds: ['design'], topics: [] },
  'deep-dive': {
    kinds: ['design', 'concept'],
    topics: ['database-locks', 'lsm-tree', 'sstable', 'memtable', 'clustered-index', 'geospatial-indexes', 'postgres-r-trees', 'sql-execution-order'],
  },
  'scalability-reliability': {
    kinds: ['design', 'concept'],
    topics: [
      'scaling-up',
      'scaling-down',
      'shared-nothing',
      'availability-partition-tolerance',
      'cap-theorem',
      'base',
      'tail-latency',
      'tail-latency-amplification',
      'slo',
      'sla',
    ],
  },
  communication: { kinds: ['concept'], topics: [] },
};

/** A built-in prompt as the suggestions need it (nothing of its guide). */
export type TPracticePrompt = {
  id: string;
  title: string;
  kind: TPromptKind;
  /** Its topic tags. */
  topics: readonly string[];
  /** A design exercise's related topics; empty for a concept drill. */
  relatedTopics: readonly string[];
  difficulty: number;
  minutes: number;
};

export type TPracticeFocus =
  | { kind: 'dimension'; id: TDimensionId; label: string; mean: number }
  | { kind: 'topic'; id: string; label: string; mean: number };

export type TPracticeSuggestion = {
  focus: TPracticeFocus;
  /** Not had yet, suiting the level, best first; empty when the bank has none left for it. */
  prompts: Array<Omit<TPracticePrompt, 'relatedTopics'>>;
};

export type TPractiseNext = {
  /** The level of the latest scored interview: the suggestions suit it. */
  level: TTargetLevel;
  /** Weakest dimensions first, then weakest topics. Empty when nothing is below "exceeds". */
  suggestions: TPracticeSuggestion[];
};

function touches(prompt: TPracticePrompt, topics: readonly string[]): boolean {
  return prompt.topics.some((t) => topics.includes(t)) || prompt.relatedTopics.some((t) => topics.includes(t));
}

/** Whether the prompt trains the focus (see DIMENSION_TRAINING; a topic: it is tagged with or draws on it). */
export function trains(prompt: TPracticePrompt, focus: { kind: 'dimension'; id: TDimensionId } | { kind: 'topic'; id: string }): boolean {
  if (focus.kind === 'topic') return touches(prompt, [focus.id]);
  const training = DIMENSION_TRAINING[focus.id];
  if (!training.kinds.includes(prompt.kind)) return false;
  return training.topics.length === 0 || touches(prompt, training.topics);
}

/**
 * The weakest dimensions (lowest mean, rubric order on ties) and topics (the progress's order:
 * lowest mean first), each with at most PROMPTS_PER_FOCUS prompts not had that train it. A score
 * of 4 everywhere leaves nothing to name. A prompt is suggested once: a later focus takes the
 * next ones. Prompts that train more of the weak spots at once come first, then the one whose
 * topic tags (not just its related topics) hit, then by title.
 */
export function practiseNext(input: {
  dimensions: readonly TDimensionProgress[];
  topics: readonly TTopicProgress[];
  level: TTargetLevel;
  prompts: readonly TPracticePrompt[];
  hadPromptIds: ReadonlySet<string>;
}): TPractiseNext {
  const weakDimensions = input.dimensions
    .flatMap((d, order) => (d.mean !== null && d.mean < 4 ? [{ d, order, mean: d.mean }] : []))
    .sort((a, b) => a.mean - b.mean || a.order - b.order)
    .slice(0, MAX_WEAK_DIMENSIONS)
    .map(({ d, mean }): TPracticeFocus => ({ kind: 'dimension', id: d.id, label: d.label, mean }));
  // Only the bank's own topics: a user's own tag ("Kafka") has no built-in prompt to train it.
  const weakTopics = input.topics
    .flatMap((t): TPracticeFocus[] => {
      const label = topicLabel(t.topic);
      return label !== undefined && t.mean < 4 ? [{ kind: 'topic', id: t.topic, label, mean: t.mean }] : [];
    })
    .slice(0, MAX_WEAK_TOPICS);
  const focuses = [...weakDimensions, ...weakTopics];

  const fresh = input.prompts.filter((p) => !input.hadPromptIds.has(p.id));
  const suitable = fresh.filter((p) => (LEVEL_DIFFICULTIES[input.level] as readonly number[]).includes(p.difficulty));
  const pool = suitable.length > 0 ? suitable : fresh;
  const breadth = new Map(pool.map((p) => [p.id, focuses.filter((f) => trains(p, f)).length]));
  const taken = new Set<string>();

  const suggestions = focuses.map((focus): TPracticeSuggestion => {
    const direct = (p: TPracticePrompt) => (focus.kind === 'topic' ? p.topics.includes(focus.id) : touches({ ...p, relatedTopics: [] }, DIMENSION_TRAINING[focus.id].topics));
    const ranked = pool
      .filter((p) => !taken.has(p.id) && trains(p, focus))
      .sort(
        (a, b) =>
          (breadth.get(b.id) ?? 0) - (breadth.get(a.id) ?? 0) ||
          Number(direct(b)) - Number(direct(a)) ||
          a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }),
      )
      .slice(0, PROMPTS_PER_FOCUS);
    for (const p of ranked) taken.add(p.id);
    return { focus, prompts: ranked.map(({ relatedTopics: _related, ...rest }) => rest) };
  });
  return { level: input.level, suggestions };
}
