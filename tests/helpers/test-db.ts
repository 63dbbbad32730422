// A private database per integration test, ready for openDatabase():
//
//   const testDb = await createTestDatabase();
//   const db = await openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir });
//   ...
//   await db.close();
//   await testDb.cleanup();
//
// PGlite by default: creating a cluster runs initdb (3-15 s), so the cluster is made, migrated and
// given the built-in prompt bank once per set of migrations and prompts (tests/helpers/global-setup.ts),
// and every test gets a copy of it: a server starting on that copy finds the bank's hash stored and
// skips loading it.
// With TEST_DATABASE_URL set, each call creates and migrates a new database on that PostgreSQL
// server instead, so parallel tests never share one.
import { createHash, randomBytes } from 'node:crypto';
import { type Dirent, existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';

import { openDatabase, pgliteDataDir } from '@/lib/db/client';
import { applyMigrations, postgresMigrationAdapter, readMigrations } from '@/lib/db/migrate';
import { loadPromptBank, promptBankHash, readPromptBank } from '@/lib/use-cases/load-prompt-bank';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const MIGRATIONS_DIR = path.join(REPO_ROOT, 'prisma', 'migrations');
export const PROMPTS_DIR = path.join(REPO_ROOT, 'prisma', 'prompts');

const TEMPLATE_PREFIX = 'mockroom-test-template-';

export type TTestDatabase = {
  kind: 'pglite' | 'postgres';
  // Set for PostgreSQL; pass it as openDatabase's databaseUrl.
  databaseUrl?: string;
  // A fresh temporary directory in both modes (PGlite's data lives in <dataDir>/pglite).
  dataDir: string;
  // Drops the database and removes dataDir. Close what you opened on it first.
  cleanup(): Promise<void>;
};

export type TCreateTestDatabaseOptions = {
  // false gives an empty database with no migration applied (for testing migrations). Default true:
  // migrated, with the built-in prompt bank loaded on PGlite (PostgreSQL: loaded by the server).
  migrated?: boolean;
  // Defaults to 'postgres' when TEST_DATABASE_URL is set, else 'pglite'. Force 'pglite' for what
  // only concerns the embedded database (e.g. its data dir lock).
  kind?: 'pglite' | 'postgres';
  // Where the data dir is made (default: the system's temporary directory).
  parentDir?: string;
  // Part of the PostgreSQL database's name, so that a run can drop the databases it made.
  tag?: string;
};

export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

export async function createTestDatabase(options: TCreateTestDatabaseOptions = {}): Promise<TTestDatabase> {
  const migrated = options.migrated ?? true;
  const adminUrl = testDatabaseUrl();
  const kind = options.kind ?? (adminUrl ? 'postgres' : 'pglite');
  const parentDir = options.parentDir ?? os.tmpdir();
  if (kind === 'pglite') return createPgliteDatabase(migrated, parentDir);
  if (!adminUrl) throw new Error('a PostgreSQL test database needs TEST_DATABASE_URL');
  return createPostgresDatabase(adminUrl, migrated, parentDir, options.tag);
}

// ---------- PGlite ----------

async function createPgliteDatabase(migrated: boolean, parentDir: string): Promise<TTestDatabase> {
  const templates = await ensurePgliteTemplates();
  const template = migrated ? templates.migrated : templates.empty;
  const dataDir = await mkdtemp(path.join(parentDir, 'mockroom-test-db-'));
  await copyDir(pgliteDataDir(template), pgliteDataDir(dataDir));
  return {
    kind: 'pglite',
    dataDir,
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

// The cluster is ~40 MB in ~1000 files. Measured on a 2-core machine under load, per copy:
// this ~0.65 s, fs.cp ~1.1 s (one file at a time), `cp -r` ~0.85 s, and PGlite's
// dumpDataDir/loadDataDir ~1.3 s (it also opens the database). Copy-on-write clones
// (COPYFILE_FICLONE) only made it slower on ext4.
async function copyDir(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { withFileTypes: true, recursive: true });
  const odd = entries.find((entry) => !entry.isFile() && !entry.isDirectory());
  if (odd) throw new Error(`copyDir copies only files and directories, found ${path.join(odd.parentPath, odd.name)}`);
  const relative = (entry: Dirent) => path.relative(from, path.join(entry.parentPath, entry.name));
  const dirs = entries.filter((entry) => entry.isDirectory()).map(relative);
  // Parents sort before their children, so each mkdir finds its parent made.
  for (const dir of ['', ...dirs.sort()]) await mkdir(path.join(to, dir), { recursive: true });
  const files = entries.filter((entry) => entry.isFile()).map(relative);
  let next = 0;
  const worker = async () => {
    for (let file = files[next++]; file !== undefined; file = files[next++]) {
      await copyFile(path.join(from, file), path.join(to, file));
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

export type TPgliteTemplates = { empty: string; migrated: string };

// Names change with the PGlite version (its on-disk format), the migrations and the prompt bank, so
// a stale template is never reused; several test runs may share one.
async function templateKeys(): Promise<{ empty: string; migrated: string }> {
  const pglitePkg = await packageJsonOf('@electric-sql/pglite');
  const list = await readMigrations(MIGRATIONS_DIR);
  const emptyKey = createHash('sha256').update(`pglite ${pglitePkg.version}`).digest('hex').slice(0, 16);
  const hash = createHash('sha256').update(emptyKey);
  for (const dir of list.migrationDirectories) {
    const content = dir.migrationFile.content;
    hash.update(`\0${dir.path}\0${content.tag === 'ok' ? content.value : '<missing>'}`);
  }
  hash.update(`\0prompts\0${promptBankHash(await readPromptBank(PROMPTS_DIR))}`);
  return { empty: `empty-${emptyKey}`, migrated: hash.digest('hex').slice(0, 16) };
}

// The package does not export its package.json: walk up from its entry point instead.
async function packageJsonOf(name: string): Promise<{ version: string }> {
  let dir = path.dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(await readFile(candidate, 'utf8')) as { name?: string; version: string };
      if (pkg.name === name) return pkg;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json of ${name} not found`);
    dir = parent;
  }
}

function isComplete(templateDir: string): boolean {
  return existsSync(path.join(pgliteDataDir(templateDir), 'PG_VERSION'));
}

// Builds beside the final name and renames into place, so a template is either complete or absent
// and concurrent builders (workers without global setup, parallel runs) cannot see half of one.
async function buildTemplate(finalDir: string, fill: (dataDir: string) => Promise<void>): Promise<void> {
  if (isComplete(finalDir)) return;
  const building = `${finalDir}.building-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(building, { recursive: true });
    await fill(building);
    await rename(building, finalDir).catch((error: unknown) => {
      // Someone else finished first: theirs is as good as ours. Never delete a template here:
      // another worker may be copying it.
      if (isComplete(finalDir)) return;
      throw new Error(`cannot create ${finalDir} (delete it if it is a broken template)`, { cause: error });
    });
  } finally {
    await rm(building, { recursive: true, force: true });
  }
}

let templatesPromise: Promise<TPgliteTemplates> | undefined;

export function ensurePgliteTemplates(): Promise<TPgliteTemplates> {
  templatesPromise ??= (async () => {
    const keys = await templateKeys();
    const empty = path.join(os.tmpdir(), TEMPLATE_PREFIX + keys.empty);
    const migrated = path.join(os.tmpdir(), TEMPLATE_PREFIX + keys.migrated);
    await buildTemplate(empty, async (dataDir) => {
      // Opening a missing data dir runs initdb; nothing else is done to it.
      const db = await openDatabase({ dataDir, migrate: false });
      await db.close();
    });
    await buildTemplate(migrated, async (dataDir) => {
      await copyDir(pgliteDataDir(empty), pgliteDataDir(dataDir));
      const db = await openDatabase({ dataDir, migrate: true, migrationsDir: MIGRATIONS_DIR });
      try {
        await loadPromptBank(db.prisma, { dir: PROMPTS_DIR });
      } finally {
        await db.close();
      }
    });
    return { empty, migrated };
  })();
  templatesPromise.catch(() => {
    templatesPromise = undefined;
  });
  return templatesPromise;
}

// Removes templates of other migration sets that nobody has touched for a day (each is ~40 MB).
export async function pruneStaleTemplates(keep: TPgliteTemplates): Promise<void> {
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  const tmp = os.tmpdir();
  for (const name of await readdir(tmp)) {
    if (!name.startsWith(TEMPLATE_PREFIX)) continue;
    const dir = path.join(tmp, name);
    if (dir === keep.empty || dir === keep.migrated) continue;
    const info = await stat(dir).catch(() => undefined);
    if (info && info.mtimeMs < dayAgo) await rm(dir, { recursive: true, force: true });
  }
}

// ---------- PostgreSQL ----------

const POSTGRES_PREFIX = 'mockroom_test_';

/** Drops every database that createTestDatabase made with this tag (the run's shared servers'). */
export async function dropTaggedDatabases(adminUrl: string, tag: string): Promise<void> {
  await withAdmin(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [
      `${POSTGRES_PREFIX}${tag}_`,
    ]);
    for (const { datname } of rows) {
      if (/^[a-z0-9_]+$/.test(datname)) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  });
}

function workerId(): string {
  return process.env.VITEST_POOL_ID ?? process.env.TEST_WORKER_INDEX ?? process.env.VITEST_WORKER_ID ?? '0';
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function createPostgresDatabase(adminUrl: string, migrated: boolean, parentDir: string, tag?: string): Promise<TTestDatabase> {
  // Lower-case letters, digits and underscores only, so the name needs no quoting anywhere.
  const name = `${POSTGRES_PREFIX}${tag ? `${tag}_` : ''}${workerId()}_${randomBytes(6).toString('hex')}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`bad test database name ${name}`);
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const databaseUrl = withDatabase(adminUrl, name);
  const dataDir = await mkdtemp(path.join(parentDir, 'mockroom-test-db-'));
  const cleanup = async () => {
    // FORCE ends connections a test left open, which would otherwise block the drop (PG 13+).
    await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    if (migrated) {
      await applyMigrations({
        adapterFactory: postgresMigrationAdapter(databaseUrl),
        migrationsDir: MIGRATIONS_DIR,
      });
    }
  } catch (error) {
    await cleanup().catch(() => undefined);
    throw error;
  }
  return { kind: 'postgres', databaseUrl, dataDir, cleanup };
}

// Fails the run at once, with the reason, when TEST_DATABASE_URL does not answer.
export async function checkTestDatabaseUrl(adminUrl: string): Promise<void> {
  try {
    await withAdmin(adminUrl, (client) => client.query('SELECT 1'));
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL (${adminUrl}) does not answer: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
