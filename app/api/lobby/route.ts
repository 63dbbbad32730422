import { jsonRoute, sessionRoute } from '@/lib/auth/route-guard';
import { ok } from '@/lib/result';
import { enterLobby, lobbyView } from '@/lib/use-cases/lobby';

/** The caller's place in the practice lobby (idle, waiting, matched, or sent to a room). */
export const GET = sessionRoute('/api/lobby', async ({ ctx }) => ok(await lobbyView(ctx)));

/** "Find a partner": role, level, topics and length. Pairs at once when someone compatible waits. */
export const POST = jsonRoute(
  async ({ services, ctx, body }) => {
    const result = await enterLobby(ctx!, body);
    if (!result.ok) return result;
    services.realtime.notifyLobbyChanged(result.data.changed);
    return ok(result.data.view);
  },
  { requireUser: true },
);
