import { auth } from '@/lib/auth';
import { routeId, type TRouteArgs } from '@/lib/auth/route-guard';
import { json } from '@/lib/http';
import { getServices } from '@/lib/services';
import { readBoardAsset } from '@/lib/use-cases/board-assets';
import { useCaseContext } from '@/lib/use-cases/context';

export async function GET(_request: Request, route: TRouteArgs): Promise<Response> {
  const session = await auth();
  const id = await routeId(route);
  if (!id.ok) return json(id);
  const services = getServices();
  const userId = session?.user?.id;
  const asset = userId ? await readBoardAsset(useCaseContext(services.prisma, userId), services.blobs, { assetId: id.data }) : null;
  if (!asset) return new Response('Not found', { status: 404 });
  return new Response(Buffer.from(asset.data), {
    headers: {
      'Content-Type': asset.mimeType,
      // Assets never change; only participants may read them, so private caching only.
      'Cache-Control': 'private, max-age=31536000, immutable',
      'Content-Security-Policy': "default-src 'none'",
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
