import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';

/**
 * The user's role in an interview, or null when they are not a participant (treat as 404).
 * Left for board-assets.ts only, until it moves to requireRole (./access.ts) like the others.
 */
export async function roleIn(prisma: PrismaClient, interviewId: string, userId: string): Promise<Role | null> {
  const participant = await prisma.participant.findUnique({
    where: { interviewId_userId: { interviewId, userId } },
    select: { role: true },
  });
  return participant?.role ?? null;
}
