import type { IncomingHttpHeaders } from 'node:http';
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
  return originMatches(origin, request.headers.get('x-forwarded-host') ?? request.headers.get('host'), publicUrl);
}

/**
 * Whether a socket.io handshake may come from where it says it comes from. A browser page on
 * another origin (which would carry the victim's cookie where SameSite allows it) sends its
 * Origin on every WebSocket and cross-origin request: it must be ours. A handshake without
 * Origin is a same-origin polling GET (browsers omit Origin there) or a program that is not a
 * browser (it could write any Origin anyway); one that a browser marks as sent by another site
 * (`Sec-Fetch-Site`, e.g. a no-cors fetch without Origin) is refused as well.
 */
export function isAllowedSocketOrigin(headers: IncomingHttpHeaders, publicUrl?: string): boolean {
  const origin = firstValue(headers.origin);
  if (origin === undefined) {
    const site = firstValue(headers['sec-fetch-site']);
    return site !== 'cross-site' && site !== 'same-site';
  }
  return originMatches(origin, firstValue(headers['x-forwarded-host']) ?? firstValue(headers.host) ?? null, publicUrl);
}

function originMatches(origin: string, host: string | null, publicUrl?: string): boolean {
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return false;
  }
  if (originUrl.protocol !== 'http:' && originUrl.protocol !== 'https:') return false;
  if (publicUrl && new URL(publicUrl).origin === originUrl.origin) return true;
  return host !== null && originUrl.host === host;
}

const firstValue = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

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

/**
 * The request header that carries the client's address from the custom server (server/app.ts
 * sets it on every request, replacing whatever the client sent) to routes and Auth.js.
 */
export const CLIENT_ADDRESS_HEADER = 'x-mockroom-client-address';

/** The client's address that server/app.ts put on the request ('unknown' outside it). */
export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}

/**
 * The client's address for rate limits. With `trustedHops` proxies in front (TRUST_PROXY_HOPS),
 * each appended the address it saw to X-Forwarded-For, so the client is the `trustedHops`-th entry
 * from the right; entries further left were written by the client and prove nothing. Without
 * trusted proxies the TCP peer is the client. IPv4-mapped IPv6 is unwrapped, and IPv6 is cut to
 * its /64, which one subscriber usually holds whole (else each address of it would be a new client).
 */
export function clientAddressOf(peerAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  let address = peerAddress ?? 'unknown';
  if (trustedHops > 0 && forwardedFor) {
    const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    address = entries[Math.max(0, entries.length - trustedHops)] ?? address;
  }
  return normaliseAddress(address);
}

function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':') || address === '::1') return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
