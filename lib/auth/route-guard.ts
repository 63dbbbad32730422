import { auth } from '@/lib/auth';
import { BUSY_MESSAGE, PasswordHashingBusy } from '@/lib/auth/password';
import { ZId } from '@/lib/domain/text-schema';
import { clientAddress, isSameOrigin, json, readBodyCapped, readJsonBody } from '@/lib/http';
import { fail, ok, type TResult } from '@/lib/result';
import { getServices, type Services } from '@/lib/services';
import { useCaseContext, type TUseCaseContext } from '@/lib/use-cases/context';

/** What Next passes a route handler as its second argument. */
export type TRouteArgs = { params: Promise<Record<string, string | string[] | undefined>> };

function parseId(value: unknown): TResult<string> {
  const parsed = ZId.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const message = parsed.error.issues[0]?.message ?? 'is not a valid id';
  return fail('invalid_input', `id: ${message}`, { id: message });
}

/**
 * The path's `[id]` segment, checked with the one id schema: `%00` or a 10 KB segment is a clear
 * 400 and never reaches a query.
 */
export async function routeId(route: TRouteArgs): Promise<TResult<string>> {
  return parseId((await route.params).id);
}

/**
 * A use case's input from a route: the JSON body with the path's interview id (a body that is not
 * an object is passed on as it is, for the use case's schema to refuse).
 */
export function withInterviewId(body: unknown, interviewId: string | undefined): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return { ...body, interviewId };
}

type TContext = {
  services: Services;
  userId: string | null;
  /** The use cases' context for the signed-in user, at the time of the request; null without a session. */
  ctx: TUseCaseContext | null;
  body: unknown;
  /** The path's `[id]`, validated (set on `[id]` routes). */
  id?: string;
  /** The client's address as the custom server determined it (rate limits key on it). */
  address: string;
};

/**
 * Wraps a JSON write route: same-origin check, capped JSON body, the session's user (never one
 * named by the client), the path's `[id]` checked. `requireUser` answers 401 without a session.
 * `maxBodyBytes` raises the default cap (MAX_JSON_BODY_BYTES) for the few forms whose own schema
 * allows more.
 */
export function jsonRoute<T>(
  handler: (context: TContext) => Promise<TResult<T>>,
  options: { requireUser: boolean; status?: number; maxBodyBytes?: number },
) {
  return async (request: Request, route?: TRouteArgs): Promise<Response> => {
    const services = getServices();
    if (!isSameOrigin(request, services.env.AUTH_URL)) {
      return json(fail('forbidden', 'Cross-site requests are not allowed.'));
    }
    const session = await auth();
    const userId = session?.user?.id ?? null;
    if (options.requireUser && !userId) return json(fail('unauthorized', 'Sign in first.'));
    const params = (route ? await route.params : undefined) ?? {};
    const id = 'id' in params ? parseId(params.id) : ok(undefined);
    if (!id.ok) return json(id);
    const read = await readJsonBody(request, options.maxBodyBytes);
    if (!read.ok) return json(read);
    try {
      const ctx = userId ? useCaseContext(services.prisma, userId) : null;
      return json(await handler({ services, userId, ctx, body: read.data, id: id.data, address: clientAddress(request) }), { status: options.status });
    } catch (error) {
      if (error instanceof PasswordHashingBusy) return json(fail('rate_limited', BUSY_MESSAGE));
      console.error('[api]', request.method, new URL(request.url).pathname, error);
      return json(fail('internal', 'Something went wrong on our side. Try again.'));
    }
  };
}

type TSessionContext = { services: Services; userId: string; ctx: TUseCaseContext };
type TReadContext = TSessionContext & { id: string };

/**
 * Wraps a GET route read for the signed-in user: their session (401 without one), the handler's
 * result as JSON (or its own Response, for a download), and a clean 500 that names the route in
 * the log.
 */
export function sessionRoute<T>(label: string, handler: (context: TSessionContext, route?: TRouteArgs) => Promise<TResult<T> | Response>) {
  return async (_request: Request, route?: TRouteArgs): Promise<Response> => {
    const session = await auth();
    const userId = session?.user?.id;
    if (!userId) return json(fail('unauthorized', 'Sign in first.'));
    try {
      const services = getServices();
      const answer = await handler({ services, userId, ctx: useCaseContext(services.prisma, userId) }, route);
      return answer instanceof Response ? answer : json(answer);
    } catch (error) {
      console.error(`[api] GET ${label}`, error);
      return json(fail('internal', 'Something went wrong on our side. Try again.'));
    }
  };
}

/** sessionRoute on one resource (`[id]` in the path): the id checked (400) before the handler runs. */
export function readRoute<T>(label: string, handler: (context: TReadContext) => Promise<TResult<T> | Response>) {
  const read = sessionRoute<T>(label, async (context, route) => {
    const id = await routeId(route!);
    return id.ok ? handler({ ...context, id: id.data }) : id;
  });
  return (request: Request, route: TRouteArgs): Promise<Response> => read(request, route);
}

type TBytesContext = TSessionContext & { id: string; bytes: Uint8Array; route: TRouteArgs };

/**
 * Wraps an upload of raw bytes to one interview (`[id]` in the path: a board image, a recording
 * chunk): same-origin check, the session's user (401), the id checked (400), the body read up to
 * `maxBytes` (413 with `tooLarge` past it), and a clean 500 that names the route in the log.
 */
export function bytesRoute<T>(
  label: string,
  options: { maxBytes: number; tooLarge: string; status?: number },
  handler: (context: TBytesContext) => Promise<TResult<T>>,
) {
  return async (request: Request, route: TRouteArgs): Promise<Response> => {
    const services = getServices();
    if (!isSameOrigin(request, services.env.AUTH_URL)) return json(fail('forbidden', 'Cross-site requests are not allowed.'));
    const session = await auth();
    const userId = session?.user?.id;
    if (!userId) return json(fail('unauthorized', 'Sign in first.'));
    const id = await routeId(route);
    if (!id.ok) return json(id);
    const bytes = await readBodyCapped(request, options.maxBytes);
    if (!bytes) return json(fail('too_large', options.tooLarge));
    try {
      const ctx = useCaseContext(services.prisma, userId);
      const answer = await handler({ services, userId, ctx, id: id.data, bytes, route });
      return json(answer, { status: options.status });
    } catch (error) {
      console.error(`[api] POST ${label}`, error);
      return json(fail('internal', 'Something went wrong on our side. Try again.'));
    }
  };
}
