import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { InterviewStatus, Role } from '@/lib/generated/prisma/enums';

/** The user's role and the interview's status, or null when they are not a participant. */
export async function membershipOf(
  prisma: PrismaClient,
  interviewId: string,
  userId: string,
): Promise<{ role: Role; status: InterviewStatus } | null> {
  const participant = await prisma.participant.findUnique({
    where: { interviewId_userId: { interviewId, userId } },
    select: { role: true, interview: { select: { status: true } } },
  });
  return participant ? { role: participant.role, status: participant.interview.status } : null;
}

/** The user's role in an interview, or null when they are not a participant (treat as 404). */
export async function roleIn(prisma: PrismaClient, interviewId: string, userId: string): Promise<Role | null> {
  const participant = await prisma.participant.findUnique({
    where: { interviewId_userId: { interviewId, userId } },
    select: { role: true },
  });
  return participant?.role ?? null;
}
