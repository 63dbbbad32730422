import { auth } from '@/lib/auth';
import { routeId, type TRouteArgs } from '@/lib/auth/route-guard';
import { MAX_RECORDING_CHUNK_BYTES } from '@/lib/domain/recording';
import { isSameOrigin, json, readBodyCapped } from '@/lib/http';
import { fail } from '@/lib/result';
import { getServices } from '@/lib/services';
import { useCaseContext } from '@/lib/use-cases/context';
import { storeRecordingChunk } from '@/lib/use-cases/recording';

/** Chunk `index` of one's own recording track: the raw WebM/Opus bytes as the body. */
export async function POST(request: Request, route: TRouteArgs): Promise<Response> {
  const services = getServices();
  if (!isSameOrigin(request, services.env.AUTH_URL)) return json(fail('forbidden', 'Cross-site requests are not allowed.'));
  const session = await auth();
  if (!session?.user?.id) return json(fail('unauthorized', 'Sign in first.'));
  const id = await routeId(route);
  if (!id.ok) return json(id);
  const { trackId, index } = await route.params;
  const bytes = await readBodyCapped(request, MAX_RECORDING_CHUNK_BYTES);
  if (!bytes) return json(fail('too_large', `A recording chunk can be at most ${MAX_RECORDING_CHUNK_BYTES / 1024} KB.`));
  try {
    const ctx = useCaseContext(services.prisma, session.user.id);
    return json(await storeRecordingChunk(ctx, services.blobs, { interviewId: id.data, trackId, index }, bytes));
  } catch (error) {
    console.error('[api] POST recording chunk', error);
    return json(fail('internal', 'Something went wrong on our side. Try again.'));
  }
}
