import { auth } from '@/lib/auth';
import { routeId, type TRouteArgs } from '@/lib/auth/route-guard';
import { ZId } from '@/lib/domain/text-schema';
import { RECORDING_MIME_TYPE } from '@/lib/domain/recording';
import { json } from '@/lib/http';
import { getServices } from '@/lib/services';
import { useCaseContext } from '@/lib/use-cases/context';
import { readRecordingTrack } from '@/lib/use-cases/recording';

const NOT_FOUND = () => new Response('Not found', { status: 404 });

/** `bytes=a-b` / `bytes=a-` / `bytes=-n` within `size`, or null (the whole file is answered). */
function byteRange(header: string | null, size: number): { start: number; end: number } | null {
  const match = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (match[1] === '' && match[2] === '')) return null;
  const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
  const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  return start <= end && start < size ? { start, end } : null;
}

/**
 * One recorded voice (WebM/Opus, its chunks in order) for the interview's two participants; 404
 * for anyone else, signed in or not. Ranges are answered, so the review's <audio> seeks.
 */
export async function GET(request: Request, route: TRouteArgs): Promise<Response> {
  const session = await auth();
  const id = await routeId(route);
  if (!id.ok) return json(id);
  const trackId = ZId.safeParse((await route.params).trackId);
  const userId = session?.user?.id;
  if (!userId || !trackId.success) return NOT_FOUND();
  const services = getServices();
  const audio = await readRecordingTrack(useCaseContext(services.prisma, userId), services.blobs, { interviewId: id.data, trackId: trackId.data });
  if (!audio) return NOT_FOUND();
  const headers = {
    'Content-Type': RECORDING_MIME_TYPE.split(';')[0]!,
    'Accept-Ranges': 'bytes',
    // A live recording grows: never cached past this answer, and private to the participant.
    'Cache-Control': 'private, no-store',
    'Content-Security-Policy': "default-src 'none'",
    'X-Content-Type-Options': 'nosniff',
  };
  const range = byteRange(request.headers.get('range'), audio.byteLength);
  if (!range) return new Response(Buffer.from(audio), { headers: { ...headers, 'Content-Length': String(audio.byteLength) } });
  return new Response(Buffer.from(audio.subarray(range.start, range.end + 1)), {
    status: 206,
    headers: { ...headers, 'Content-Range': `bytes ${range.start}-${range.end}/${audio.byteLength}`, 'Content-Length': String(range.end - range.start + 1) },
  });
}
