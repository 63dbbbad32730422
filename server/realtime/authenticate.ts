import { getToken } from 'next-auth/jwt';
import type { IncomingHttpHeaders } from 'node:http';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { TConnectionRefusal, TSessionUser } from '@/lib/protocol';
import { PROTOCOL_VERSION, ZHandshakeAuth } from '@/lib/protocol';

export type THandshakeResult =
  | { ok: true; user: TSessionUser; sessionId: string }
  | { ok: false; reason: TConnectionRefusal };

/**
 * Resolves a socket.io handshake to a user from the same Auth.js session cookie the pages use
 * (same secret, same cookie name and salt), and checks the protocol version.
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

  const user = await deps.prisma.user.findUnique({
    where: { id: token.sub },
    select: { id: true, name: true, email: true, sessionEpoch: true },
  });
  if (!user || user.sessionEpoch !== token.epoch) return { ok: false, reason: 'unauthenticated' };
  return { ok: true, user: { id: user.id, name: user.name, email: user.email }, sessionId: token.sid };
}
