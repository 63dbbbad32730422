import { getServices } from '@/lib/services';

export const dynamic = 'force-dynamic';

/**
 * Liveness and database reachability, for load balancers and the Quick start check; also how
 * many live whiteboards this process holds and how many cannot reach the archive (their edits
 * are safe in their board files meanwhile).
 */
export async function GET(): Promise<Response> {
  const services = getServices();
  const isReachable = await services.pingDatabase().catch(() => false);
  const { rooms, archiveFailing } = services.boards.stats();
  const isDegraded = !isReachable || archiveFailing > 0;
  return Response.json(
    {
      status: isDegraded ? 'degraded' : 'ok',
      database: { kind: services.databaseKind, reachable: isReachable },
      boards: { live: rooms, archiveFailing },
    },
    { status: isReachable ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
