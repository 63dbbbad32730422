import { auth } from '@/lib/auth';
import { isSameOrigin, json, readJsonBody } from '@/lib/http';
import { fail, type TResult } from '@/lib/result';
import { getServices, type Services } from '@/lib/services';

type TContext = { services: Services; userId: string | null; body: unknown };

/**
 * Wraps a JSON write route: same-origin check, capped JSON body, the session's user (never one
 * named by the client). `requireUser` answers 401 without a session. `maxBodyBytes` raises the
 * default cap (MAX_JSON_BODY_BYTES) for the few forms whose own schema allows more.
 */
export function jsonRoute<T>(
  handler: (context: TContext) => Promise<TResult<T>>,
  options: { requireUser: boolean; status?: number; maxBodyBytes?: number },
) {
  return async (request: Request): Promise<Response> => {
    const services = getServices();
    if (!isSameOrigin(request, services.env.AUTH_URL)) {
      return json(fail('forbidden', 'Cross-site requests are not allowed.'));
    }
    const session = await auth();
    const userId = session?.user?.id ?? null;
    if (options.requireUser && !userId) return json(fail('unauthorized', 'Sign in first.'));
    const read = await readJsonBody(request, options.maxBodyBytes);
    if (!read.ok) return json(read);
    try {
      return json(await handler({ services, userId, body: read.data }), { status: options.status });
    } catch (error) {
      console.error('[api]', request.method, new URL(request.url).pathname, error);
      return json(fail('internal', 'Something went wrong on our side. Try again.'));
    }
  };
}

type TReadContext = { services: Services; userId: string; id: string };

/**
 * Wraps a GET route on one resource (`[id]` in the path): the session's user (401 without one),
 * the handler's result as JSON, and a clean 500.
 */
export function readRoute<T>(label: string, handler: (context: TReadContext) => Promise<TResult<T>>) {
  return async (_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
    const session = await auth();
    const userId = session?.user?.id;
    if (!userId) return json(fail('unauthorized', 'Sign in first.'));
    const { id } = await params;
    try {
      return json(await handler({ services: getServices(), userId, id }));
    } catch (error) {
      console.error(`[api] GET ${label}`, error);
      return json(fail('internal', 'Something went wrong on our side. Try again.'));
    }
  };
}
