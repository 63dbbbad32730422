import type { PrismaClient } from '@/lib/generated/prisma/client';
import { decoyHash, verifyPassword } from '@/lib/auth/password';
import { ZSignInInput } from '@/lib/auth/schemas';
import { checkThrottle, clearFailures, recordFailure, throttleKey } from '@/lib/auth/throttle';

export type TAuthenticateResult =
  | { ok: true; user: { id: string; email: string; name: string | null; sessionEpoch: number } }
  | { ok: false; reason: 'invalid' | 'throttled'; retryAfterMs?: number };

/** Email + password check with a database-backed throttle on repeated failures. */
export async function authenticate(prisma: PrismaClient, input: unknown, now = new Date()): Promise<TAuthenticateResult> {
  const parsed = ZSignInInput.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const { email, password } = parsed.data;
  const key = throttleKey(email);

  const status = await checkThrottle(prisma, key, now);
  if (status.isLocked) return { ok: false, reason: 'throttled', retryAfterMs: status.retryAfterMs };

  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, sessionEpoch: true },
  });
  const isValid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  if (!user?.passwordHash || !isValid) {
    const after = await recordFailure(prisma, key, now);
    if (after.isLocked) return { ok: false, reason: 'throttled', retryAfterMs: after.retryAfterMs };
    return { ok: false, reason: 'invalid' };
  }
  await clearFailures(prisma, key);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionEpoch: user.sessionEpoch } };
}
