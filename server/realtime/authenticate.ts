import { getToken } from 'next-auth/jwt';
import type { IncomingHttpHeaders } from 'node:http';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { TConnectionRefusal, TSessionUser } from '@/lib/protocol';
import { PROTOCOL_VERSION, ZHandshakeAuth } from '@/lib/protocol';
import { checkSession, lastLine } from '@/lib/auth/session-check';

export type THandshakeResult =
  | { ok: true; user: TSessionUser; sessionId: string }
  | { ok: false; reason: TConnectionRefusal };

/**
 * Resolves a socket.io handshake to a user from the same Auth.js session cookie the pages use
 * (same secret, same cookie name and salt), checks that the session still stands (the same check
 * as the pages: epoch and sign-out revocation), and checks the protocol version.
 */
export async function authenticateHandshake(
  headers: IncomingHttpHeaders,
  auth: unknown,
  deps: { prisma: PrismaClient; secret: string; secureCookie: boolean },
): Promise<THandshakeResult> {
  const parsed = ZHandshakeAuth.safeParse(auth);
  if (!parsed.success) return { ok: false, reason: 'invalidHandshake' };
  if (parsed.data.protocolVersion < PROTOCOL_VERSION) return { ok: false, reason: 'clientTooOld' };
  if (parsed.data.protocolVersion > PROTOCOL_VERSION) return { ok: false, reason: 'serverTooOld' };

  const cookieHeaders = new Headers();
  if (typeof headers.cookie === 'string') cookieHeaders.set('cookie', headers.cookie);
  const token = await getToken({ req: { headers: cookieHeaders }, secret: deps.secret, secureCookie: deps.secureCookie });
  if (!token?.sub || typeof token.sid !== 'string') return { ok: false, reason: 'unauthenticated' };

  let check;
  try {
    check = await checkSession(deps.prisma, token);
  } catch (error) {
    // Not "unauthenticated": the browser would send its user to sign in for a database outage.
    console.warn('[realtime] handshake refused as unavailable, the database is unreachable:', lastLine(error));
    return { ok: false, reason: 'unavailable' };
  }
  // Deleted account, a password change since the token was issued, or signed out.
  if (!check.isValid) return { ok: false, reason: 'unauthenticated' };
  return { ok: true, user: check.user, sessionId: token.sid };
}
