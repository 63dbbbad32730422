// Interviews made for two people at once (a lobby match, a booked slot): both seated, a prompt
// chosen for the candidate; for a peer swap, both halves.
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { pickRandomPrompt } from '@/lib/domain/prompt-search';
import { fail, ok, type TResult } from '@/lib/result';
import type { TUseCaseContext } from './context';
import { createInterview } from './create-interview';

export type TPairedInterviews = {
  interviewerId: string;
  candidateId: string;
  level: 'L4' | 'L5';
  /** Preferred topics of the prompt (any when empty). */
  topics: readonly string[];
  durationMinutes: number;
  /** Two halves, roles swapped in the second; `groupId` ties them together. */
  isSwap: boolean;
  groupId: string;
  /** When the (first) interview is to start; the second half follows it. Null: now, unscheduled. */
  scheduledAt: Date | null;
};

/**
 * Creates the interview with both people seated; for a peer swap, both halves at once (the
 * second with the roles swapped, on another prompt chosen for its candidate), so either can go on
 * to the second half whenever the first has ended. The first id is the first half's.
 */
export async function createPairedInterviews(ctx: Omit<TUseCaseContext, 'userId'>, pair: TPairedInterviews): Promise<TResult<{ interviewIds: string[] }>> {
  const { db } = ctx;
  const halves = pair.isSwap
    ? [
        { interviewerId: pair.interviewerId, candidateId: pair.candidateId, swapHalf: 1 },
        { interviewerId: pair.candidateId, candidateId: pair.interviewerId, swapHalf: 2 },
      ]
    : [{ interviewerId: pair.interviewerId, candidateId: pair.candidateId, swapHalf: null }];
  const ids: string[] = [];
  const used = new Set<string>();
  for (const [index, half] of halves.entries()) {
    const promptId = await choosePrompt(db, { candidateId: half.candidateId, level: pair.level, topics: pair.topics }, used);
    if (!promptId) return fail('internal', 'No prompt suits this level; ask whoever runs mockroom to load the prompt bank.');
    used.add(promptId);
    const scheduledAt = pair.scheduledAt ? new Date(pair.scheduledAt.getTime() + index * pair.durationMinutes * 60_000).toISOString() : null;
    const created = await createInterview({ ...ctx, userId: half.interviewerId }, { promptId, level: pair.level, durationMinutes: pair.durationMinutes, scheduledAt });
    if (!created.ok) return created;
    ids.push(created.data.id);
    await db.participant.create({ data: { interviewId: created.data.id, userId: half.candidateId, role: 'candidate' } });
    if (half.swapHalf !== null) {
      await db.interview.update({ where: { id: created.data.id }, data: { swapGroupId: pair.groupId, swapHalf: half.swapHalf } });
    }
  }
  return ok({ interviewIds: ids });
}

/**
 * A built-in prompt that suits the level, on the topics when any were named, that the candidate
 * has not had in any interview (nor is about to, `exclude`); failing that, relaxing topics, then
 * freshness.
 */
async function choosePrompt(
  db: PrismaClient,
  want: { candidateId: string; level: 'L4' | 'L5'; topics: readonly string[] },
  exclude: ReadonlySet<string>,
): Promise<string | null> {
  const [prompts, had] = await Promise.all([
    db.prompt.findMany({ where: { authorId: null, deletedAt: null }, select: { id: true, title: true, topics: true, statement: true, difficulty: true } }),
    db.interview.findMany({ where: { participants: { some: { userId: want.candidateId, role: 'candidate' } }, promptId: { not: null } }, select: { promptId: true } }),
  ]);
  const hadIds = new Set([...had.map((row) => row.promptId!), ...exclude]);
  const onTopic = want.topics.length === 0 ? prompts : prompts.filter((prompt) => prompt.topics.some((topic) => want.topics.includes(topic)));
  return (
    pickRandomPrompt(onTopic, want.level, hadIds)?.id ??
    pickRandomPrompt(prompts, want.level, hadIds)?.id ??
    pickRandomPrompt(prompts, want.level, new Set(exclude))?.id ??
    null
  );
}
