import { jsonRoute } from '@/lib/auth/route-guard';
import { ok } from '@/lib/result';
import { leaveLobby } from '@/lib/use-cases/lobby';

/** Leaves the lobby (or gives up a match not yet confirmed: the partner keeps their place). */
export const POST = jsonRoute(
  async ({ services, ctx }) => {
    const result = await leaveLobby(ctx!);
    if (!result.ok) return result;
    services.realtime.notifyLobbyChanged(result.data.changed);
    return ok(result.data.view);
  },
  { requireUser: true },
);
