import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { TEnv } from '@/lib/env';
import type { TBlobStore } from '@/lib/storage/blob-store';
import type { TConnectionRefusal } from '@/lib/protocol';

/**
 * The long-lived services of one process. tsx runs server/ while Next bundles app/, so each
 * loads its own copy of lib/; server/index.ts builds these once and registers them here, on
 * globalThis, and Next's code asks for them. Nothing opens a database at import time.
 */
export type Services = {
  env: TEnv;
  prisma: PrismaClient;
  /** Uploaded bytes (board images): files under DATA_DIR/blobs with PGlite, a table with PostgreSQL. */
  blobs: TBlobStore;
  /** True when the database answers a trivial query. */
  pingDatabase: () => Promise<boolean>;
  databaseKind: 'pglite' | 'postgres';
  authSecret: string;
  /** The whiteboards of this process, for /api/health. */
  boards: { stats(): { rooms: number; archiveFailing: number } };
  realtime: {
    /** Disconnects every socket opened with the given Auth.js session id (sign-out). */
    disconnectSession: (sessionId: string, reason: TConnectionRefusal) => void;
    /** Disconnects every socket of a user (account deleted, password changed). */
    disconnectUser: (userId: string, reason: TConnectionRefusal) => void;
    /** Tells these users' open pages that their place in the practice lobby changed. */
    notifyLobbyChanged: (userIds: readonly string[]) => void;
  };
};

const KEY = Symbol.for('mockroom.services');
type GlobalWithServices = typeof globalThis & { [KEY]?: Services };

export function registerServices(services: Services): void {
  (globalThis as GlobalWithServices)[KEY] = services;
}

export function clearServices(): void {
  delete (globalThis as GlobalWithServices)[KEY];
}

export function getServices(): Services {
  const services = (globalThis as GlobalWithServices)[KEY];
  if (!services) {
    throw new Error(
      'mockroom services are not registered: start the app through server/index.ts (`npm run dev` or `npm start`), not `next dev`.',
    );
  }
  return services;
}
