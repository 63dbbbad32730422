import { parseEnv, type TEnv } from '@/lib/env';
import { startServer, type TRunningServer } from '@/server/app';
import { createTestDatabase } from './test-db';

export type TTestServer = TRunningServer & {
  /** Stops the server and removes its database. */
  cleanup: () => Promise<void>;
  /** Stops the server gracefully and starts a new one on the same database (new port). */
  restart: () => Promise<TTestServer>;
};

/**
 * The real mockroom server (production Next build, socket.io, real database) in this process on
 * port 0, with a fresh database. Needs `next build` first (npm test does it).
 */
export async function startTestServer(overrides: Record<string, string> = {}): Promise<TTestServer> {
  const database = await createTestDatabase();
  const env = parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: database.dataDir,
    AUTH_SECRET: 'integration-secret-integration-secret-0123',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...overrides,
  });
  return boot(env, database.cleanup);
}

async function boot(env: TEnv, cleanupDatabase: () => Promise<void>): Promise<TTestServer> {
  const server = await startServer({ env, dev: false, log: () => undefined });
  return {
    ...server,
    cleanup: async () => {
      await server.stop();
      await cleanupDatabase();
    },
    restart: async () => {
      await server.stop();
      return boot(env, cleanupDatabase);
    },
  };
}
