// What the New interview form offers: the prompts its author may use (the built-in ones and
// their own) with what the picker searches and shows, and the people they have interviewed
// before, with the prompts each had with them, so the form can suggest one not had yet.
import { compareTitles } from '@/lib/domain/prompt-bank';
import { phasePlanFor } from '@/lib/domain/prompt';
import { ZPhasePlan } from '@/lib/domain/prompt-schema';
import type { TPastCandidate, TPromptOption } from '@/lib/protocol/interviews';
import type { TUseCaseContext } from './context';

export type { TPastCandidate, TPromptOption } from '@/lib/protocol/interviews';

/** Statement text sent to the form per prompt: enough to search its words and show a preview. */
const STATEMENT_CHARS = 600;

/** Prompts the user may start an interview with, by title regardless of case (deleted ones are hidden). */
export async function listPromptOptions(ctx: TUseCaseContext): Promise<TPromptOption[]> {
  const { db: prisma, userId } = ctx;
  const rows = await prisma.prompt.findMany({
    where: { deletedAt: null, OR: [{ authorId: null }, { authorId: userId }] },
    select: { id: true, title: true, kind: true, topics: true, difficulty: true, minutes: true, statement: true, guide: true, authorId: true },
  });
  return rows
    .map(({ guide, authorId, statement, ...row }) => {
      const stored = ZPhasePlan.safeParse((guide as { phasePlan?: unknown } | null)?.phasePlan);
      return {
        ...row,
        statement: statement.slice(0, STATEMENT_CHARS),
        isMine: authorId === userId,
        phasePlan: phasePlanFor({ kind: row.kind, phasePlan: stored.success ? stored.data : null }),
      };
    })
    .sort((a, b) => compareTitles(a.title, b.title));
}

/**
 * The people the user has interviewed, most recent first, each with the prompts they had in
 * those interviews. Only interviews the user ran count: what someone practised with others is
 * theirs to tell.
 */
export async function listPastCandidates(ctx: TUseCaseContext): Promise<TPastCandidate[]> {
  const { db: prisma, userId } = ctx;
  const interviews = await prisma.interview.findMany({
    where: { participants: { some: { userId, role: 'interviewer' } } },
    orderBy: { createdAt: 'desc' },
    take: 500,
    select: { promptId: true, participants: { where: { role: 'candidate' }, select: { userId: true, user: { select: { name: true, email: true } } } } },
  });
  const byUser = new Map<string, TPastCandidate>();
  for (const interview of interviews) {
    const candidate = interview.participants[0];
    if (!candidate || candidate.userId === userId) continue;
    const entry = byUser.get(candidate.userId) ?? { userId: candidate.userId, name: candidate.user.name ?? candidate.user.email, promptIds: [] };
    if (interview.promptId && !entry.promptIds.includes(interview.promptId)) entry.promptIds.push(interview.promptId);
    byUser.set(candidate.userId, entry);
  }
  return [...byUser.values()];
}
