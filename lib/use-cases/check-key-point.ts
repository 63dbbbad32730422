import { withKeyPoint } from '@/lib/domain/guide';
import { ZGuideCheck } from '@/lib/protocol/guide';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import { notFound } from './access';
import type { TUseCaseContext } from './context';
import { guideForInterviewer } from './interviewer-guide';

/** Two tabs ticking at the same instant: how often we re-read and try again. */
const MAX_ATTEMPTS = 5;

/**
 * Ticks or unticks one key point (`{ interviewId, index, checked }`; interviewer only). The client sends the wanted state, not a
 * toggle, so a retried message cannot flip it back. Answers the whole checked set.
 */
export async function checkKeyPoint(ctx: TUseCaseContext, input: unknown): Promise<TResult<{ checkedKeyPoints: number[] }>> {
  const parsed = ZGuideCheck.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId, index, checked } = parsed.data;
  const prisma = ctx.db;
  const loaded = await guideForInterviewer(ctx, interviewId);
  if (!loaded.ok) return loaded;
  if (index >= loaded.data.guide.keyPoints.length) {
    return fail('invalid_input', 'This prompt has no such key point.', { index: 'no such key point' });
  }

  let current = loaded.data.checkedKeyPoints;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const next = withKeyPoint(current, index, checked);
    if (next.length === current.length && next.every((value, i) => value === current[i])) return ok({ checkedKeyPoints: next });
    // Compare-and-set on the whole array: PostgreSQL has no portable "remove one element" that
    // Prisma exposes, and a lost update here would silently untick another key point.
    const written = await prisma.interview.updateMany({
      where: { id: interviewId, checkedKeyPoints: { equals: current } },
      data: { checkedKeyPoints: { set: next } },
    });
    if (written.count === 1) return ok({ checkedKeyPoints: next });
    const row = await prisma.interview.findUnique({ where: { id: interviewId }, select: { checkedKeyPoints: true } });
    if (!row) return notFound();
    current = row.checkedKeyPoints;
  }
  return fail('conflict', 'The key points changed at the same time elsewhere. Try again.');
}
