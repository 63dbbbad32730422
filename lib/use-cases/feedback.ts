import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { Role } from '@/lib/generated/prisma/enums';
import { ZFeedbackInput } from '@/lib/domain/feedback';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import { roleIn } from './membership';
import { endedAtOf, isRowReleased, RELEASE_SELECT } from './release';

// The candidate's feedback on the interviewer is final once submitted (one row per interview,
// the unique index on interviewId decides a race). It reaches the interviewer only under the
// blind-release rule that also holds back the candidate's scorecard (lib/domain/release.ts).

const NOT_FOUND = 'Interview not found.';

/** The feedback as the browsers receive it: never the candidate's id. */
export type TFeedbackView = {
  clarity: number;
  helpfulness: number;
  fairness: number;
  comment: string;
  /** Epoch ms. */
  submittedAt: number;
};

export type TFeedbackRead = {
  role: Role;
  /** Whether the interview has ended (the candidate may submit only then). */
  isEnded: boolean;
  /** Whether the blind release has happened (the candidate then reads the scorecard). */
  isReleased: boolean;
  /** The candidate's own feedback; for the interviewer, null until released. */
  feedback: TFeedbackView | null;
};

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
 * Stores the candidate's feedback on the interviewer. Candidate only (the interviewer gets
 * forbidden, anyone else not found), once, and only after the interview ended.
 */
export async function submitFeedback(
  prisma: PrismaClient,
  userId: string,
  interviewId: string,
  input: unknown,
  now: number = Date.now(),
): Promise<TResult<TFeedbackView>> {
  const role = await roleIn(prisma, interviewId, userId);
  if (!role) return fail('not_found', NOT_FOUND);
  if (role !== 'candidate') return fail('forbidden', 'Only the candidate can give feedback on the interviewer.');

  const parsed = ZFeedbackInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);

  const interview = await prisma.interview.findUniqueOrThrow({ where: { id: interviewId }, select: { status: true, endedAt: true } });
  if (endedAtOf(interview) === null) return fail('conflict', 'You can give feedback once the interview has ended.');

  // No timeline event: the timeline will be replayed to the interviewer, and even the moment of
  // submission would tell them something before the release.
  try {
    const row = await prisma.feedback.create({
      data: { interviewId, candidateId: userId, ...parsed.data, createdAt: new Date(now) },
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
 * The feedback the caller may read: the candidate their own; the interviewer the candidate's
 * once released; null for anyone else (answer as not found).
 */
export async function getFeedback(
  prisma: PrismaClient,
  userId: string,
  interviewId: string,
  now: number = Date.now(),
): Promise<TFeedbackRead | null> {
  const role = await roleIn(prisma, interviewId, userId);
  if (!role) return null;
  const interview = await prisma.interview.findUniqueOrThrow({
    where: { id: interviewId },
    select: { ...RELEASE_SELECT, scorecards: { take: 1, select: { id: true } }, feedback: { select: VIEW_SELECT } },
  });
  const endedAt = endedAtOf(interview);
  const released = isRowReleased(interview, now);
  const isVisible = role === 'candidate' || released;
  return {
    role,
    isEnded: endedAt !== null,
    isReleased: released,
    feedback: isVisible && interview.feedback ? toView(interview.feedback) : null,
  };
}
