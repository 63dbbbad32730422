import type { JWT } from '@auth/core/jwt';
import type { PrismaClient } from '@/lib/generated/prisma/client';

/** How long a session lives after its last use (Auth.js rolls the token on every request). */
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

export type TSessionUser = { id: string; name: string | null; email: string };

/**
 * Whether a decoded session token still stands: its user exists, it was issued in the user's
 * current session epoch (a password change or account deletion bumps it), and its sign-in was not
 * ended by "Sign out". One check for pages, API routes (Auth.js's jwt callback) and socket
 * handshakes. Throws when the database cannot be asked: the caller decides what an outage means.
 */
export async function checkSession(
  prisma: PrismaClient,
  token: { sub?: string | null; sid?: unknown; epoch?: unknown },
): Promise<{ isValid: true; user: TSessionUser } | { isValid: false }> {
  if (!token.sub || typeof token.sid !== 'string') return { isValid: false };
  const [user, revoked] = await Promise.all([
    prisma.user.findUnique({ where: { id: token.sub }, select: { id: true, name: true, email: true, sessionEpoch: true } }),
    prisma.revokedSession.findUnique({ where: { sid: token.sid }, select: { sid: true } }),
  ]);
  if (!user || user.sessionEpoch !== token.epoch || revoked) return { isValid: false };
  return { isValid: true, user: { id: user.id, name: user.name, email: user.email } };
}

/**
 * Ends one sign-in everywhere: any copy of its cookie is refused from now on. The row is kept as
 * long as a token of that sign-in could live (tokens roll, but never past SESSION_MAX_AGE_S after
 * their last refresh, which is before now); expired rows are swept here.
 */
export async function revokeSession(prisma: PrismaClient, session: { sid: string; userId: string }, now = new Date()): Promise<void> {
  const expiresAt = new Date(now.getTime() + SESSION_MAX_AGE_S * 1000);
  await prisma.revokedSession.upsert({
    where: { sid: session.sid },
    create: { sid: session.sid, userId: session.userId, expiresAt },
    update: { expiresAt },
  });
  await prisma.revokedSession.deleteMany({ where: { expiresAt: { lt: now } } });
}

/**
 * Auth.js's jwt callback for an existing session: the token refreshed from the database, or null
 * to end the session (deleted account, password change, signed out). When the database cannot be
 * reached the session is kept, flagged unverified, instead of ended: ending it would clear the
 * cookie and sign everyone out for an outage, and the pages then say the service is degraded.
 * The cost: a session revoked just before an outage keeps working during it, for whatever still
 * works without the database.
 */
export async function refreshSessionToken(prisma: PrismaClient, token: JWT): Promise<JWT | null> {
  let check;
  try {
    check = await checkSession(prisma, token);
  } catch (error) {
    console.warn('[auth] session kept unverified, the database is unreachable:', lastLine(error));
    return { ...token, isUnverified: true };
  }
  if (!check.isValid) return null;
  const { isUnverified: _wasUnverified, ...verified } = token;
  return { ...verified, name: check.user.name, email: check.user.email };
}

/** The last line of an error's message: Prisma's first lines are a code frame, the cause comes last. */
export function lastLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim().split('\n').at(-1)?.trim() ?? message;
}
