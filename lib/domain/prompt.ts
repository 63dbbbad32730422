/**
 * Prompt bank domain: the shape of an interview prompt (concept drill or design exercise), its
 * interviewer guide and its phase plan.
 *
 * Pure module: zod schemas, types and small helpers only. No I/O (the loader that reads
 * `prisma/prompts/*.json` and writes the database lives in `lib/use-cases/load-prompt-bank.ts`).
 *
 * Two entry schemas share the same building blocks:
 * - `ZPromptFile`: one built-in prompt, authored by us as a JSON data file (trusted, reviewed).
 * - `ZPromptInput`: a prompt authored by a user in the UI (untrusted: every string and array is
 *   capped so a request cannot store megabytes of text).
 */
import { z } from 'zod';
import { ZText } from './text';

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

export const ZTopicId = z.enum(TOPIC_IDS);

/** Longest topic of an author's own. */
export const MAX_OWN_TOPIC_LENGTH = 40;

/**
 * A topic tag on a user's prompt: one of TOPICS by id, or one of the author's own, stored as
 * written ("Kafka", "Consistent hashing"). Own text that names a known topic (by id or label,
 * any case) becomes that topic's id, so one topic is never tagged twice.
 */
export const ZTopicTag = z.union([
  ZTopicId,
  ZText.trim()
    .min(2, 'A topic of your own needs at least 2 characters')
    .max(MAX_OWN_TOPIC_LENGTH, `A topic of your own has at most ${MAX_OWN_TOPIC_LENGTH} characters`)
    .regex(/^[^,\n\r]+$/, 'A topic of your own cannot contain a comma or a line break')
    .transform((tag) => {
      const folded = tag.toLowerCase();
      return TOPICS.find((topic) => topic.id === folded || topic.label.toLowerCase() === folded)?.id ?? tag;
    }),
]);

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

/** Lower-case kebab case: `deep-dive`, `design-url-shortener`. */
export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const PROMPT_KINDS = ['concept', 'design'] as const;
export const ZPromptKind = z.enum(PROMPT_KINDS);
export type TPromptKind = z.infer<typeof ZPromptKind>;

/** A trimmed, non-empty string of at most `max` characters. */
function text(max: number) {
  return ZText.trim().min(1).max(max);
}

function kebab(max: number) {
  return ZText.max(max).regex(KEBAB_CASE, 'must be lower-case kebab-case (e.g. "deep-dive")');
}

export const ZPhase = z.strictObject({
  id: kebab(40),
  name: text(60),
  minutes: z.int().min(1).max(120),
});
export type TPhase = z.infer<typeof ZPhase>;

export const ZPhasePlan = z
  .array(ZPhase)
  .min(1)
  .max(10)
  .superRefine((phases, ctx) => {
    const seen = new Set<string>();
    phases.forEach((phase, i) => {
      if (seen.has(phase.id)) {
        ctx.addIssue({ code: 'custom', message: `duplicate phase id "${phase.id}"`, path: [i, 'id'] });
      }
      seen.add(phase.id);
    });
  });
export type TPhasePlan = z.infer<typeof ZPhasePlan>;

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

type TLimits = {
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
const FILE_LIMITS: TLimits = {
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

function guideSchema(limits: TLimits) {
  return z.strictObject({
    /** What a strong answer must hit; the interviewer ticks them off. */
    keyPoints: z.array(text(limits.item)).min(5).max(limits.keyPoints),
    /** Questions to push further once the basics are covered. */
    followUps: z.array(text(limits.item)).min(3).max(limits.followUps),
    /** A hint ladder, ordered from the gentlest nudge to the most explicit help. */
    hints: z.array(text(limits.item)).min(3).max(limits.hints),
    /** What an answer that meets the L4 bar looks like. */
    l4Answer: text(limits.answer),
    /** What an answer that meets the L5 bar looks like. */
    l5Answer: text(limits.answer),
  });
}

export const ZPromptGuide = guideSchema(FILE_LIMITS);
export type TPromptGuide = z.infer<typeof ZPromptGuide>;

function uniqueTopics(max: number, tag: z.ZodType<string> = ZTopicId) {
  return z
    .array(tag)
    .max(max)
    .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, 'topics must not repeat');
}

/** Built-in prompts use the fixed topics only; a user's may add their own (`tag`). */
function promptFields(limits: TLimits, tag?: z.ZodType<string>) {
  return {
    kind: ZPromptKind,
    title: text(limits.title),
    /** What the candidate sees. Must not give the guide away. */
    statement: text(limits.statement),
    topics: uniqueTopics(limits.topics, tag).min(1),
    difficulty: z.int().min(1).max(3),
    /** Total length; must equal the sum of the phase plan that applies. */
    minutes: z.int().min(1).max(180),
    /** Optional override of the default phase plan of the kind. */
    phasePlan: ZPhasePlan.optional(),
    guide: guideSchema(limits),
    /** For design prompts: the topic ids the exercise draws on. */
    relatedTopics: uniqueTopics(limits.topics, tag).optional(),
  };
}

type TPromptLike = {
  kind: TPromptKind;
  minutes: number;
  phasePlan?: TPhase[] | undefined;
  relatedTopics?: string[] | undefined;
};

/** Cross-field rules shared by data files and user input. */
function checkPrompt(prompt: TPromptLike, ctx: z.RefinementCtx) {
  const total = phasePlanMinutes(phasePlanFor(prompt));
  if (prompt.minutes !== total) {
    ctx.addIssue({
      code: 'custom',
      path: ['minutes'],
      message: `minutes (${prompt.minutes}) must equal the total of the phase plan (${total})`,
    });
  }
  if (prompt.kind === 'design' && (!prompt.relatedTopics || prompt.relatedTopics.length === 0)) {
    ctx.addIssue({
      code: 'custom',
      path: ['relatedTopics'],
      message: 'design prompts must list the topics they draw on in relatedTopics',
    });
  }
  if (prompt.kind === 'concept' && prompt.relatedTopics && prompt.relatedTopics.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['relatedTopics'],
      message: 'relatedTopics is only for design prompts; tag concept drills with topics',
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Entry schemas
// ---------------------------------------------------------------------------------------------

/** One built-in prompt, as stored in `prisma/prompts/<slug>.json`. */
export const ZPromptFile = z
  .strictObject({
    /** Stable key; the data file is named `<slug>.json`. */
    slug: kebab(80),
    ...promptFields(FILE_LIMITS),
  })
  .superRefine(checkPrompt);
export type TPromptFile = z.infer<typeof ZPromptFile>;

/** A prompt authored by a user in the UI. Untrusted: strict keys and capped sizes everywhere. */
export const ZPromptInput = z.strictObject(promptFields(INPUT_LIMITS, ZTopicTag)).superRefine(checkPrompt);
export type TPromptInput = z.infer<typeof ZPromptInput>;

/**
 * What the `guide` Json column of the `Prompt` table holds: the interviewer guide plus the
 * resolved phase plan and the related topics (empty for concept drills).
 */
export const ZStoredGuide = z.object({
  ...guideSchema(FILE_LIMITS).shape,
  phasePlan: ZPhasePlan,
  /** Topic ids, or a user's own topics (ZTopicTag). */
  relatedTopics: z.array(z.string()),
});
export type TStoredGuide = z.infer<typeof ZStoredGuide>;

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
