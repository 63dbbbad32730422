import type { PrismaClient } from '@/lib/generated/prisma/client';
import { hashPassword } from '@/lib/auth/password';
import { ZSignUpInput } from '@/lib/auth/schemas';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';

export { ZSignUpInput };

export async function signUp(
  prisma: PrismaClient,
  input: unknown,
): Promise<TResult<{ id: string; email: string; name: string }>> {
  const parsed = ZSignUpInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { name, email, password } = parsed.data;

  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return fail('conflict', 'This email is already registered. Sign in instead.', { email: 'already registered' });

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
