import { getServices } from '@/lib/services';

export const dynamic = 'force-dynamic';

/** Liveness and database reachability, for load balancers and the Quick start check. */
export async function GET(): Promise<Response> {
  const services = getServices();
  const isReachable = await services.pingDatabase().catch(() => false);
  return Response.json(
    { status: isReachable ? 'ok' : 'degraded', database: { kind: services.databaseKind, reachable: isReachable } },
    { status: isReachable ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
