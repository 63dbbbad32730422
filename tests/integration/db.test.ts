// The database layer against a real database: PGlite by default, PostgreSQL when
// TEST_DATABASE_URL is set (the data dir lock tests always use PGlite, the only kind it guards).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';

import { openDatabase, pgliteDataDir, pgliteLockPath, type TDatabase } from '@/lib/db/client';
import { createMigration, diffMigration } from '@/lib/db/migrate';
import { createTestDatabase, MIGRATIONS_DIR, REPO_ROOT, type TTestDatabase, testDatabaseUrl } from '../helpers/test-db';

const SCHEMA_PATH = path.join(REPO_ROOT, 'prisma', 'schema.prisma');
const expectedKind = testDatabaseUrl() ? 'postgres' : 'pglite';

// Cleaned up after each test, in reverse order, even when it fails.
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.().catch(() => undefined);
});

async function testDatabase(options?: Parameters<typeof createTestDatabase>[0]): Promise<TTestDatabase> {
  const testDb = await createTestDatabase(options);
  cleanups.push(() => testDb.cleanup());
  return testDb;
}

async function open(
  testDb: TTestDatabase,
  { migrate = false, migrationsDir = MIGRATIONS_DIR }: { migrate?: boolean; migrationsDir?: string } = {},
): Promise<TDatabase> {
  const db = await openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir, migrate, migrationsDir });
  cleanups.push(() => db.close());
  return db;
}

/**
 * A shadow database for a diff, from a copy of the empty PGlite template: diffMigration's own
 * in-memory shadow runs initdb each time (seconds; 10 s and more on a busy machine), and one test
 * below keeps that default.
 */
async function templateShadow(): Promise<PGlite> {
  const testDb = await testDatabase({ migrated: false, kind: 'pglite' });
  const { PGlite } = await import('@electric-sql/pglite');
  const shadow = await PGlite.create({ dataDir: pgliteDataDir(testDb.dataDir) });
  cleanups.push(() => shadow.close());
  return shadow;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mockroom-db-test-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function migrationNames(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

type TMigrationRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
};

async function migrationRows(db: TDatabase): Promise<TMigrationRow[]> {
  return db.prisma.$queryRaw<TMigrationRow[]>`
    SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs
    FROM _prisma_migrations ORDER BY migration_name`;
}

async function tableExists(db: TDatabase, table: string): Promise<boolean> {
  const rows = await db.prisma.$queryRaw<{ found: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM information_schema.tables
                   WHERE table_schema = 'public' AND table_name = ${table}) AS found`;
  return rows[0]?.found === true;
}

describe('migrations', () => {
  it('apply on a fresh database and record rows that native prisma migrate accepts', async () => {
    const names = migrationNames(MIGRATIONS_DIR);
    expect(names.length).toBeGreaterThan(0);
    expect(names[0]).toMatch(/^\d{14}_init$/);

    const db = await open(await testDatabase({ migrated: false }));
    expect(db.kind).toBe(expectedKind);
    expect(await tableExists(db, 'User')).toBe(false);

    expect(await db.migrate()).toEqual({ applied: names });
    expect(await tableExists(db, 'User')).toBe(true);
    expect(await tableExists(db, 'Scorecard')).toBe(true);

    const rows = await migrationRows(db);
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const row of rows) {
      expect(row.checksum).toBe(sha256(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql')));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }

    // A second run finds nothing to do and leaves the history alone.
    expect(await db.migrate()).toEqual({ applied: [] });
    expect(await migrationRows(db)).toEqual(rows);
  });

  it('stop at a failing migration with its PostgreSQL error, leaving none of it applied', async () => {
    const migrationsDir = await tempDir();
    await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    const okName = '29990101000000_function_with_semicolons';
    const badName = '29990101000001_broken';
    await mkdir(path.join(migrationsDir, okName));
    // `;` inside a function body and a string: a script split on `;` would break here.
    await writeFile(
      path.join(migrationsDir, okName, 'migration.sql'),
      `CREATE FUNCTION mockroom_test_fn() RETURNS text AS $$
BEGIN
  RETURN 'a;b';
END;
$$ LANGUAGE plpgsql;
INSERT INTO "RateLimit" ("key", "count", "windowStartMs") VALUES ('x;y', 1, 0);
`,
    );
    await mkdir(path.join(migrationsDir, badName));
    await writeFile(
      path.join(migrationsDir, badName, 'migration.sql'),
      'CREATE TABLE "HalfDone" (id int);\nALTER TABLE "NoSuchTable" ADD COLUMN x int;\n',
    );

    const db = await open(await testDatabase({ migrated: false }), { migrationsDir });
    await expect(db.migrate()).rejects.toThrow(/NoSuchTable/);

    const rows = await migrationRows(db);
    expect(rows.map((row) => [row.migration_name, row.finished_at !== null])).toEqual([
      ...migrationNames(MIGRATIONS_DIR).map((name) => [name, true]),
      [okName, true],
      [badName, false],
    ]);
    expect(rows.at(-1)?.logs).toMatch(/NoSuchTable/);
    // The whole script ran as one implicit transaction: the table before the error is gone too.
    expect(await tableExists(db, 'HalfDone')).toBe(false);
    const fn = await db.prisma.$queryRaw<{ value: string }[]>`SELECT mockroom_test_fn() AS value`;
    expect(fn).toEqual([{ value: 'a;b' }]);
    const attempts = await db.prisma.rateLimit.findMany({ select: { key: true } });
    expect(attempts).toEqual([{ key: 'x;y' }]);
  });
});

describe('openDatabase', () => {
  it('round-trips a User row and answers ping()', async () => {
    const db = await open(await testDatabase(), { migrate: true });
    expect(db.kind).toBe(expectedKind);
    expect(await db.ping()).toBe(true);

    const email = `round-trip-${Date.now()}@example.test`;
    const created = await db.prisma.user.create({ data: { email, name: 'Ada', sessionEpoch: 3 } });
    expect(created.id).toMatch(/^c[a-z0-9]{20,}$/);

    const found = await db.prisma.user.findUniqueOrThrow({ where: { email } });
    expect(found).toMatchObject({ id: created.id, email, name: 'Ada', sessionEpoch: 3, passwordHash: null });
    expect(found.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(found.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await db.prisma.user.count()).toBe(1);
  });

  it('connects lazily: an unreachable PostgreSQL opens, and ping() answers false without throwing', async () => {
    const db = await openDatabase({
      databaseUrl: 'postgresql://postgres@127.0.0.1:1/nothing',
      dataDir: await tempDir(),
    });
    cleanups.push(() => db.close());
    expect(db.kind).toBe('postgres');
    expect(await db.ping(2000)).toBe(false);
  });
});

describe('PGlite data dir lock', () => {
  it('refuses a second opener in this process until the first closes', async () => {
    const testDb = await testDatabase({ kind: 'pglite' });
    const lockPath = pgliteLockPath(testDb.dataDir);

    const first = await openDatabase({ dataDir: testDb.dataDir });
    cleanups.push(() => first.close());
    expect((await readFile(lockPath, 'utf8')).trim()).toBe(String(process.pid));

    await expect(openDatabase({ dataDir: testDb.dataDir })).rejects.toThrow(
      `${testDb.dataDir} is already open in this process (pid ${process.pid})`,
    );
    // The refused opener must not have released the first one's lock.
    expect(existsSync(lockPath)).toBe(true);

    await first.close();
    expect(existsSync(lockPath)).toBe(false);

    const second = await openDatabase({ dataDir: testDb.dataDir });
    cleanups.push(() => second.close());
    expect(await second.ping()).toBe(true);
  });

  it('refuses while another process holds it and takes over once that process dies', async () => {
    const testDb = await testDatabase({ kind: 'pglite' });
    const lockPath = pgliteLockPath(testDb.dataDir);

    const child = await startHolder(testDb.dataDir);
    expect((await readFile(lockPath, 'utf8')).trim()).toBe(String(child.pid));
    await expect(openDatabase({ dataDir: testDb.dataDir })).rejects.toThrow(
      `another mockroom process (pid ${child.pid}) is using ${testDb.dataDir}`,
    );

    // A crash skips the release: the lock stays behind with a dead pid.
    await kill(child);
    expect((await readFile(lockPath, 'utf8')).trim()).toBe(String(child.pid));

    const db = await openDatabase({ dataDir: testDb.dataDir });
    cleanups.push(() => db.close());
    expect((await readFile(lockPath, 'utf8')).trim()).toBe(String(process.pid));
    expect(await db.ping()).toBe(true);
    // The holder wrote a row before it was killed; PGlite recovered it.
    expect(await db.prisma.user.count({ where: { email: 'holder@example.test' } })).toBe(1);
  });
});

// A second mockroom process: opens the data dir, writes a row, says "ready" and waits.
async function startHolder(dataDir: string): Promise<ChildProcess> {
  const clientModule = path.join(REPO_ROOT, 'lib', 'db', 'client.ts');
  const code = `
    const { openDatabase } = await import(${JSON.stringify(clientModule)});
    const db = await openDatabase({ dataDir: ${JSON.stringify(dataDir)} });
    await db.prisma.user.create({ data: { email: 'holder@example.test' } });
    console.log('ready');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => kill(child));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`holder did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`holder exited with ${code}:\n${output}`));
    });
  });
  return child;
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('db:diff', () => {
  it('reports no changes between the migrations and schema.prisma', async () => {
    expect(await diffMigration({ migrationsDir: MIGRATIONS_DIR, schemaPath: SCHEMA_PATH })).toEqual({
      changed: false,
      sql: '',
    });
  });

  it('writes a migration for a schema change, and then reports no changes', async () => {
    const dir = await tempDir();
    const migrationsDir = path.join(dir, 'migrations');
    await cp(MIGRATIONS_DIR, migrationsDir, { recursive: true });
    await rm(path.join(migrationsDir, 'migration_lock.toml'));
    const schemaPath = path.join(dir, 'schema.prisma');
    const schema = await readFile(SCHEMA_PATH, 'utf8');
    await writeFile(schemaPath, `${schema}\nmodel DiffProbe {\n  id    Int    @id\n  label String\n}\n`);

    const now = new Date(Date.UTC(2999, 0, 2, 3, 4, 5));
    const created = await createMigration({ name: 'add diff probe', migrationsDir, schemaPath, now, shadow: await templateShadow() });
    const expectedPath = path.join(migrationsDir, '29990102030405_add_diff_probe', 'migration.sql');
    expect(created).toMatchObject({ created: true, name: '29990102030405_add_diff_probe', path: expectedPath });
    const sql = await readFile(expectedPath, 'utf8');
    expect(sql).toContain('CREATE TABLE "DiffProbe"');
    expect(sql).toContain('"label" TEXT NOT NULL');
    expect(sql).not.toContain('"User"');
    expect(await readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8')).toContain(
      'provider = "postgresql"',
    );

    const again = await createMigration({ name: 'nothing', migrationsDir, schemaPath, shadow: await templateShadow() });
    expect(again).toEqual({ created: false });
    expect(migrationNames(migrationsDir)).toEqual([
      ...migrationNames(MIGRATIONS_DIR),
      '29990102030405_add_diff_probe',
    ]);
  });
});
