import { z } from 'zod';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { fail, ok, type TResult } from '@/lib/result';
import { appendTimelineEvent } from './timeline';
import type { TUseCaseContext } from './context';

export const ZInviteToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/**
 * What the invite page shows before the visitor joins, also to someone not signed in: who
 * invites, the level, the length and the time; never the prompt (the candidate meets it in the
 * room, and the link may be forwarded).
 */
export type TInvitePreview = {
  interviewId: string;
  level: 'L4' | 'L5';
  status: string;
  durationMinutes: number;
  /** ms since the epoch; null when no start time was set. */
  scheduledAt: number | null;
  /** The interviewer's display name; null when they have none (their email is never shown). */
  interviewerName: string | null;
  /** The visitor's role if they already belong to the interview (null when signed out). */
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
      durationMinutes: true,
      scheduledAt: true,
      participants: { select: { userId: true, role: true, user: { select: { name: true } } } },
    },
  });
}

const INVALID = 'This invite link is not valid any more. Ask the interviewer for a new one.';

/** What the invite page shows before the visitor joins; `userId` is null for a visitor not signed in. */
export async function previewInvite(prisma: PrismaClient, userId: string | null, token: string): Promise<TResult<TInvitePreview>> {
  const interview = await findByToken(prisma, token);
  if (!interview) return fail('not_found', INVALID);
  const interviewer = interview.participants.find((p) => p.role === 'interviewer');
  return ok({
    interviewId: interview.id,
    level: interview.level,
    status: interview.status,
    durationMinutes: interview.durationMinutes,
    scheduledAt: interview.scheduledAt?.getTime() ?? null,
    interviewerName: interviewer?.user.name?.trim() || null,
    myRole: (userId && interview.participants.find((p) => p.userId === userId)?.role) || null,
    isSeatTaken: interview.participants.some((p) => p.role === 'candidate'),
  });
}

/**
 * Joins the visitor as the candidate. The interviewer (or a returning candidate) simply gets their
 * role back; a second candidate is refused, also when two visitors race (the unique index on
 * (interview, role) decides).
 */
export async function acceptInvite(ctx: TUseCaseContext, { token }: { token: string }): Promise<TResult<{ interviewId: string; role: Role }>> {
  const { db: prisma, userId } = ctx;
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
  await appendTimelineEvent(prisma, { interviewId: interview.id, at: new Date(ctx.now), actorId: userId }, { kind: 'participant:joined', payload: { role: 'candidate' } });
  return ok({ interviewId: interview.id, role: 'candidate' });
}
