import { jsonRoute, readRoute } from '@/lib/auth/route-guard';
import { fail, ok } from '@/lib/result';
import { getScorecards, submitScorecard } from '@/lib/use-cases/submit-scorecard';

/** Submits a new, final version of the scorecard (interviewer only). Answers { version }. */
export const POST = jsonRoute(({ services, userId, id, body }) => submitScorecard(services.prisma, userId!, id!, body), {
  requireUser: true,
  status: 201,
});

/** The caller's scorecards, newest first: all versions for the interviewer, the latest for the candidate once released. */
export const GET = readRoute('scorecards', async ({ services, userId, id }) => {
  const list = await getScorecards(services.prisma, userId, id, Date.now());
  return list ? ok(list) : fail('not_found', 'Interview not found.');
});
