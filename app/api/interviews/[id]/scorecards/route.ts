import { jsonRoute, readRoute, withInterviewId } from '@/lib/auth/route-guard';
import { getScorecards, submitScorecard } from '@/lib/use-cases/submit-scorecard';

/** Submits a new, final version of the scorecard (interviewer only). Answers { version }. */
export const POST = jsonRoute(({ ctx, id, body }) => submitScorecard(ctx!, withInterviewId(body, id)), {
  requireUser: true,
  status: 201,
});

/** The caller's scorecards, newest first: all versions for the interviewer, the latest for the candidate once released. */
export const GET = readRoute('scorecards', ({ ctx, id }) => getScorecards(ctx, { interviewId: id }));
