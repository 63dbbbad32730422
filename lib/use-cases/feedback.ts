import type { PrismaClient } from '@/lib/generated/prisma/client';
import { ZFeedbackSubmit } from '@/lib/protocol/interview-api';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import { requireRole } from './access';
import type { TUseCaseContext } from './context';
import { endedAtOf, isRowReleased, RELEASE_SELECT } from './release';
import type { TFeedbackView, TFeedbackRead } from '@/lib/protocol/review';

export type { TFeedbackView, TFeedbackRead } from '@/lib/protocol/review';

// The candidate's feedback on the interviewer is final once submitted (one row per interview,
// the unique index on interviewId decides a race). It reaches the interviewer only under the
// blind-release rule that also holds back the candidate's scorecard (lib/domain/release.ts).

const VIEW_SELECT = { clarity: true, helpfulness: true, fairness: true, comment: true, createdAt: true } as const;

function toView(row: { clarity: number; helpfulness: number; fairness: number; comment: string; createdAt: Date }): TFeedbackView {
  return { clarity: row.clarity, helpfulness: row.helpfulness, fairness: row.fairness, comment: row.comment, submittedAt: row.createdAt.getTime() };
}

/** Whether the interview's scorecard and feedback are released to the other side at `now`. */
export async function isInterviewReleased(prisma: PrismaClient, interviewId: string, now: number): Promise<boolean> {
  const interview = await prisma.interview.findUnique({
    where: { id: interviewId },
    select: { ...RELEASE_SELECT, scorecards: { take: 1, select: { id: true } } },
  });
  return interview !== null && isRowReleased(interview, now);
}

/**
 * Stores the candidate's feedback on the interviewer (`{ interviewId, clarity, helpfulness,
 * fairness, comment }`). Candidate only (the interviewer gets forbidden, anyone else not found),
 * once, and only after the interview ended.
 */
export async function submitFeedback(ctx: TUseCaseContext, input: unknown): Promise<TResult<TFeedbackView>> {
  const parsed = ZFeedbackSubmit.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId, ...feedback } = parsed.data;
  const { db: prisma, userId, now } = ctx;
  const access = await requireRole(ctx, interviewId, 'candidate', { forbidden: 'Only the candidate can give feedback on the interviewer.' });
  if (!access.ok) return access;

  const interview = await prisma.interview.findUniqueOrThrow({ where: { id: interviewId }, select: { status: true, endedAt: true } });
  if (endedAtOf(interview) === null) return fail('conflict', 'You can give feedback once the interview has ended.');

  // No timeline event: the timeline will be replayed to the interviewer, and even the moment of
  // submission would tell them something before the release.
  try {
    const row = await prisma.feedback.create({
      data: { interviewId, candidateId: userId, ...feedback, createdAt: new Date(now) },
      select: VIEW_SELECT,
    });
    return ok(toView(row));
  } catch (error) {
    // The unique index on interviewId: feedback is given once (a second tab, a double click).
    if ((error as { code?: string }).code !== 'P2002') throw error;
    return fail('conflict', 'You have already submitted your feedback.');
  }
}

/**
 * The feedback the caller may read at `ctx.now`: the candidate their own; the interviewer the
 * candidate's once released; not found for anyone else.
 */
export async function getFeedback(ctx: TUseCaseContext, { interviewId }: { interviewId: string }): Promise<TResult<TFeedbackRead>> {
  const member = await requireRole(ctx, interviewId);
  if (!member.ok) return member;
  const { role } = member.data;
  const interview = await ctx.db.interview.findUniqueOrThrow({
    where: { id: interviewId },
    select: { ...RELEASE_SELECT, scorecards: { take: 1, select: { id: true } }, feedback: { select: VIEW_SELECT } },
  });
  const endedAt = endedAtOf(interview);
  const released = isRowReleased(interview, ctx.now);
  const isVisible = role === 'candidate' || released;
  return ok({
    role,
    isEnded: endedAt !== null,
    isReleased: released,
    feedback: isVisible && interview.feedback ? toView(interview.feedback) : null,
  });
}
