import type { PrismaClient } from '@/lib/generated/prisma/client';
import { verifyPassword } from '@/lib/auth/password';
import { ZDeleteAccountInput } from '@/lib/auth/schemas';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';

/** Deletes the account; participants, scorecards and OAuth links go with it (cascade). */
export async function deleteAccount(prisma: PrismaClient, userId: string, input: unknown): Promise<TResult<null>> {
  const parsed = ZDeleteAccountInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  if (!user) return fail('unauthorized', 'Your session has ended. Sign in again.');
  if (parsed.data.confirmEmail !== user.email) {
    return fail('invalid_input', 'Type your email address to confirm.', { confirmEmail: 'does not match your email' });
  }
  if (user.passwordHash && !(await verifyPassword(parsed.data.password ?? '', user.passwordHash))) {
    return fail('invalid_input', 'The password is not correct.', { password: 'not correct' });
  }
  await prisma.user.delete({ where: { id: userId } });
  return ok(null);
}
