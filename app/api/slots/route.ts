import { auth } from '@/lib/auth';
import { jsonRoute } from '@/lib/auth/route-guard';
import { json } from '@/lib/http';
import { fail, ok } from '@/lib/result';
import { getServices } from '@/lib/services';
import { useCaseContext } from '@/lib/use-cases/context';
import { listSlots, publishSlot } from '@/lib/use-cases/slots';

/** The caller's sessions (offered or booked) and others' open slots. */
export async function GET(): Promise<Response> {
  const userId = (await auth())?.user?.id;
  if (!userId) return json(fail('unauthorized', 'Sign in first.'));
  try {
    return json(ok(await listSlots(useCaseContext(getServices().prisma, userId))));
  } catch (error) {
    console.error('[api] GET /api/slots', error);
    return json(fail('internal', 'Something went wrong on our side. Try again.'));
  }
}

/** Offers a time: `{ startsAt, durationMinutes, ownerRole, level }`. */
export const POST = jsonRoute(({ ctx, body }) => publishSlot(ctx!, body), { requireUser: true, status: 201 });
