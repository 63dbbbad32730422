import { inject } from 'vitest';
import { parseEnv, type TEnv } from '@/lib/env';
import { startServer, type TRunningServer } from '@/server/app';
import { createTestDatabase, type TTestDatabase } from './test-db';

export type TTestServer = TRunningServer & {
  /** Stops the server and removes its database (the worker's shared server: nothing; see below). */
  cleanup: () => Promise<void>;
  /** Stops the server gracefully and starts a new one on the same database (new port). */
  restart: () => Promise<TTestServer>;
};

/**
 * The real mockroom server (production Next build, socket.io, real database) in this process on
 * port 0. Needs `next build` first (npm test does it).
 *
 * Without overrides, in a vitest project that shares servers (`MOCKROOM_TEST_SERVER=shared` with
 * `isolate: false`, see vitest.config.ts), every test file of a worker gets the same server and
 * database: each file makes its own users and interviews, so files do not see each other's data,
 * and the worker pays for one database copy and one Next start instead of one per file. Its
 * `cleanup()` does nothing (the database goes when the run ends), `restart()` and `stop()` act on
 * the shared server, and the handle always points at the current one. With overrides, or outside
 * such a project, the server and its database are the caller's own.
 */
export async function startTestServer(overrides: Record<string, string> = {}): Promise<TTestServer> {
  if (Object.keys(overrides).length === 0 && process.env.MOCKROOM_TEST_SERVER === 'shared') return sharedTestServer();
  // One server per process: Next's code finds the services through one registry on globalThis.
  await stopShared();
  const database = await createTestDatabase();
  return bootOwn(testEnv(database, overrides), database.cleanup);
}

function testEnv(database: TTestDatabase, overrides: Record<string, string>): TEnv {
  return parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: database.dataDir,
    AUTH_SECRET: 'integration-secret-integration-secret-0123',
    // Every test user signs up from 127.0.0.1; tests of the limit itself pass a low one.
    SIGNUP_LIMIT_PER_HOUR: '100000',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...overrides,
  });
}

function start(env: TEnv): Promise<TRunningServer> {
  return startServer({ env, dev: false, log: () => undefined });
}

async function bootOwn(env: TEnv, cleanupDatabase: () => Promise<void>): Promise<TTestServer> {
  const server = await start(env);
  return {
    ...server,
    cleanup: async () => {
      await server.stop();
      await cleanupDatabase();
    },
    restart: async () => {
      await server.stop();
      return bootOwn(env, cleanupDatabase);
    },
  };
}

// ---------- the worker's shared server ----------

declare module 'vitest' {
  // Declaration merging, the way vitest types provide()/inject(), needs an interface.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    /** A directory that tests/helpers/global-setup.ts removes when the run ends. */
    mockroomTestRunDir: string;
    /** Names this run's PostgreSQL databases, which global teardown drops. */
    mockroomTestRunTag: string;
  }
}

let sharedEnv: Promise<TEnv> | undefined;
// The shared server being started or running, and the one running (what handles point at).
let sharedBooting: Promise<TRunningServer> | undefined;
let sharedCurrent: TRunningServer | undefined;

async function sharedTestServer(): Promise<TTestServer> {
  sharedEnv ??= createTestDatabase({ parentDir: inject('mockroomTestRunDir'), tag: inject('mockroomTestRunTag') }).then(
    (database) => testEnv(database, {}),
  );
  sharedEnv.catch(() => {
    sharedEnv = undefined;
  });
  await bootShared(await sharedEnv);
  return sharedHandle;
}

function bootShared(env: TEnv): Promise<TRunningServer> {
  sharedBooting ??= start(env).then(
    (server) => (sharedCurrent = server),
    (error: unknown) => {
      sharedBooting = undefined;
      throw error;
    },
  );
  return sharedBooting;
}

async function stopShared(): Promise<void> {
  const booting = sharedBooting;
  sharedBooting = undefined;
  sharedCurrent = undefined;
  const running = await booting?.catch(() => undefined);
  await running?.stop();
}

function current(): TRunningServer {
  if (!sharedCurrent) throw new Error('the shared test server is stopped: call startTestServer() or restart() first');
  return sharedCurrent;
}

// Every file's handle reads the current server, so it follows a restart made by any of them.
const sharedHandle: TTestServer = {
  get url() {
    return current().url;
  },
  get port() {
    return current().port;
  },
  get services() {
    return current().services;
  },
  get database() {
    return current().database;
  },
  stop: stopShared,
  cleanup: async () => undefined,
  restart: async () => {
    await stopShared();
    await sharedTestServer();
    return sharedHandle;
  },
};
