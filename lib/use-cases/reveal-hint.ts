import type { Prisma } from '@/lib/generated/prisma/client';
import { revealedHintsOf, type TRevealedHint } from '@/lib/domain/guide';
import { ZHintReveal } from '@/lib/protocol/guide';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import type { TUseCaseContext } from './context';
import { guideForInterviewer } from './interviewer-guide';
import { appendTimelineEvent } from './timeline';

/**
 * Shows one hint of the ladder (`{ interviewId, index }`) to the candidate (interviewer only). Any order is allowed: the
 * ladder runs from gentle to explicit, but the interviewer judges what the candidate needs.
 * Idempotent: revealing a revealed hint changes nothing and records nothing. Answers the
 * revealed hints in the order they were revealed.
 */
export async function revealHint(ctx: TUseCaseContext, input: unknown): Promise<TResult<{ hints: TRevealedHint[]; changed: boolean }>> {
  const parsed = ZHintReveal.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId, index } = parsed.data;
  const loaded = await guideForInterviewer(ctx, interviewId);
  if (!loaded.ok) return loaded;
  const ladder = loaded.data.guide.hints;
  if (index >= ladder.length) return fail('invalid_input', 'This prompt has no such hint.', { index: 'no such hint' });

  const outcome = await ctx.db.$transaction(async (tx: Prisma.TransactionClient) => {
    // Conditional append: two tabs revealing at once append each hint once, and an interview
    // that ended meanwhile is left alone.
    const appended = await tx.interview.updateMany({
      where: { id: interviewId, status: { not: 'ended' }, NOT: { revealedHints: { has: index } } },
      data: { revealedHints: { push: index } },
    });
    if (appended.count === 1) {
      await appendTimelineEvent(tx, { interviewId, at: new Date(ctx.now), actorId: ctx.userId }, { kind: 'hint:revealed', payload: { index } });
    }
    const row = await tx.interview.findUniqueOrThrow({ where: { id: interviewId }, select: { status: true, revealedHints: true } });
    return { changed: appended.count === 1, ...row };
  });

  if (!outcome.changed && outcome.status === 'ended' && !outcome.revealedHints.includes(index)) {
    return fail('conflict', 'The interview has ended.');
  }
  return ok({ hints: revealedHintsOf(ladder, outcome.revealedHints), changed: outcome.changed });
}
