import { jsonRoute, sessionRoute } from '@/lib/auth/route-guard';
import { ok } from '@/lib/result';
import { listSlots, publishSlot } from '@/lib/use-cases/slots';

/** The caller's sessions (offered or booked) and others' open slots. */
export const GET = sessionRoute('/api/slots', async ({ ctx }) => ok(await listSlots(ctx)));

/** Offers a time: `{ startsAt, durationMinutes, ownerRole, level }`. */
export const POST = jsonRoute(({ ctx, body }) => publishSlot(ctx!, body), { requireUser: true, status: 201 });
