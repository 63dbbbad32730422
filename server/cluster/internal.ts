import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TEnv } from '@/lib/env';
import type { TRoomRegistry } from '../board/room-registry';
import type { TMetrics } from '../metrics';
import type { TCluster } from './index';

export type TInternalDeps = {
  env: Pick<TEnv, 'METRICS_TOKEN' | 'INSTANCE_ID'>;
  boards: TRoomRegistry;
  cluster: TCluster | undefined;
  metrics: TMetrics;
};

/** The paths this module answers (the custom server hands them over before Next sees them). */
export function isInternalPath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0];
  return path === '/metrics' || path === '/internal/boards';
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Operators' endpoints, never public: with METRICS_TOKEN set, a matching bearer token; without
 * it, loopback callers that did not come through a proxy (a proxy on the same machine is
 * loopback too, so a forwarded request is refused).
 */
export function isOperator(req: IncomingMessage, token: string | undefined): boolean {
  if (token) {
    const given = Buffer.from(req.headers.authorization ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  return LOOPBACK.has(req.socket.remoteAddress ?? '') && req.headers['x-forwarded-for'] === undefined && req.headers.forwarded === undefined;
}

/**
 * `GET /metrics` (Prometheus) and `GET /internal/boards` (this process's live boards with their
 * owner epochs: the cluster test checks there is never more than one owner). Anyone else gets the
 * 404 an unknown page gets.
 */
export function handleInternalRequest(req: IncomingMessage, res: ServerResponse, deps: TInternalDeps): void {
  const path = (req.url ?? '').split('?')[0];
  if (!isOperator(req, deps.env.METRICS_TOKEN) || req.method !== 'GET') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('Not found');
    return;
  }
  if (path === '/metrics') {
    deps.metrics.render().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': deps.metrics.registry.contentType, 'Cache-Control': 'no-store' });
        res.end(text);
      },
      (error: unknown) => {
        console.error('[metrics] collection failed', error);
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('metrics failed');
      },
    );
    return;
  }
  const body = {
    instanceId: deps.env.INSTANCE_ID,
    isDraining: deps.cluster?.isDraining ?? false,
    now: Date.now(),
    rooms: deps.boards.list(),
    boards: deps.boards.stats(),
    cluster: deps.cluster?.stats() ?? null,
  };
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
