import { auth } from '@/lib/auth';
import { routeId, type TRouteArgs } from '@/lib/auth/route-guard';
import { json } from '@/lib/http';
import { fail } from '@/lib/result';
import { getServices } from '@/lib/services';
import { useCaseContext } from '@/lib/use-cases/context';
import { slotCalendar } from '@/lib/use-cases/slots';

/** The booked session as an iCalendar file (a cancellation once cancelled), for its two people. */
export async function GET(request: Request, route: TRouteArgs): Promise<Response> {
  const userId = (await auth())?.user?.id;
  if (!userId) return json(fail('unauthorized', 'Sign in first.'));
  const id = await routeId(route);
  if (!id.ok) return json(id);
  const services = getServices();
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  const appUrl = services.env.AUTH_URL ?? (host ? `${new URL(request.url).protocol}//${host}` : new URL(request.url).origin);
  const result = await slotCalendar(useCaseContext(services.prisma, userId), { slotId: id.data }, appUrl);
  if (!result.ok) return json(result);
  return new Response(result.data.ics, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${result.data.filename}"`,
      'Cache-Control': 'no-store',
    },
  });
}
