import type { PrismaClient } from '@/lib/generated/prisma/client';
import { verifyPassword } from '@/lib/auth/password';
import { ZDeleteAccountInput } from '@/lib/auth/schemas';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import type { TBlobStore } from '@/lib/storage/blob-store';
import { deleteOrphanRecordingChunks } from './recording';

/**
 * Deletes the account; participants, scorecards, OAuth links and the recordings of this person's
 * voice go with it (cascade), and with `blobs` the recordings' files at once.
 */
export async function deleteAccount(prisma: PrismaClient, userId: string, input: unknown, blobs?: TBlobStore): Promise<TResult<null>> {
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
  // The rows are gone with the user; their files now (the hourly sweep would catch them too).
  if (blobs) await deleteOrphanRecordingChunks(prisma, blobs).catch((error: unknown) => console.error('[account] recording files not deleted yet', error));
  return ok(null);
}
