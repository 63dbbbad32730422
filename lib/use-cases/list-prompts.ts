// Reading the prompt bank: the built-in prompts and the reader's own, for any signed-in user.
//
// Other users' prompts are never listed nor shown: a bank anyone can write into could be flooded
// until nobody finds the built-in prompts (issue 9), and a prompt is its author's working copy.
// An interview takes its own copy of the prompt, so a candidate never needs the interviewer's.
//
// The bank is a study resource, so the guide (key points, hints, L4/L5 answers) is shown in full,
// except to the candidate of a scheduled or live interview on that prompt (guide-locks.ts).
import type { Prisma } from '@/lib/generated/prisma/client';
import type { TLevel } from '@/lib/domain/interview';
import { compareTitles, LEVEL_DIFFICULTIES, levelsFor, topicsMatching, type TPromptFilter } from '@/lib/domain/prompt-bank';
import { phasePlanFor, type TPhasePlan, type TPromptKind, type TStoredGuide } from '@/lib/domain/prompt';
import { ZStoredGuide } from '@/lib/domain/prompt-schema';
import { guideLocks, type TGuideLock } from './guide-locks';
import type { TUseCaseContext } from './context';

/** Rows per page of the bank. */
export const PROMPTS_PAGE_SIZE = 50;

export type TPromptOrigin = 'built-in' | 'mine';

export type TPromptListItem = {
  id: string;
  title: string;
  kind: TPromptKind;
  topics: string[];
  difficulty: number;
  /** Target levels the difficulty suits (lib/domain/prompt-bank.ts). */
  levels: TLevel[];
  minutes: number;
  origin: TPromptOrigin;
  isMine: boolean;
  /** The reader is the candidate of a scheduled or live interview on it: its guide is hidden. */
  isGuideHidden: boolean;
};

export type TPromptList = {
  items: TPromptListItem[];
  /** Matching prompts on all pages. */
  total: number;
  page: number;
  pageCount: number;
};

const LIST_SELECT = {
  id: true,
  title: true,
  kind: true,
  topics: true,
  difficulty: true,
  minutes: true,
  authorId: true,
} satisfies Prisma.PromptSelect;

/** What `userId` may read: the built-in prompts and their own, not deleted. */
function readableBy(userId: string): Prisma.PromptWhereInput {
  return { deletedAt: null, OR: [{ authorId: null }, { authorId: userId }] };
}

/**
 * Prisma's `contains` becomes LIKE '%text%' without escaping, so "%" or "_" typed in the search
 * box would act as wildcards; backslash is PostgreSQL's default LIKE escape.
 */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** "kafka" → kafka, Kafka, KAFKA: an array element cannot be compared without case in Prisma. */
function ownTopicSpellings(q: string): string[] {
  const lower = q.toLowerCase();
  return [...new Set([q, lower, lower.charAt(0).toUpperCase() + lower.slice(1), q.toUpperCase()])];
}

function whereOf(userId: string, filter: TPromptFilter): Prisma.PromptWhereInput {
  const and: Prisma.PromptWhereInput[] = [readableBy(userId)];
  if (filter.kind) and.push({ kind: filter.kind });
  if (filter.topic) and.push({ topics: { has: filter.topic } });
  if (filter.level) and.push({ difficulty: { in: [...LEVEL_DIFFICULTIES[filter.level]] } });
  if (filter.source) and.push({ authorId: filter.source === 'mine' ? userId : null });
  if (filter.q) {
    const matchingTopics = topicsMatching(filter.q);
    const text = likeLiteral(filter.q);
    and.push({
      OR: [
        { title: { contains: text, mode: 'insensitive' } },
        { statement: { contains: text, mode: 'insensitive' } },
        // A topic of the author's own is stored as written: the common spellings of the words.
        { topics: { hasSome: ownTopicSpellings(filter.q) } },
        ...(matchingTopics.length > 0 ? [{ topics: { hasSome: matchingTopics } }] : []),
      ],
    });
  }
  return { AND: and };
}

type TListRow = Prisma.PromptGetPayload<{ select: typeof LIST_SELECT }>;

function toItem({ authorId, ...row }: TListRow, userId: string, locks: Map<string, TGuideLock>): TPromptListItem {
  return {
    ...row,
    levels: levelsFor(row.difficulty),
    origin: authorId === null ? 'built-in' : 'mine',
    isMine: authorId === userId,
    isGuideHidden: authorId !== userId && locks.has(row.id),
  };
}

/**
 * One page of the bank as the prompts page lists it: design exercises first, then concept drills,
 * each by title regardless of case. `filter` is already validated (ZPromptFilter). The readable
 * set is bounded (the built-in bank plus at most MAX_PROMPTS_PER_AUTHOR of one's own), so it is
 * sorted here rather than by the database's collation.
 */
export async function listPrompts(ctx: TUseCaseContext, filter: TPromptFilter = {}): Promise<TPromptList> {
  const { db: prisma, userId } = ctx;
  const [rows, locks] = await Promise.all([
    prisma.prompt.findMany({ where: whereOf(userId, filter), select: LIST_SELECT }),
    guideLocks(prisma, userId),
  ]);
  rows.sort((a, b) => (a.kind === b.kind ? compareTitles(a.title, b.title) || a.id.localeCompare(b.id) : a.kind === 'design' ? -1 : 1));
  const pageCount = Math.max(1, Math.ceil(rows.length / PROMPTS_PAGE_SIZE));
  const page = Math.min(filter.page ?? 1, pageCount);
  const start = (page - 1) * PROMPTS_PAGE_SIZE;
  return {
    items: rows.slice(start, start + PROMPTS_PAGE_SIZE).map((row) => toItem(row, userId, locks)),
    total: rows.length,
    page,
    pageCount,
  };
}

export type TPromptDetail = TPromptListItem & {
  statement: string;
  phasePlan: TPhasePlan;
  /** For design exercises: the topics they draw on. */
  relatedTopics: string[];
  /** The interviewer guide; null while hidden from the reader (see `guideLock`). */
  guide: TStoredGuide | null;
  /** Why the guide is hidden, and until when; null when it is shown. */
  guideLock: TGuideLock | null;
  updatedAt: number;
};

/** One readable prompt with its guide and phase plan, or null when it is missing, deleted or someone else's. */
export async function getPrompt(ctx: TUseCaseContext, { id }: { id: string }): Promise<TPromptDetail | null> {
  const { db: prisma, userId } = ctx;
  const row = await prisma.prompt.findFirst({
    where: { AND: [{ id }, readableBy(userId)] },
    select: { ...LIST_SELECT, statement: true, guide: true, updatedAt: true },
  });
  if (!row) return null;
  const { guide, updatedAt, statement, ...listRow } = row;
  const locks = await guideLocks(prisma, userId);
  const item = toItem(listRow, userId, locks);
  const parsed = ZStoredGuide.safeParse(guide);
  // A damaged guide should not take the page down: show the prompt with an empty guide.
  const storedGuide: TStoredGuide = parsed.success
    ? parsed.data
    : { keyPoints: [], followUps: [], hints: [], l4Answer: '', l5Answer: '', phasePlan: phasePlanFor({ kind: item.kind }), relatedTopics: [] };
  return {
    ...item,
    statement,
    phasePlan: storedGuide.phasePlan,
    relatedTopics: storedGuide.relatedTopics,
    guide: item.isGuideHidden ? null : storedGuide,
    guideLock: item.isGuideHidden ? (locks.get(item.id) ?? null) : null,
    updatedAt: updatedAt.getTime(),
  };
}
