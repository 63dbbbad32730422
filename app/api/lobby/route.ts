import { auth } from '@/lib/auth';
import { jsonRoute } from '@/lib/auth/route-guard';
import { json } from '@/lib/http';
import { fail, ok } from '@/lib/result';
import { getServices } from '@/lib/services';
import { useCaseContext } from '@/lib/use-cases/context';
import { enterLobby, lobbyView } from '@/lib/use-cases/lobby';

/** The caller's place in the practice lobby (idle, waiting, matched, or sent to a room). */
export async function GET(): Promise<Response> {
  const userId = (await auth())?.user?.id;
  if (!userId) return json(fail('unauthorized', 'Sign in first.'));
  try {
    return json(ok(await lobbyView(useCaseContext(getServices().prisma, userId))));
  } catch (error) {
    console.error('[api] GET /api/lobby', error);
    return json(fail('internal', 'Something went wrong on our side. Try again.'));
  }
}

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
