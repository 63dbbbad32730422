import { jsonRoute } from '@/lib/auth/route-guard';
import { ok } from '@/lib/result';
import { confirmMatch } from '@/lib/use-cases/lobby';

/** "I'm ready" for a match: `{ matchId }`. When both are, the interview exists and both go to it. */
export const POST = jsonRoute(
  async ({ services, ctx, body }) => {
    const result = await confirmMatch(ctx!, body);
    if (!result.ok) return result;
    services.realtime.notifyLobbyChanged(result.data.changed);
    return ok(result.data.view);
  },
  { requireUser: true },
);
