import type { PrismaClient } from '@/lib/generated/prisma/client';

/**
 * Failed sign-ins are counted in the database (not in memory) so that the limit holds across
 * processes and restarts. After MAX_FAILURES within WINDOW_MS the key is locked for LOCK_MS.
 */
export const THROTTLE = { MAX_FAILURES: 5, WINDOW_MS: 15 * 60_000, LOCK_MS: 15 * 60_000 } as const;

export type ThrottleStatus = { isLocked: false } | { isLocked: true; retryAfterMs: number };

export async function checkThrottle(prisma: PrismaClient, key: string, now: Date): Promise<ThrottleStatus> {
  const row = await prisma.signInAttempt.findUnique({ where: { key } });
  if (row?.lockedUntil && row.lockedUntil > now) {
    return { isLocked: true, retryAfterMs: row.lockedUntil.getTime() - now.getTime() };
  }
  return { isLocked: false };
}

export async function recordFailure(prisma: PrismaClient, key: string, now: Date): Promise<ThrottleStatus> {
  const row = await prisma.signInAttempt.findUnique({ where: { key } });
  const isWindowOpen = row && now.getTime() - row.windowStart.getTime() < THROTTLE.WINDOW_MS;
  const failures = isWindowOpen ? row.failures + 1 : 1;
  const lockedUntil = failures >= THROTTLE.MAX_FAILURES ? new Date(now.getTime() + THROTTLE.LOCK_MS) : null;
  await prisma.signInAttempt.upsert({
    where: { key },
    create: { key, failures, windowStart: now, lockedUntil },
    update: { failures, windowStart: isWindowOpen ? row.windowStart : now, lockedUntil },
  });
  return lockedUntil ? { isLocked: true, retryAfterMs: THROTTLE.LOCK_MS } : { isLocked: false };
}

export async function clearFailures(prisma: PrismaClient, key: string): Promise<void> {
  await prisma.signInAttempt.deleteMany({ where: { key } });
}

export function throttleKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}
