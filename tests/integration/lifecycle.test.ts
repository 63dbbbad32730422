import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveAuthSecret } from '@/server/auth-secret';
import { createTestDatabase, REPO_ROOT, testDatabaseUrl, type TTestDatabase } from '../helpers/test-db';
import { freePort, ServerProcess } from '../helpers/server-process';

const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function database(): Promise<TTestDatabase> {
  const db = await createTestDatabase();
  cleanups.push(() => db.cleanup());
  return db;
}

describe('the server process (npm start entry)', () => {
  it('stops gracefully on SIGTERM with exit code 0, releases the data dir and starts again', async () => {
    const db = await database();
    const server = new ServerProcess(await freePort(), { dataDir: db.dataDir, databaseUrl: db.databaseUrl });
    cleanups.push(() => server.stop());
    await server.start();
    expect((await fetch(`${server.baseURL}/api/health`)).status).toBe(200);
    if (!db.databaseUrl) expect(existsSync(path.join(db.dataDir, 'pglite.lock'))).toBe(true);

    expect(await server.stop()).toBe(0);
    expect(server.logs()).toContain('SIGTERM: shutting down');
    expect(server.logs()).toContain('stopped');
    expect(existsSync(path.join(db.dataDir, 'pglite.lock'))).toBe(false);
    await expect(fetch(`${server.baseURL}/api/health`)).rejects.toThrow();

    await server.start();
    expect((await fetch(`${server.baseURL}/api/health`)).status).toBe(200);
    // The prompt files have not changed since the last start: nothing is loaded again.
    expect(server.logs()).toContain('prompt bank: unchanged since the last load');
    expect(await server.stop()).toBe(0);
  });

  it.skipIf(Boolean(testDatabaseUrl()))('refuses to open an embedded data dir that another process is using', async () => {
    const db = await database();
    const first = new ServerProcess(await freePort(), { dataDir: db.dataDir });
    cleanups.push(() => first.stop());
    await first.start();
    const second = new ServerProcess(await freePort(), { dataDir: db.dataDir });
    const { code, output } = await second.startExpectingExit();
    expect(code).toBe(1);
    expect(output).toMatch(/another mockroom process \(pid \d+\) is using/);
    // The first keeps serving.
    expect((await fetch(`${first.baseURL}/api/health`)).status).toBe(200);
    await first.stop();
  });

  it('refuses to start in production without AUTH_SECRET, naming the variable', async () => {
    const db = await database();
    const server = new ServerProcess(await freePort(), { dataDir: db.dataDir, env: { AUTH_SECRET: '' } });
    const { code, output } = await server.startExpectingExit();
    expect(code).toBe(1);
    expect(output).toContain('AUTH_SECRET: is required in production');
  });
});

describe('development auth secret', () => {
  it('is generated once into DATA_DIR/auth-secret with mode 0600 and reused', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mockroom-secret-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const first = await resolveAuthSecret({ DATA_DIR: dataDir, AUTH_SECRET: undefined });
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDir, 'auth-secret');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await resolveAuthSecret({ DATA_DIR: dataDir, AUTH_SECRET: undefined })).toBe(first);
    expect((await readFile(file, 'utf8')).trim()).toBe(first);
    expect(await resolveAuthSecret({ DATA_DIR: dataDir, AUTH_SECRET: 'x'.repeat(40) })).toBe('x'.repeat(40));
  });
});

describe.runIf(Boolean(testDatabaseUrl()))('PostgreSQL via DATABASE_URL', () => {
  it('`npm run db:migrate` then start: runs on PostgreSQL and creates no embedded database', async () => {
    const db = await createTestDatabase({ migrated: false });
    cleanups.push(() => db.cleanup());
    const migrate = spawnSync('npm', ['run', 'db:migrate'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: db.databaseUrl, DATA_DIR: db.dataDir },
      encoding: 'utf8',
    });
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/applied \d+ migration/);
    expect(migrate.stdout).toMatch(/prompt bank: \d+ built-in prompts loaded/);

    const server = new ServerProcess(await freePort(), { dataDir: db.dataDir, databaseUrl: db.databaseUrl });
    cleanups.push(() => server.stop());
    await server.start();
    expect(server.logs()).toContain('prompt bank: unchanged since the last load');
    const health = (await (await fetch(`${server.baseURL}/api/health`)).json()) as { database: { kind: string } };
    expect(health.database.kind).toBe('postgres');
    expect(existsSync(path.join(db.dataDir, 'pglite'))).toBe(false);
    expect(await server.stop()).toBe(0);
  });
});
