import { jsonRoute, readRoute, withInterviewId } from '@/lib/auth/route-guard';
import { getFeedback, submitFeedback } from '@/lib/use-cases/feedback';

/** The candidate's feedback on the interviewer, once, after the interview ended. Answers the stored feedback. */
export const POST = jsonRoute(({ ctx, id, body }) => submitFeedback(ctx!, withInterviewId(body, id)), {
  requireUser: true,
  status: 201,
});

/** The feedback the caller may read: the candidate their own, the interviewer the candidate's once released. */
export const GET = readRoute('feedback', ({ ctx, id }) => getFeedback(ctx, { interviewId: id }));
