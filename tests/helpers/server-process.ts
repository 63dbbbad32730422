import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export type TServerProcessOptions = { dataDir: string; databaseUrl?: string; env?: Record<string, string> };

/** The AUTH_SECRET of a ServerProcess unless its env overrides it. */
export const SERVER_PROCESS_AUTH_SECRET = 'e2e-secret-e2e-secret-e2e-secret-e2e-secret';

/** A free TCP port on loopback (kept for the life of a worker so restarts reuse the URL). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The production server (`npm start`'s entry, over the build in .next) as a child process that a
 * test can stop gracefully (SIGTERM) and start again on the same port and database.
 */
export class ServerProcess {
  private child: ChildProcess | null = null;
  private output: string[] = [];

  constructor(
    readonly port: number,
    private readonly options: TServerProcessOptions,
  ) {}

  get baseURL(): string {
    // Auth.js posts to `localhost` (Next rewrites loopback hosts): use it, not 127.0.0.1.
    return `http://localhost:${this.port}`;
  }

  /** Starts the server and waits until /api/health answers 200. */
  async start(): Promise<void> {
    this.spawn();
    await Promise.race([this.waitHealthy(), this.exited()]);
  }

  /** Starts the server and resolves with its exit code and output (for a start that must fail). */
  async startExpectingExit(): Promise<{ code: number | null; output: string }> {
    const child = this.spawn();
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    this.child = null;
    return { code, output: this.logs() };
  }

  private exited(): Promise<never> {
    const child = this.child!;
    return new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${this.output.join('')}`))),
    );
  }

  private spawn(): ChildProcess {
    if (this.child) throw new Error('server already running');
    this.output = [];
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        PORT: String(this.port),
        HOST: '127.0.0.1',
        DATA_DIR: this.options.dataDir,
        AUTH_SECRET: SERVER_PROCESS_AUTH_SECRET,
        AUTH_TRUST_HOST: 'true',
        // Every test user signs up from 127.0.0.1.
        SIGNUP_LIMIT_PER_HOUR: '100000',
        ...(this.options.databaseUrl ? { DATABASE_URL: this.options.databaseUrl } : {}),
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    return child;
  }

  get isRunning(): boolean {
    return this.child !== null;
  }

  /** SIGTERM, as an orchestrator would; resolves with the exit code. */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child) return null;
    this.child = null;
    if (child.exitCode !== null) return child.exitCode;
    const code = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    child.kill('SIGTERM');
    return code;
  }

  /** SIGKILL: the process dies at once, as in a crash (no shutdown handler runs). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  logs(): string {
    return this.output.join('');
  }

  private async waitHealthy(): Promise<void> {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${this.baseURL}/api/health`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`server did not become healthy:\n${this.output.join('')}`);
  }
}
