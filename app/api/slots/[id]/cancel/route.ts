import { jsonRoute } from '@/lib/auth/route-guard';
import { ok } from '@/lib/result';
import { cancelSlot } from '@/lib/use-cases/slots';

/** Cancels a slot or a booking with `{ reason }`; the other person's page is told. */
export const POST = jsonRoute(
  async ({ services, ctx, id, body }) => {
    const reason = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { reason?: unknown }).reason : undefined;
    const result = await cancelSlot(ctx!, { slotId: id, reason });
    if (!result.ok) return result;
    services.realtime.notifyLobbyChanged(result.data.notify);
    return ok(result.data.slot);
  },
  { requireUser: true },
);
