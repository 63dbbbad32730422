// Opens the app's database: embedded PGlite under the data dir when no DATABASE_URL is given,
// PostgreSQL through @prisma/adapter-pg otherwise. Drivers are imported lazily and nothing
// connects at import time, because Next's build imports every server module.
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { PrismaClient } from '../generated/prisma/client';

export type TDatabaseKind = 'pglite' | 'postgres';

export type TOpenDatabaseOptions = {
  // postgres:// or postgresql:// URL; PGlite is used when unset or empty.
  databaseUrl?: string;
  // Holds `pglite/` (the PGlite data dir) and `pglite.lock`; unused for PostgreSQL.
  dataDir: string;
  // Apply pending migrations before returning.
  migrate?: boolean;
  migrationsDir?: string;
};

export type TDatabase = {
  prisma: PrismaClient;
  kind: TDatabaseKind;
  close(): Promise<void>;
  // True when a trivial query answers within timeoutMs; never throws.
  ping(timeoutMs?: number): Promise<boolean>;
  // Applies pending migrations (what `migrate: true` does at open).
  migrate(): Promise<{ applied: string[] }>;
};

export function pgliteDataDir(dataDir: string): string {
  return path.join(dataDir, 'pglite');
}

export function pgliteLockPath(dataDir: string): string {
  return path.join(dataDir, 'pglite.lock');
}

export async function openDatabase(options: TOpenDatabaseOptions): Promise<TDatabase> {
  return options.databaseUrl ? openPostgres(options, options.databaseUrl) : openPglite(options);
}

async function openPostgres(options: TOpenDatabaseOptions, databaseUrl: string): Promise<TDatabase> {
  const { PrismaPg } = await import('@prisma/adapter-pg');
  const migrate = async () => {
    const { applyMigrations, postgresMigrationAdapter } = await import('./migrate');
    return applyMigrations({
      adapterFactory: postgresMigrationAdapter(databaseUrl),
      migrationsDir: options.migrationsDir,
    });
  };
  if (options.migrate) await migrate();
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  let closed: Promise<void> | undefined;
  return {
    prisma,
    kind: 'postgres',
    migrate,
    ping: (timeoutMs) => ping(prisma, timeoutMs),
    close: () => (closed ??= prisma.$disconnect()),
  };
}

async function openPglite(options: TOpenDatabaseOptions): Promise<TDatabase> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const lock = await acquireLock(pgliteLockPath(dataDir), dataDir);
  let pglite: import('@electric-sql/pglite').PGlite | undefined;
  try {
    const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('pglite-prisma-adapter'),
    ]);
    pglite = await PGlite.create({
      dataDir: pgliteDataDir(dataDir),
      // PostgreSQL's defaults are sized for a database server: 128 MB of shared buffers, which
      // PGlite keeps in its WebAssembly memory (it never shrinks), and 64 MB for maintenance
      // (migrations). The embedded database is small and the operating system caches its files
      // underneath, so 16 MB each: the idle server's memory drops by about 100 MB
      // (bench/capacity.bench.ts, "idle server RSS").
      startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'maintenance_work_mem=16MB'],
    });
    const db = pglite;
    const migrate = async () => {
      const { applyMigrations, pgliteMigrationAdapter } = await import('./migrate');
      return applyMigrations({
        adapterFactory: pgliteMigrationAdapter(db),
        migrationsDir: options.migrationsDir,
      });
    };
    if (options.migrate) await migrate();
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
    let closed: Promise<void> | undefined;
    const close = async () => {
      try {
        await prisma.$disconnect();
        // PGlite flushes and checkpoints on close; skipping it risks a recovery run next time.
        if (!db.closed) await db.close();
      } finally {
        await lock.release();
      }
    };
    return {
      prisma,
      kind: 'pglite',
      migrate,
      ping: (timeoutMs) => ping(prisma, timeoutMs),
      close: () => (closed ??= close()),
    };
  } catch (error) {
    if (pglite && !pglite.closed) await pglite.close().catch(() => undefined);
    await lock.release();
    throw error;
  }
}

async function ping(prisma: PrismaClient, timeoutMs = 3000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = prisma.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`.then(
    (rows) => rows[0]?.ok === 1,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------- data dir lock ----------

// PGlite has no locking of its own: two processes on one data dir corrupt it. The lock file holds
// the owner's pid; a lock whose pid is dead is stale (a crash skips release) and is taken over.

type TLock = { release(): Promise<void> };

// Data dirs this process holds: a pid check cannot tell two openers in one process apart.
const heldLocks = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLockPid(lockPath: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(lockPath, 'utf8')).trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function lockedError(pid: number, dataDir: string, lockPath: string): Error {
  return new Error(
    `another mockroom process (pid ${pid}) is using ${dataDir}; stop it, or point DATA_DIR ` +
      `elsewhere (if pid ${pid} is not mockroom, delete ${lockPath})`,
  );
}

async function acquireLock(lockPath: string, dataDir: string): Promise<TLock> {
  if (heldLocks.has(lockPath)) {
    throw new Error(`${dataDir} is already open in this process (pid ${process.pid}); close it first`);
  }
  const mine = `${process.pid}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await writeFile(lockPath, mine, { flag: 'wx' });
      heldLocks.add(lockPath);
      return {
        release: async () => {
          if (!heldLocks.delete(lockPath)) return;
          // Only remove our own lock: never one a later owner wrote after a takeover.
          if ((await readLockPid(lockPath)) === process.pid) await unlink(lockPath).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = await readLockPid(lockPath);
    // Our own pid with no lock held in this process is a previous run's (containers reuse pids).
    if (pid !== undefined && pid !== process.pid && isAlive(pid)) throw lockedError(pid, dataDir, lockPath);
    // Stale or unreadable (a crash between create and write): move it aside atomically, so that of
    // two processes taking over at once only one removes it, and check that what we moved is the
    // stale lock we judged and not a fresh one a faster process just wrote.
    const aside = `${lockPath}.${process.pid}.stale`;
    try {
      await rename(lockPath, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const movedPid = await readLockPid(aside);
    if (movedPid !== pid && movedPid !== undefined && isAlive(movedPid)) {
      // We took a live lock: put it back if the place is still free, and give up.
      await writeFile(lockPath, `${movedPid}\n`, { flag: 'wx' }).catch(() => undefined);
      await unlink(aside).catch(() => undefined);
      throw lockedError(movedPid, dataDir, lockPath);
    }
    await unlink(aside).catch(() => undefined);
  }
  throw new Error(`could not lock ${dataDir} (${lockPath} keeps changing)`);
}
