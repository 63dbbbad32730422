/**
 * The prompt bank page's vocabulary: which difficulties suit which target level, and the
 * filters a visitor can apply. Pure: no I/O.
 */
import { z } from 'zod';
import { ZText } from './text-schema';
import { LEVELS, type TLevel } from './interview';
import { INPUT_LIMITS, TOPIC_IDS, TOPICS, type TPromptKind } from './prompt';
import { ZPromptInput, ZPromptKind, ZTopicId } from './prompt-schema';

export const KIND_LABELS: Readonly<Record<TPromptKind, string>> = Object.freeze({
  concept: 'Concept drill',
  design: 'Design exercise',
});

export const DIFFICULTIES = [1, 2, 3] as const;
export type TDifficulty = (typeof DIFFICULTIES)[number];

export const DIFFICULTY_LABELS: Readonly<Record<TDifficulty, string>> = Object.freeze({
  1: 'Introductory',
  2: 'Intermediate',
  3: 'Advanced',
});

/**
 * The difficulties that make a fair interview at each target level.
 *
 * Why difficulty and not the answers: every prompt carries both an L4 and an L5 answer (the
 * guide requires them), so "has an answer for L5" would match the whole bank. Difficulty is what
 * differs: an introductory drill (SOLID, latency) cannot show senior depth, an advanced one (LSM
 * trees, a distributed key-value store) is unfair to a mid-level candidate, and an intermediate
 * prompt works at either level because the rubric's anchors, not the prompt, move the bar.
 * So difficulty 2 deliberately appears under both levels.
 */
export const LEVEL_DIFFICULTIES: Readonly<Record<TLevel, readonly TDifficulty[]>> = Object.freeze({
  L4: Object.freeze([1, 2] as const),
  L5: Object.freeze([2, 3] as const),
});

/** The target levels a difficulty suits, e.g. 2 → ['L4', 'L5']. */
export function levelsFor(difficulty: number): TLevel[] {
  return LEVELS.filter((level) => (LEVEL_DIFFICULTIES[level] as readonly number[]).includes(difficulty));
}

/** Longest search text; longer input is refused by the API and cut by the page. */
export const MAX_QUERY_LENGTH = 100;

/** A GET form sends every field, empty ones as "": those mean "no filter". */
const blankAsMissing = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** Whose prompts a reader lists: everyone sees the built-in ones and their own, nobody else's. */
export const PROMPT_SOURCES = ['built-in', 'mine'] as const;
export type TPromptSource = (typeof PROMPT_SOURCES)[number];

export const ZPromptFilter = z.object({
  q: z.preprocess(blankAsMissing, ZText.trim().max(MAX_QUERY_LENGTH).optional()),
  topic: z.preprocess(blankAsMissing, ZTopicId.optional()),
  kind: z.preprocess(blankAsMissing, ZPromptKind.optional()),
  level: z.preprocess(blankAsMissing, z.enum(LEVELS).optional()),
  source: z.preprocess(blankAsMissing, z.enum(PROMPT_SOURCES).optional()),
  page: z.preprocess(blankAsMissing, z.coerce.number().int().min(1).max(1000).optional()),
});
export type TPromptFilter = z.infer<typeof ZPromptFilter>;

type TSearchParams = Record<string, string | string[] | undefined>;

/**
 * The filter of a shared URL, leniently: a value that is not understood (an old topic id, a
 * hand-edited kind) is dropped instead of failing the page, and a long query is cut.
 */
export function promptFilterFromSearchParams(params: TSearchParams): TPromptFilter {
  const first = (key: string) => {
    const value = params[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const pick = <K extends keyof TPromptFilter>(key: K, raw: unknown): TPromptFilter[K] => {
    const parsed = ZPromptFilter.shape[key].safeParse(raw);
    return parsed.success ? (parsed.data as TPromptFilter[K]) : undefined;
  };
  return {
    q: pick('q', first('q')?.slice(0, MAX_QUERY_LENGTH)),
    topic: pick('topic', first('topic')),
    kind: pick('kind', first('kind')),
    level: pick('level', first('level')),
    source: pick('source', first('source')),
    page: pick('page', first('page')),
  };
}

/**
 * Titles as a reader sorts them: letters regardless of case and accents ("Scaling down" before
 * "SOLID"), numbers by value ("2PC" before "10 ways").
 */
export function compareTitles(a: string, b: string): number {
  return a.localeCompare(b, 'en', { sensitivity: 'base', numeric: true }) || a.localeCompare(b, 'en');
}

/** Topic ids whose label contains the search text, so "caching" also finds prompts tagged with it. */
export function topicsMatching(query: string): string[] {
  const needle = query.toLowerCase();
  return TOPICS.filter((topic) => topic.label.toLowerCase().includes(needle) || topic.id.includes(needle)).map((topic) => topic.id);
}

type TCount = { min: number; max: number };

/** Fewest items `schema` accepts, found by asking it: the bounds stay in ZPromptInput alone. */
function fewestAccepted(schema: { safeParse: (value: unknown) => { success: boolean } }, item: (i: number) => unknown, max: number): number {
  for (let n = 0; n <= max; n += 1) {
    if (schema.safeParse(Array.from({ length: n }, (_, i) => item(i))).success) return n;
  }
  return max;
}

const GUIDE_SHAPE = ZPromptInput.shape.guide.shape;

/** How many items each list of a user-authored prompt needs, for the form's hints. */
export const PROMPT_INPUT_COUNTS: Readonly<Record<'topics' | 'keyPoints' | 'followUps' | 'hints', TCount>> = Object.freeze({
  topics: { min: fewestAccepted(ZPromptInput.shape.topics, (i) => TOPIC_IDS[i], INPUT_LIMITS.topics), max: INPUT_LIMITS.topics },
  keyPoints: { min: fewestAccepted(GUIDE_SHAPE.keyPoints, () => 'x', INPUT_LIMITS.keyPoints), max: INPUT_LIMITS.keyPoints },
  followUps: { min: fewestAccepted(GUIDE_SHAPE.followUps, () => 'x', INPUT_LIMITS.followUps), max: INPUT_LIMITS.followUps },
  hints: { min: fewestAccepted(GUIDE_SHAPE.hints, () => 'x', INPUT_LIMITS.hints), max: INPUT_LIMITS.hints },
});

/** "Intermediate (suits L4 and L5)": the difficulty as the bank pages show it. */
export function describeDifficulty(difficulty: number): string {
  const label = DIFFICULTY_LABELS[difficulty as TDifficulty] ?? `Difficulty ${difficulty}`;
  const levels = levelsFor(difficulty);
  return levels.length > 0 ? `${label} (suits ${levels.join(' and ')})` : label;
}
