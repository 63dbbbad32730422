// The database layer's public entry; see lib/db/client.ts and lib/db/migrate.ts.
export { openDatabase, pgliteDataDir, pgliteLockPath } from './db/client';
export type { TDatabase, TDatabaseKind, TOpenDatabaseOptions } from './db/client';
