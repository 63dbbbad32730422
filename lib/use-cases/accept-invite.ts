import { z } from 'zod';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { ZPromptCopy } from '@/lib/domain/interview';
import { fail, ok, type TResult } from '@/lib/result';

export const ZInviteToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export type TInvitePreview = {
  interviewId: string;
  title: string;
  level: string;
  status: string;
  interviewerName: string;
  /** The visitor's role if they already belong to the interview. */
  myRole: Role | null;
  isSeatTaken: boolean;
};

async function findByToken(prisma: PrismaClient, token: string) {
  if (!ZInviteToken.safeParse(token).success) return null;
  return prisma.interview.findUnique({
    where: { inviteToken: token },
    select: {
      id: true,
      status: true,
      level: true,
      promptCopy: true,
      participants: { select: { userId: true, role: true, user: { select: { name: true, email: true } } } },
    },
  });
}

const INVALID = 'This invite link is not valid any more. Ask the interviewer for a new one.';

/** What the invite page shows before the visitor joins. */
export async function previewInvite(prisma: PrismaClient, userId: string, token: string): Promise<TResult<TInvitePreview>> {
  const interview = await findByToken(prisma, token);
  if (!interview) return fail('not_found', INVALID);
  const interviewer = interview.participants.find((p) => p.role === 'interviewer');
  const copy = ZPromptCopy.safeParse(interview.promptCopy);
  return ok({
    interviewId: interview.id,
    title: copy.success ? copy.data.title : 'Interview',
    level: interview.level,
    status: interview.status,
    interviewerName: interviewer?.user.name ?? interviewer?.user.email ?? 'the interviewer',
    myRole: interview.participants.find((p) => p.userId === userId)?.role ?? null,
    isSeatTaken: interview.participants.some((p) => p.role === 'candidate'),
  });
}

/**
 * Joins the visitor as the candidate. The interviewer (or a returning candidate) simply gets their
 * role back; a second candidate is refused, also when two visitors race (the unique index on
 * (interview, role) decides).
 */
export async function acceptInvite(
  prisma: PrismaClient,
  userId: string,
  token: string,
): Promise<TResult<{ interviewId: string; role: Role }>> {
  const interview = await findByToken(prisma, token);
  if (!interview) return fail('not_found', INVALID);
  const mine = interview.participants.find((p) => p.userId === userId);
  if (mine) return ok({ interviewId: interview.id, role: mine.role });
  if (interview.status === 'ended') return fail('conflict', 'This interview has ended.');
  if (interview.participants.some((p) => p.role === 'candidate')) {
    return fail('conflict', 'Someone else has already joined this interview as the candidate.');
  }
  try {
    await prisma.participant.create({ data: { interviewId: interview.id, userId, role: 'candidate' } });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') {
      return fail('conflict', 'Someone else has already joined this interview as the candidate.');
    }
    throw error;
  }
  await prisma.timelineEvent.create({
    data: { interviewId: interview.id, kind: 'participant:joined', payload: { role: 'candidate' }, actorId: userId },
  });
  return ok({ interviewId: interview.id, role: 'candidate' });
}
