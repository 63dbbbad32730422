import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { z } from 'zod';
import { freePort } from '../helpers/server-process';

// The README's production commands, run as a new user would run them: the shell block under the
// README's marker, word for word, in an empty DATA_DIR. The suite's own build (npm test's build
// leg, or `node scripts/build-if-changed.mjs`) stands for the block's `npm run build`.

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MARKER = '<!-- tests/e2e/production-start.spec.ts runs this block';

function readmeProductionBlock(): string[] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const after = readme.slice(readme.indexOf(MARKER));
  const block = /```sh\n([\s\S]*?)```/.exec(after)?.[1];
  if (readme.indexOf(MARKER) < 0 || !block) throw new Error('README.md has no production block under its marker');
  return block.split('\n').filter((line) => line.trim() !== '');
}

/**
 * The environments of the node processes running server/index.ts with this DATA_DIR (Linux /proc):
 * tsx and the process it starts, which serves.
 */
function serverEnvironments(dataDir: string): Array<Map<string, string>> {
  const found: Array<Map<string, string>> = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (path.basename(argv[0] ?? '') !== 'node' || !argv.includes('server/index.ts')) continue;
      const env = new Map(
        readFileSync(`/proc/${pid}/environ`, 'utf8')
          .split('\0')
          .filter(Boolean)
          .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)] as [string, string]),
      );
      if (env.get('DATA_DIR') === dataDir) found.push(env);
    } catch {
      // The process ended meanwhile, or is not ours to read.
    }
  }
  return found;
}

type TStarted = { output: () => string; exited: Promise<number | null>; stop: () => Promise<number | null> };

/** Runs shell lines in their own process group with only what a shell on a fresh machine has. */
function runShell(lines: string[], env: Record<string, string>): TStarted {
  const child = spawn('sh', ['-c', lines.join('\n')], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // No NODE_ENV: `npm start` sets it, as it does on a fresh machine.
    env: {
      PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      HOME: process.env.HOME ?? os.tmpdir(),
      npm_config_update_notifier: 'false',
      ...env,
    } as Partial<NodeJS.ProcessEnv> as NodeJS.ProcessEnv,
  });
  const chunks: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    output: () => chunks.join(''),
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
      return exited;
    },
  };
}

const ZHealth = z.object({ status: z.literal('ok') });

async function waitHealthy(baseURL: string, started: TStarted): Promise<void> {
  let isDone = false;
  void started.exited.then(() => (isDone = true));
  while (!isDone) {
    try {
      const response = await fetch(`${baseURL}/api/health`);
      if (response.ok) {
        ZHealth.parse(await response.json());
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`npm start exited before it served:\n${started.output()}`);
}

test("the README's production commands start a server on which a new user signs up and signs in", async ({ browser }) => {
  // An empty DATA_DIR: the first start creates, migrates and fills the embedded database (about
  // 10 s on a quiet 2-core machine).
  test.setTimeout(240_000);
  const lines = readmeProductionBlock();
  expect(lines[0]).toMatch(/^npm run build\b/);
  expect(existsSync(path.join(ROOT, '.next', 'BUILD_ID')), 'run `node scripts/build-if-changed.mjs` first').toBe(true);

  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mockroom-readme-'));
  const baseURL = `http://localhost:${port}`;
  const server = runShell(lines.slice(1), { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir });
  try {
    await waitHealthy(baseURL, server);
    // npm start limits glibc's malloc arenas (README, Configuration: MALLOC_ARENA_MAX).
    const environments = serverEnvironments(dataDir);
    expect(environments.length).toBeGreaterThan(0);
    for (const env of environments) expect(env.get('MALLOC_ARENA_MAX')).toBe('2');
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    const password = `pw-${Date.now()}-readme`;
    const email = `readme-${Date.now()}@example.test`;

    await page.goto('/sign-up');
    const signUp = page.getByRole('form', { name: 'Sign up' });
    await signUp.getByLabel('Name').fill('Readme Reader');
    await signUp.getByLabel('Email').fill(email);
    await signUp.getByLabel('Password').fill(password);
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId('signed-in-user')).toHaveText('Readme Reader');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    const signIn = page.getByRole('form', { name: 'Sign in' });
    await signIn.getByLabel('Email').fill(email);
    await signIn.getByLabel('Password').fill(password);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId('signed-in-user')).toHaveText('Readme Reader');
    await context.close();

    expect(server.output()).not.toContain(password);
    expect(server.output()).not.toMatch(/UntrustedHost|misconfigured/i);
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

/** Runs the lines and expects the server to exit without ever serving; resolves with its output. */
async function expectRefusal(lines: string[], port: number, env: Record<string, string>): Promise<string> {
  const started = runShell(lines, { ...env, PORT: String(port) });
  const served = waitHealthy(`http://localhost:${port}`, started).then(
    () => true,
    () => false,
  );
  if (await served) {
    await started.stop();
    throw new Error(`npm start served although it should have refused:\n${started.output()}`);
  }
  expect(await started.exited, started.output()).not.toBe(0);
  return started.output();
}

test("npm start refuses to start without the README's variables, naming what to set", async () => {
  test.setTimeout(120_000);
  const lines = readmeProductionBlock().slice(1);
  const startLine = lines.find((line) => /\bnpm start\b/.test(line));
  expect(startLine).toContain('AUTH_TRUST_HOST=true');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mockroom-readme-'));
  const port = await freePort();
  const env = { HOST: '127.0.0.1', DATA_DIR: dataDir };
  try {
    // The secret set, but neither AUTH_URL nor AUTH_TRUST_HOST: it would create accounts it cannot sign in.
    const untrusted = await expectRefusal(
      lines.map((line) => line.replace('AUTH_TRUST_HOST=true ', '')),
      port,
      env,
    );
    expect(untrusted).toContain('AUTH_URL: is required in production');
    expect(untrusted).toContain('AUTH_TRUST_HOST=true');

    // No AUTH_SECRET.
    const secretless = await expectRefusal(
      lines.filter((line) => !line.includes('AUTH_SECRET=')),
      port,
      env,
    );
    expect(secretless).toContain('AUTH_SECRET: is required in production');
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
