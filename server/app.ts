import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import next from 'next';
import { usesSecureCookies, type TEnv } from '@/lib/env';
import { CLIENT_ADDRESS_HEADER, clientAddressOf, isMalformedPath } from '@/lib/http';
import { fail } from '@/lib/result';
import { openDatabase, type TDatabase } from '@/lib/db/client';
import { describePromptBankLoad, loadPromptBank } from '@/lib/use-cases/load-prompt-bank';
import { clearServices, registerServices, type Services } from '@/lib/services';
import { resolveAuthSecret } from './auth-secret';
import { contentSecurityPolicy, createNonce } from './content-security-policy';
import { createRealtimeServer } from './realtime';
import { createDatabaseBlobStore, createFileBlobStore } from '@/lib/storage/blob-store';
import { deleteOrphanAssets } from '@/lib/use-cases/board-assets';
import { deleteExpiredRecordings, deleteOrphanRecordingChunks } from '@/lib/use-cases/recording';
import { sweepLobby } from '@/lib/use-cases/lobby';
import { createBoardFiles } from './board/board-files';
import { createPrismaBoardArchive } from './board/prisma-board-archive';
import { createRoomRegistry } from './board/room-registry';
import { startCluster, type TCluster } from './cluster';
import { handleInternalRequest, isInternalPath } from './cluster/internal';
import { createMetrics, type TMetrics } from './metrics';
import { boardLog, createServerLog } from './log';

export type TStartOptions = {
  env: TEnv;
  /** Next in development mode (HMR) or serving the production build in .next. */
  dev: boolean;
  /** Project root (where .next and app/ live). */
  dir?: string;
  log?: (message: string) => void;
};

export type TRunningServer = {
  url: string;
  port: number;
  services: Services;
  database: TDatabase;
  /** Graceful stop: refuse new connections, close sockets, flush, close the database. */
  stop: () => Promise<void>;
};

/** Boots one mockroom process: database, Next.js and socket.io on one HTTP server. */
export async function startServer(options: TStartOptions): Promise<TRunningServer> {
  const { env, dev } = options;
  const root = options.dir ?? process.cwd();
  // Board events name their interview; the JSON log adds the epoch of its live room here.
  let epochOf: (interviewId: string) => number | undefined = () => undefined;
  const serverLog = createServerLog({ format: env.LOG_FORMAT, instanceId: env.INSTANCE_ID, epochOf: (id) => epochOf(id) });
  const log = options.log ?? ((message: string) => serverLog.info(message));

  const authSecret = await resolveAuthSecret(env);
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, migrate: !env.DATABASE_URL });
  log(`database: ${database.kind === 'pglite' ? `embedded PGlite in ${env.DATA_DIR}` : 'PostgreSQL (DATABASE_URL)'}`);

  let cluster: TCluster | undefined;
  try {
    if (env.REDIS_URL) {
      const clusterLog = env.LOG_FORMAT === 'json' ? (message: string) => serverLog.info(message) : log;
      cluster = await startCluster({ redisUrl: env.REDIS_URL, instanceId: env.INSTANCE_ID, leaseTtlMs: env.BOARD_LEASE_TTL_MS, log: clusterLog });
      log(`cluster: instance ${env.INSTANCE_ID}, board leases in Redis (${env.BOARD_LEASE_TTL_MS} ms)`);
    }
    // Built-in prompts come from data files; loading is idempotent (edit a file, restart) and
    // skipped when the files give the hash stored by the last load.
    const bank = await loadPromptBank(database.prisma, { dir: path.join(root, 'prisma', 'prompts') });
    log(describePromptBankLoad(bank));

    const app = next({ dev, dir: root, hostname: 'localhost', port: env.PORT, quiet: !dev });
    await app.prepare();
    const handle = app.getRequestHandler();
    const nextUpgrade = dev ? app.getUpgradeHandler() : undefined;

    const httpServer = createServer((req, res) => {
      if (isMalformedPath(req.url ?? '/')) return refuseMalformedPath(req, res);
      // Rate limits key on this; the client's own value of the header is overwritten.
      req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], env.TRUST_PROXY_HOPS);
      if (isInternalPath(req.url)) return handleInternalRequest(req, res, { env, boards, cluster, metrics });
      // A fresh nonce per response. Next reads it from the request's Content-Security-Policy
      // header (whatever the client sent there is replaced) and puts it on its script tags.
      const policy = contentSecurityPolicy({ nonce: createNonce(), isDev: dev, host: req.headers.host });
      req.headers['content-security-policy'] = policy;
      delete req.headers['content-security-policy-report-only'];
      res.setHeader('Content-Security-Policy', policy);
      void handle(req, res);
    });
    // The registry is created first (socket handlers need it); its writer reaches socket.io,
    // created next, only when a save completes, to tell clients which board version is stored.
    const boards = createRoomRegistry({
      files: createBoardFiles(path.resolve(env.DATA_DIR, 'boards')),
      archive: createPrismaBoardArchive(database.prisma),
      ...(cluster ? { ownership: cluster.ownership, handoff: cluster.handoff } : {}),
      onArchived: (_interviewId, _clock, delayMs) => metrics.onArchived(delayMs),
      ...(env.LOG_FORMAT === 'json' ? { log: boardLog(serverLog) } : {}),
    });
    epochOf = (interviewId) => boards.get(interviewId)?.epoch;
    cluster?.serve(boards);
    const realtime = createRealtimeServer(httpServer, {
      prisma: database.prisma,
      authSecret,
      secureCookie: usesSecureCookies(env),
      publicUrl: env.AUTH_URL,
      boards,
      onInterviewEnded: (interviewId) => {
        // The board may live in another process: each one turns its own copy read-only.
        cluster?.publishInterviewEnded(interviewId);
        return boards.setReadOnly(interviewId);
      },
      ...(cluster ? { adapter: cluster.adapter } : {}),
      onEvent: (kind) => metrics.onSocketEvent(kind),
      ice: { stunUrls: env.STUN_URLS, turnUrls: env.TURN_URLS, turnSecret: env.TURN_SECRET, turnTtlSeconds: env.TURN_TTL_SECONDS, iceTransportPolicy: env.CALL_ICE_TRANSPORT_POLICY },
    });
    const metrics: TMetrics = createMetrics({ instanceId: env.INSTANCE_ID, boards, cluster, sockets: () => realtime.io.engine.clientsCount });
    cluster?.onTakeover((ms) => metrics.onTakeover(ms));
    // socket.io owns /socket.io/ upgrades; everything else (Next's HMR in dev) goes to Next.
    httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (req.url?.startsWith('/socket.io/')) return;
      if (nextUpgrade) void nextUpgrade(req, socket, head);
      else socket.destroy();
    });

    const blobs = database.kind === 'pglite' ? createFileBlobStore(path.resolve(env.DATA_DIR, 'blobs')) : createDatabaseBlobStore(database.prisma);
    const services: Services = {
      env,
      prisma: database.prisma,
      blobs,
      pingDatabase: database.ping,
      databaseKind: database.kind,
      authSecret,
      boards,
      realtime,
    };
    registerServices(services);

    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(env.PORT, env.HOST, () => resolve());
    });
    const port = (httpServer.address() as AddressInfo).port;
    const url = `http://localhost:${port}`;
    log(`ready on ${url} (${dev ? 'development' : 'production'})`);

    // Board files a crash (or a database outage at close) left behind go to the archive now,
    // and again every minute while any remain.
    let pendingTimer: ReturnType<typeof setTimeout> | undefined;
    const archivePending = async () => {
      const waiting = await boards.archivePending().catch(() => 1);
      if (waiting > 0) pendingTimer = setTimeout(() => void archivePending(), 60_000);
    };
    void archivePending();
    // Image bytes whose rows were deleted with their interview or account.
    const sweepAssets = () =>
      deleteOrphanAssets(database.prisma, blobs).then(
        (count) => count > 0 && log(`deleted ${count} orphaned image files`),
        (error: unknown) => console.error('[mockroom] orphaned image sweep failed', error),
      );
    // Recordings past RECORDING_RETENTION_DAYS, and chunk files whose track was deleted.
    const sweepRecordings = () =>
      deleteExpiredRecordings(database.prisma, blobs, Date.now(), env.RECORDING_RETENTION_DAYS)
        .then(() => deleteOrphanRecordingChunks(database.prisma, blobs))
        .then(
          (count) => count > 0 && log(`deleted ${count} orphaned recording chunks`),
          (error: unknown) => console.error('[mockroom] recording sweep failed', error),
        );
    void sweepAssets().then(sweepRecordings);
    const sweepTimer = setInterval(() => void sweepAssets().then(sweepRecordings), 60 * 60_000);
    sweepTimer.unref();
    // The practice lobby: matches nobody confirmed expire, and whoever can be paired is. Places
    // are rows, so any process may sweep (row locks keep two sweeps from taking one person).
    let isSweepingLobby = false;
    const lobbyTimer = setInterval(() => {
      if (isSweepingLobby) return;
      isSweepingLobby = true;
      sweepLobby(database.prisma, new Date())
        .then((changed) => realtime.notifyLobbyChanged(changed))
        .catch((error: unknown) => console.error('[mockroom] lobby sweep failed', error))
        .finally(() => {
          isSweepingLobby = false;
        });
    }, 2000);
    lobbyTimer.unref();

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        // Flush every whiteboard while the database is open, then io.close(), which also closes
        // the HTTP server (no new connections) and disconnects every socket.
        clearTimeout(pendingTimer);
        clearInterval(sweepTimer);
        clearInterval(lobbyTimer);
        if (cluster) {
          // Drain: no new boards, no new connections (the proxy sends them to the others), then
          // every board is archived and released and its clients sent back through the proxy.
          cluster.drain();
          httpServer.close();
        }
        await boards.closeAll();
        await realtime.close();
        await app.close();
        clearServices();
        await cluster?.close();
        await database.close();
      })();
      return stopping;
    };
    return { url, port, services, database, stop };
  } catch (error) {
    await cluster?.close();
    await database.close();
    throw error;
  }
}

/** 400 for an address Next cannot decode: JSON under /api (like every API error), text elsewhere. */
function refuseMalformedPath(req: IncomingMessage, res: ServerResponse): void {
  const isApi = req.url?.startsWith('/api/') ?? false;
  const body = isApi
    ? JSON.stringify(fail('invalid_input', 'The address is malformed (an invalid %-escape or a NUL).'))
    : 'Bad request: the address is malformed.';
  res.writeHead(400, { 'Content-Type': isApi ? 'application/json' : 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
}
