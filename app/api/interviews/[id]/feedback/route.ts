import { jsonRoute, readRoute } from '@/lib/auth/route-guard';
import { fail, ok } from '@/lib/result';
import { getFeedback, submitFeedback } from '@/lib/use-cases/feedback';

/** The candidate's feedback on the interviewer, once, after the interview ended. Answers the stored feedback. */
export const POST = jsonRoute(({ services, userId, id, body }) => submitFeedback(services.prisma, userId!, id!, body, Date.now()), {
  requireUser: true,
  status: 201,
});

/** The feedback the caller may read: the candidate their own, the interviewer the candidate's once released. */
export const GET = readRoute('feedback', async ({ services, userId, id }) => {
  const read = await getFeedback(services.prisma, userId, id, Date.now());
  return read ? ok(read) : fail('not_found', 'Interview not found.');
});
