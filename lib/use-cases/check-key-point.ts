import { z } from 'zod';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { withKeyPoint } from '@/lib/domain/guide';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import { guideForInterviewer, NOT_FOUND } from './interviewer-guide';

export const ZCheckKeyPointInput = z.strictObject({ index: z.int().min(0).max(99), checked: z.boolean() });

/** Two tabs ticking at the same instant: how often we re-read and try again. */
const MAX_ATTEMPTS = 5;

/**
 * Ticks or unticks one key point (interviewer only). The client sends the wanted state, not a
 * toggle, so a retried message cannot flip it back. Answers the whole checked set.
 */
export async function checkKeyPoint(
  prisma: PrismaClient,
  userId: string,
  interviewId: string,
  input: unknown,
): Promise<TResult<{ checkedKeyPoints: number[] }>> {
  const parsed = ZCheckKeyPointInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { index, checked } = parsed.data;
  const loaded = await guideForInterviewer(prisma, userId, interviewId);
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
    if (!row) return fail('not_found', NOT_FOUND);
    current = row.checkedKeyPoints;
  }
  return fail('conflict', 'The key points changed at the same time elsewhere. Try again.');
}
