import { auth } from '@/lib/auth';
import { routeId, type TRouteArgs } from '@/lib/auth/route-guard';
import { json } from '@/lib/http';
import { fail } from '@/lib/result';
import { getServices } from '@/lib/services';
import { useCaseContext } from '@/lib/use-cases/context';
import { exportSession } from '@/lib/use-cases/export-session';

/** The ended session as a JSON download, filtered for the caller like the review page. */
export async function GET(_request: Request, route: TRouteArgs): Promise<Response> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return json(fail('unauthorized', 'Sign in first.'));
  const id = await routeId(route);
  if (!id.ok) return json(id);
  try {
    const result = await exportSession(useCaseContext(getServices().prisma, userId), { interviewId: id.data });
    if (!result.ok) return json(result);
    const exported = result.data;
    return new Response(JSON.stringify(exported, null, 2), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        // The id is a cuid (letters and digits), safe inside the quoted filename.
        'Content-Disposition': `attachment; filename="mockroom-${exported.interview.id}.json"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    console.error('[api] GET export.json', error);
    return json(fail('internal', 'Something went wrong on our side. Try again.'));
  }
}
