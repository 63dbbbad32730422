import { jsonRoute } from '@/lib/auth/route-guard';
import { ok } from '@/lib/result';
import { bookSlot } from '@/lib/use-cases/slots';

/** Books an open slot; its owner's page is told. */
export const POST = jsonRoute(
  async ({ services, ctx, id }) => {
    const result = await bookSlot(ctx!, { slotId: id });
    if (!result.ok) return result;
    services.realtime.notifyLobbyChanged(result.data.notify);
    return ok(result.data.slot);
  },
  { requireUser: true },
);
