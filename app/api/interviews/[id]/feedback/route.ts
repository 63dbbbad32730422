import { auth } from '@/lib/auth';
import { jsonRoute } from '@/lib/auth/route-guard';
import { json } from '@/lib/http';
import { fail, ok } from '@/lib/result';
import { getServices } from '@/lib/services';
import { getFeedback, submitFeedback } from '@/lib/use-cases/feedback';

type TParams = { params: Promise<{ id: string }> };

/** The candidate's feedback on the interviewer, once, after the interview ended. Answers the stored feedback. */
export async function POST(request: Request, { params }: TParams): Promise<Response> {
  const { id } = await params;
  return jsonRoute(({ services, userId, body }) => submitFeedback(services.prisma, userId!, id, body, Date.now()), {
    requireUser: true,
    status: 201,
  })(request);
}

/** The feedback the caller may read: the candidate their own, the interviewer the candidate's once released. */
export async function GET(_request: Request, { params }: TParams): Promise<Response> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return json(fail('unauthorized', 'Sign in first.'));
  const { id } = await params;
  try {
    const read = await getFeedback(getServices().prisma, userId, id, Date.now());
    return read ? json(ok(read)) : json(fail('not_found', 'Interview not found.'));
  } catch (error) {
    console.error('[api] GET feedback', error);
    return json(fail('internal', 'Something went wrong on our side. Try again.'));
  }
}
