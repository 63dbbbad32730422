/**
 * Prompt bank domain: the shape of an interview prompt (concept drill or design exercise), its
 * interviewer guide and its phase plan.
 *
 * Pure module: topics, phase plans, limits and small helpers, without zod (browser code uses
 * them); the schemas are in ./prompt-schema.ts. No I/O (the loader that reads
 * `prisma/prompts/*.json` and writes the database lives in `lib/use-cases/load-prompt-bank.ts`).
 *
 * Two entry schemas (./prompt-schema.ts) share the same building blocks:
 * - `ZPromptFile`: one built-in prompt, authored by us as a JSON data file (trusted, reviewed).
 * - `ZPromptInput`: a prompt authored by a user in the UI (untrusted: every string and array is
 *   capped so a request cannot store megabytes of text).
 */
import type { TPhase, TPhasePlan, TPromptFile, TPromptInput, TStoredGuide } from './prompt-schema';

export type { TPhase, TPhasePlan, TPromptFile, TPromptGuide, TPromptInput, TStoredGuide } from './prompt-schema';

// ---------------------------------------------------------------------------------------------
// Topics
// ---------------------------------------------------------------------------------------------

/**
 * The fixed list of topic tags. Every topic of the reference material has an entry here and at
 * least one concept drill in the bank (see tests/unit/prompt-bank.test.ts).
 */
export const TOPICS = [
  { id: 'database-locks', label: 'Database locks' },
  { id: 'redis-caching', label: 'Redis and caching' },
  { id: 'api-performance', label: 'Improving API performance' },
  { id: 'ci-cd', label: 'CI/CD pipelines' },
  { id: 'memory-storage', label: 'Types of memory and storage' },
  { id: 'sql-execution-order', label: 'SQL query execution order' },
  { id: 'api-design', label: 'Designing effective and safe APIs' },
  { id: 'sse', label: 'Server-sent events (SSE)' },
  { id: 'throughput', label: 'Throughput' },
  { id: 'response-time', label: 'Response time' },
  { id: 'latency', label: 'Latency' },
  { id: 'tail-latency', label: 'Tail latency' },
  { id: 'slo', label: 'Service level objectives (SLO)' },
  { id: 'sla', label: 'Service level agreements (SLA)' },
  { id: 'tail-latency-amplification', label: 'Tail latency amplification' },
  { id: 'scaling-up', label: 'Scaling up (vertical scaling)' },
  { id: 'scaling-down', label: 'Scaling down' },
  { id: 'shared-nothing', label: 'Shared-nothing architecture' },
  { id: 'sstable', label: 'SSTables' },
  { id: 'memtable', label: 'Memtables' },
  { id: 'lsm-tree', label: 'Log-structured merge trees (LSM trees)' },
  { id: 'clustered-index', label: 'Clustered indexes' },
  { id: 'geospatial-indexes', label: 'Multi-dimensional indexes for geospatial data' },
  { id: 'postgres-r-trees', label: 'R-trees in PostgreSQL' },
  { id: 'oltp-vs-olap', label: 'OLTP vs OLAP' },
  { id: 'base', label: 'BASE' },
  { id: 'solid', label: 'SOLID' },
  { id: 'kiss', label: 'KISS' },
  { id: 'availability-partition-tolerance', label: 'Availability and partition tolerance' },
  { id: 'cap-theorem', label: 'CAP theorem and its combinations' },
  { id: 'estimation', label: 'Back-of-the-envelope estimation' },
] as const;

export type TTopic = (typeof TOPICS)[number];
export type TTopicId = TTopic['id'];

export const TOPIC_IDS = TOPICS.map((t) => t.id) as [TTopicId, ...TTopicId[]];

const TOPIC_LABELS: ReadonlyMap<string, string> = new Map(TOPICS.map((t) => [t.id, t.label]));

/** Human label of a topic id, or undefined for an unknown id. */
export function topicLabel(id: string): string | undefined {
  return TOPIC_LABELS.get(id);
}

/** Longest topic of an author's own. */
export const MAX_OWN_TOPIC_LENGTH = 40;

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

/** Lower-case kebab case: `deep-dive`, `design-url-shortener`. */
export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const PROMPT_KINDS = ['concept', 'design'] as const;
export type TPromptKind = (typeof PROMPT_KINDS)[number];

/** Total minutes of a phase plan. */
export function phasePlanMinutes(plan: readonly TPhase[]): number {
  return plan.reduce((sum, phase) => sum + phase.minutes, 0);
}

/**
 * Default phase plans.
 * - Concept drill (18 min): the candidate explains the concept, the interviewer probes with
 *   follow-ups, then a short wrap-up with feedback.
 * - Design exercise (45 min): the classic five phases.
 */
export const DEFAULT_PHASE_PLANS: Readonly<Record<TPromptKind, readonly Readonly<TPhase>[]>> = Object.freeze({
  concept: Object.freeze([
    Object.freeze({ id: 'explain', name: 'Explain', minutes: 8 }),
    Object.freeze({ id: 'probe', name: 'Probe and follow-ups', minutes: 7 }),
    Object.freeze({ id: 'wrap-up', name: 'Wrap-up', minutes: 3 }),
  ]),
  design: Object.freeze([
    Object.freeze({ id: 'requirements', name: 'Requirements', minutes: 5 }),
    Object.freeze({ id: 'estimation', name: 'Estimation', minutes: 5 }),
    Object.freeze({ id: 'high-level-design', name: 'High-level design', minutes: 15 }),
    Object.freeze({ id: 'deep-dive', name: 'Deep dive', minutes: 15 }),
    Object.freeze({ id: 'wrap-up', name: 'Wrap-up', minutes: 5 }),
  ]),
});

/**
 * The phase plan a prompt runs with: its own override when it has one, otherwise the default
 * plan of its kind. Always returns a fresh, mutable copy (callers may edit it for one interview
 * without touching the defaults).
 */
export function phasePlanFor(prompt: { kind: TPromptKind; phasePlan?: readonly TPhase[] | null }): TPhasePlan {
  const plan = prompt.phasePlan && prompt.phasePlan.length > 0 ? prompt.phasePlan : DEFAULT_PHASE_PLANS[prompt.kind];
  return plan.map((phase) => ({ ...phase }));
}

// ---------------------------------------------------------------------------------------------
// Guide
// ---------------------------------------------------------------------------------------------

export type TLimits = {
  /** Longest title. */
  title: number;
  /** Longest statement. */
  statement: number;
  /** Longest single bullet (key point, follow-up, hint). */
  item: number;
  /** Longest L4 / L5 answer description. */
  answer: number;
  keyPoints: number;
  followUps: number;
  hints: number;
  topics: number;
};

/** Generous limits for our own reviewed data files. */
export const FILE_LIMITS: TLimits = {
  title: 200,
  statement: 4000,
  item: 1500,
  answer: 6000,
  keyPoints: 40,
  followUps: 30,
  hints: 10,
  topics: TOPICS.length,
};

/** Tighter limits for untrusted, user-authored prompts. */
export const INPUT_LIMITS: Readonly<TLimits> = Object.freeze({
  title: 120,
  statement: 3000,
  item: 600,
  answer: 3000,
  keyPoints: 25,
  followUps: 15,
  hints: 8,
  topics: 12,
});

/** Builds the `guide` Json column from a validated prompt (data file or user input). */
export function toStoredGuide(prompt: TPromptFile | TPromptInput): TStoredGuide {
  return {
    keyPoints: [...prompt.guide.keyPoints],
    followUps: [...prompt.guide.followUps],
    hints: [...prompt.guide.hints],
    l4Answer: prompt.guide.l4Answer,
    l5Answer: prompt.guide.l5Answer,
    phasePlan: phasePlanFor(prompt),
    relatedTopics: [...(prompt.relatedTopics ?? [])],
  };
}

/** The Prompt row's content fields, the same for built-in files and user-authored prompts. */
export function promptRowFields(prompt: TPromptFile | TPromptInput) {
  return {
    kind: prompt.kind,
    title: prompt.title,
    statement: prompt.statement,
    guide: toStoredGuide(prompt),
    topics: [...prompt.topics],
    difficulty: prompt.difficulty,
    minutes: prompt.minutes,
  };
}
