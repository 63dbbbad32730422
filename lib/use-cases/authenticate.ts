import type { PrismaClient } from '@/lib/generated/prisma/client';
import { decoyHash, PasswordHashingBusy, verifyPassword } from '@/lib/auth/password';
import { ZSignInInput } from '@/lib/auth/schemas';
import { releaseSignIn, reserveSignIn, settleSignIn } from '@/lib/auth/throttle';

export type TAuthenticateResult =
  | { ok: true; user: { id: string; email: string; name: string | null; sessionEpoch: number } }
  | { ok: false; reason: 'invalid' | 'throttled' | 'busy'; retryAfterMs?: number };

/**
 * Email + password check behind the database-backed sign-in throttle (lib/auth/throttle.ts):
 * the attempt's slots are taken before the password is checked, by the client's address and
 * the account, and a right password gives them back.
 */
export async function authenticate(
  prisma: PrismaClient,
  input: unknown,
  context: { address: string; now?: number },
): Promise<TAuthenticateResult> {
  const parsed = ZSignInInput.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const { email, password } = parsed.data;
  const now = context.now ?? Date.now();

  const gate = await reserveSignIn(prisma, email, context.address, now);
  if (!gate.isAllowed) return { ok: false, reason: 'throttled', retryAfterMs: gate.retryAfterMs };

  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, sessionEpoch: true },
  });
  let isValid: boolean;
  try {
    isValid = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  } catch (error) {
    if (!(error instanceof PasswordHashingBusy)) throw error;
    // Not checked, so not a failure: the slots go back.
    await releaseSignIn(prisma, gate);
    return { ok: false, reason: 'busy' };
  }
  const isSignedIn = Boolean(user?.passwordHash) && isValid;
  await settleSignIn(prisma, gate, isSignedIn);
  if (!user || !isSignedIn) return { ok: false, reason: 'invalid' };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionEpoch: user.sessionEpoch } };
}
