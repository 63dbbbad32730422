import { z } from 'zod';
import { FILE_LIMITS, INPUT_LIMITS, KEBAB_CASE, MAX_OWN_TOPIC_LENGTH, phasePlanFor, phasePlanMinutes, PROMPT_KINDS, TOPIC_IDS, TOPICS, type TLimits, type TPromptKind } from './prompt';
import { ZText } from './text-schema';

// The zod schemas of ./prompt.ts: the shape of a prompt file, of a prompt a user writes, of the
// stored guide and of a phase plan. Apart, so that browser code using topics and phase plans
// does not load zod.

export const ZTopicId = z.enum(TOPIC_IDS);

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

export const ZPromptKind = z.enum(PROMPT_KINDS);

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

