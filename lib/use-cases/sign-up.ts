import type { PrismaClient } from '@/lib/generated/prisma/client';
import { hashPassword } from '@/lib/auth/password';
import { ZSignUpInput } from '@/lib/auth/schemas';
import { reserveSignUp } from '@/lib/auth/throttle';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';

export { ZSignUpInput };

/**
 * Creates an email + password account. At most `perHour` accounts per client address per hour
 * (SIGNUP_LIMIT_PER_HOUR), counted before the password is hashed, which is the expensive part.
 */
export async function signUp(
  prisma: PrismaClient,
  input: unknown,
  context: { address: string; perHour: number; now?: number },
): Promise<TResult<{ id: string; email: string; name: string }>> {
  const parsed = ZSignUpInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { name, email, password } = parsed.data;

  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return fail('conflict', 'This email is already registered. Sign in instead.', { email: 'already registered' });

  const slot = await reserveSignUp(prisma, context.address, context.perHour, context.now ?? Date.now());
  if (!slot.isAllowed) {
    const minutes = Math.ceil(slot.retryAfterMs / 60_000);
    return fail('rate_limited', `Too many accounts were created from your network. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  }
  // PasswordHashingBusy (a full hashing queue) propagates: the route answers "busy" (429).
  const passwordHash = await hashPassword(password);
  try {
    const user = await prisma.user.create({ data: { name, email, passwordHash }, select: { id: true, email: true } });
    return ok({ id: user.id, email: user.email, name });
  } catch (error) {
    // Two sign-ups racing for one email: the unique index decides.
    if ((error as { code?: string }).code === 'P2002') {
      return fail('conflict', 'This email is already registered. Sign in instead.', { email: 'already registered' });
    }
    throw error;
  }
}
