import type { PrismaClient } from '@/lib/generated/prisma/client';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { ZChangePasswordInput } from '@/lib/auth/schemas';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';

/**
 * Changes the password and bumps the user's session epoch, which signs out every other session
 * (the JWT callback refuses tokens of an older epoch). The caller signs the current browser in again.
 */
export async function changePassword(
  prisma: PrismaClient,
  userId: string,
  input: unknown,
): Promise<TResult<{ sessionEpoch: number }>> {
  const parsed = ZChangePasswordInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) return fail('unauthorized', 'Your session has ended. Sign in again.');
  if (!user.passwordHash) {
    return fail('invalid_input', 'This account signs in with GitHub or Google and has no password.');
  }
  if (!(await verifyPassword(parsed.data.currentPassword, user.passwordHash))) {
    return fail('invalid_input', 'The current password is not correct.', { currentPassword: 'not correct' });
  }
  const passwordHash = await hashPassword(parsed.data.newPassword);
  const updated = await prisma.user.update({
    where: { id: userId },
    data: { passwordHash, sessionEpoch: { increment: 1 } },
    select: { sessionEpoch: true },
  });
  return ok(updated);
}
