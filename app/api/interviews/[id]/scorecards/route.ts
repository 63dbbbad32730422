import { auth } from '@/lib/auth';
import { jsonRoute } from '@/lib/auth/route-guard';
import { json } from '@/lib/http';
import { fail, ok } from '@/lib/result';
import { getServices } from '@/lib/services';
import { getScorecards, submitScorecard } from '@/lib/use-cases/submit-scorecard';

type TParams = { params: Promise<{ id: string }> };

/** Submits a new, final version of the scorecard (interviewer only). Answers { version }. */
export async function POST(request: Request, { params }: TParams): Promise<Response> {
  const { id } = await params;
  return jsonRoute(({ services, userId, body }) => submitScorecard(services.prisma, userId!, id, body), {
    requireUser: true,
    status: 201,
  })(request);
}

/** The caller's scorecards, newest first: all versions for the interviewer, the latest for the candidate once released. */
export async function GET(_request: Request, { params }: TParams): Promise<Response> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return json(fail('unauthorized', 'Sign in first.'));
  const { id } = await params;
  try {
    const list = await getScorecards(getServices().prisma, userId, id, Date.now());
    return list ? json(ok(list)) : json(fail('not_found', 'Interview not found.'));
  } catch (error) {
    console.error('[api] GET scorecards', error);
    return json(fail('internal', 'Something went wrong on our side. Try again.'));
  }
}
