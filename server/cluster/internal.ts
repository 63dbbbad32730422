import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TEnv } from '@/lib/env';
import type { TRoomRegistry } from '../board/room-registry';
import type { TCluster } from './index';

export type TInternalDeps = {
  env: Pick<TEnv, 'METRICS_TOKEN' | 'INSTANCE_ID'>;
  boards: TRoomRegistry;
  cluster: TCluster | undefined;
};

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
 * `GET /internal/boards`: this process's live boards with their owner epochs (the cluster test
 * checks there is never more than one owner). Answers and returns true for the paths it owns.
 */
export function handleInternalRequest(req: IncomingMessage, res: ServerResponse, deps: TInternalDeps): boolean {
  const path = (req.url ?? '').split('?')[0];
  if (path !== '/internal/boards') return false;
  if (!isOperator(req, deps.env.METRICS_TOKEN)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('Not found');
    return true;
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
  return true;
}
