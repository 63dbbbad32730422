import { auth } from '@/lib/auth';
import { routeId, type TRouteArgs } from '@/lib/auth/route-guard';
import { MAX_IMAGE_BYTES } from '@/lib/domain/image-type';
import { isSameOrigin, json, readBodyCapped } from '@/lib/http';
import { fail } from '@/lib/result';
import { getServices } from '@/lib/services';
import { uploadBoardAsset } from '@/lib/use-cases/board-assets';
import { useCaseContext } from '@/lib/use-cases/context';

/** An image pasted or dropped on the board: the raw bytes as the body. */
export async function POST(request: Request, route: TRouteArgs): Promise<Response> {
  const services = getServices();
  if (!isSameOrigin(request, services.env.AUTH_URL)) return json(fail('forbidden', 'Cross-site requests are not allowed.'));
  const session = await auth();
  if (!session?.user?.id) return json(fail('unauthorized', 'Sign in first.'));
  const id = await routeId(route);
  if (!id.ok) return json(id);
  const bytes = await readBodyCapped(request, MAX_IMAGE_BYTES);
  if (!bytes) return json(fail('too_large', 'Images can be at most 5 MB.'));
  const ctx = useCaseContext(services.prisma, session.user.id);
  return json(await uploadBoardAsset(ctx, services.blobs, { interviewId: id.data, bytes }), { status: 201 });
}
