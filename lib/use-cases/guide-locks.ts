// While a user is the candidate of a scheduled or live interview, the guide of that interview's
// prompt (key points, hints, answers, follow-ups) is hidden from them everywhere in the bank:
// otherwise they could open the prompt's page during their own interview and read the answers
// the room hides from them. It is readable again once the interview has ended.
import type { PrismaClient } from '@/lib/generated/prisma/client';

export type TGuideLock = {
  interviewId: string;
  status: 'scheduled' | 'live';
  /** When the interview is planned to end (its start, or scheduled start, plus its length); null when not known. */
  plannedEndAt: number | null;
  scheduledAt: number | null;
};

/** The prompts whose guide `userId` may not read now, by prompt id. */
export async function guideLocks(prisma: PrismaClient, userId: string): Promise<Map<string, TGuideLock>> {
  const seats = await prisma.participant.findMany({
    where: { userId, role: 'candidate', interview: { status: { in: ['scheduled', 'live'] }, promptId: { not: null } } },
    select: { interview: { select: { id: true, promptId: true, status: true, scheduledAt: true, startedAt: true, durationMinutes: true } } },
  });
  const locks = new Map<string, TGuideLock>();
  for (const { interview } of seats) {
    if (!interview.promptId || interview.status === 'ended') continue;
    const start = interview.startedAt ?? interview.scheduledAt;
    const lock: TGuideLock = {
      interviewId: interview.id,
      status: interview.status,
      plannedEndAt: start ? start.getTime() + interview.durationMinutes * 60_000 : null,
      scheduledAt: interview.scheduledAt?.getTime() ?? null,
    };
    // Of two interviews on one prompt, the one that ends last decides.
    const known = locks.get(interview.promptId);
    if (!known || (known.plannedEndAt !== null && (lock.plannedEndAt === null || lock.plannedEndAt > known.plannedEndAt))) {
      locks.set(interview.promptId, lock);
    }
  }
  return locks;
}
