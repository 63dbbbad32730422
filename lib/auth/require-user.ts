import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth';

/** For pages: the signed-in user, or a redirect to sign-in that comes back to `path`. */
export async function requireUser(path: string): Promise<{ id: string; name: string | null; email: string }> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  return { id: user.id, name: user.name ?? null, email: user.email ?? '' };
}
