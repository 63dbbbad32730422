import { fail, HTTP_STATUS, type TResult } from '@/lib/result';

/** JSON bodies of our routes are small forms; anything bigger is refused before parsing. */
export const MAX_JSON_BODY_BYTES = 16 * 1024;

export function json<T>(result: TResult<T>, init?: ResponseInit): Response {
  const status = result.ok ? (init?.status ?? 200) : HTTP_STATUS[result.error.code];
  return Response.json(result, { ...init, status, headers: { 'Cache-Control': 'no-store', ...init?.headers } });
}

/**
 * Refuses cross-site writes: the Origin header must name the host the request was sent to
 * (Host, or the public AUTH_URL behind a proxy). Browsers always send Origin on a POST.
 */
export function isSameOrigin(request: Request, publicUrl?: string): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return false;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return false;
  }
  if (publicUrl && new URL(publicUrl).origin === originUrl.origin) return true;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  return host !== null && originUrl.host === host;
}

/**
 * Reads a JSON body with a size cap. The use case validates it with its own zod schema; the
 * error is ready to send.
 */
export async function readJsonBody(request: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<TResult<unknown>> {
  const bytes = await readBodyCapped(request, maxBytes);
  if (bytes === null) return fail('too_large', 'The request is too large.');
  try {
    return { ok: true, data: JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown };
  } catch {
    return fail('invalid_input', 'The request body must be JSON.');
  }
}

/** The body's bytes, or null as soon as it exceeds maxBytes (the rest is never read). */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A request path that Next cannot decode (`%ff`, a lone `%`: Next answers those with a bare 500)
 * or that carries a NUL (`%00`, never part of a valid address). The custom server refuses them
 * with a 400 before routing.
 */
export function isMalformedPath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  try {
    return decodeURIComponent(path).includes('\0');
  } catch {
    return true;
  }
}
