// Reading the prompt bank: built-in prompts and every user's prompts, for any signed-in user.
//
// The bank is a study resource, so the guide (key points, hints, L4/L5 answers) is shown here in
// full. The secrecy of the guide applies inside an interview, to its candidate (get-room.ts), and
// an interview works on its own copy of the prompt anyway.
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import type { TLevel } from '@/lib/domain/interview';
import { LEVEL_DIFFICULTIES, levelsFor, topicsMatching, type TPromptFilter } from '@/lib/domain/prompt-bank';
import { phasePlanFor, ZStoredGuide, type TPromptKind, type TStoredGuide } from '@/lib/domain/prompt';

/** Most rows one page shows; the search and filters narrow the rest down. */
export const MAX_LISTED_PROMPTS = 200;

/** Who wrote a prompt, as far as another user may know: never someone else's name or email. */
export type TPromptOrigin = 'built-in' | 'mine' | 'community';

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
};

export type TPromptList = { items: TPromptListItem[]; isTruncated: boolean };

const LIST_SELECT = {
  id: true,
  title: true,
  kind: true,
  topics: true,
  difficulty: true,
  minutes: true,
  authorId: true,
} satisfies Prisma.PromptSelect;

function originOf(authorId: string | null, userId: string): TPromptOrigin {
  if (authorId === null) return 'built-in';
  return authorId === userId ? 'mine' : 'community';
}

/**
 * Prisma's `contains` becomes LIKE '%text%' without escaping, so "%" or "_" typed in the search
 * box would act as wildcards; backslash is PostgreSQL's default LIKE escape.
 */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

function whereOf(filter: TPromptFilter): Prisma.PromptWhereInput {
  const and: Prisma.PromptWhereInput[] = [{ deletedAt: null }];
  if (filter.kind) and.push({ kind: filter.kind });
  if (filter.topic) and.push({ topics: { has: filter.topic } });
  if (filter.level) and.push({ difficulty: { in: [...LEVEL_DIFFICULTIES[filter.level]] } });
  if (filter.q) {
    const matchingTopics = topicsMatching(filter.q);
    const text = likeLiteral(filter.q);
    and.push({
      OR: [
        { title: { contains: text, mode: 'insensitive' } },
        { statement: { contains: text, mode: 'insensitive' } },
        ...(matchingTopics.length > 0 ? [{ topics: { hasSome: matchingTopics } }] : []),
      ],
    });
  }
  return { AND: and };
}

/**
 * The bank as the prompts page lists it: not deleted, built-in and user-authored alike, design
 * exercises first, then by title. `filter` is already validated (ZPromptFilter).
 */
export async function listPrompts(prisma: PrismaClient, userId: string, filter: TPromptFilter = {}): Promise<TPromptList> {
  const rows = await prisma.prompt.findMany({
    where: whereOf(filter),
    orderBy: [{ kind: 'desc' }, { title: 'asc' }, { id: 'asc' }],
    // One more than shown tells whether the list was cut.
    take: MAX_LISTED_PROMPTS + 1,
    select: LIST_SELECT,
  });
  return {
    items: rows.slice(0, MAX_LISTED_PROMPTS).map(({ authorId, ...row }) => ({
      ...row,
      levels: levelsFor(row.difficulty),
      origin: originOf(authorId, userId),
      isMine: authorId === userId,
    })),
    isTruncated: rows.length > MAX_LISTED_PROMPTS,
  };
}

export type TPromptDetail = TPromptListItem & {
  statement: string;
  guide: TStoredGuide;
  updatedAt: number;
};

/** One prompt of the bank with its guide and phase plan, or null when it is missing or deleted. */
export async function getPrompt(prisma: PrismaClient, userId: string, id: string): Promise<TPromptDetail | null> {
  const row = await prisma.prompt.findFirst({
    where: { id, deletedAt: null },
    select: { ...LIST_SELECT, statement: true, guide: true, updatedAt: true },
  });
  if (!row) return null;
  const { authorId, guide, updatedAt, ...rest } = row;
  const parsed = ZStoredGuide.safeParse(guide);
  // A damaged guide should not take the page down: show the prompt with an empty guide.
  const storedGuide: TStoredGuide = parsed.success
    ? parsed.data
    : { keyPoints: [], followUps: [], hints: [], l4Answer: '', l5Answer: '', phasePlan: phasePlanFor({ kind: rest.kind }), relatedTopics: [] };
  return {
    ...rest,
    guide: storedGuide,
    levels: levelsFor(rest.difficulty),
    origin: originOf(authorId, userId),
    isMine: authorId === userId,
    updatedAt: updatedAt.getTime(),
  };
}
