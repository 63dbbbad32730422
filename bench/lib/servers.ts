// Starting and stopping the servers the capacity bench compares, each as its own process with
// the probe loaded, and the fixture mockroom needs (signed-up people, interviews with both seats
// taken), made through mockroom's own HTTP API as a browser would.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Browserish, testUser } from '../../tests/helpers/http-client';
import { freePort } from '../../tests/helpers/server-process';
import { PROTOCOL_VERSION } from '@/lib/protocol';
import type { TProbeStats } from './probe';
import { SioClient } from './wire';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const PROBE = path.join(ROOT, 'bench', 'lib', 'probe.ts');

export type TServerKind = 'mockroom' | 'tldraw-ws' | 'tldraw-sqlite' | 'socketio-relay' | 'ws-relay';

export type TServerOptions = {
  kind: TServerKind;
  /** mockroom: DATA_DIR; tldraw-ws: where snapshots are written. */
  dataDir: string;
  databaseUrl?: string;
  /** More node flags (e.g. --cpu-prof). */
  nodeArgs?: string[];
  /** More environment for mockroom (REDIS_URL, INSTANCE_ID, ...). */
  env?: Record<string, string>;
};

/** One server process under the probe. */
export class ServerChild {
  private nextProbeId = 0;
  private readonly waiting = new Map<number, (body: unknown) => void>();
  readonly output: string[] = [];
  private exit: Promise<number | null>;

  private constructor(
    readonly options: TServerOptions,
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('message', (raw) => {
      const message = raw as { probe?: number; body?: unknown };
      if (typeof message.probe !== 'number') return;
      this.waiting.get(message.probe)?.(message.body);
      this.waiting.delete(message.probe);
    });
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    this.exit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  get url(): string {
    // Auth.js posts to `localhost` (Next rewrites loopback hosts): mockroom wants this name.
    return `http://localhost:${this.port}`;
  }

  /** Spawns the server and resolves once it answers its health check; `startupMs` is that time. */
  static async start(options: TServerOptions): Promise<{ server: ServerChild; startupMs: number }> {
    const port = await freePort();
    const started = performance.now();
    const execArgv = ['--expose-gc', ...(options.nodeArgs ?? []), '--import', 'tsx', '--import', PROBE];
    let args: string[];
    let env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NEXT_TELEMETRY_DISABLED: '1' };
    if (options.kind === 'mockroom') {
      args = [...execArgv, 'server/index.ts'];
      env = {
        ...env,
        NODE_ENV: 'production',
        // As `npm start` sets it (package.json; README, Configuration).
        MALLOC_ARENA_MAX: '2',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: options.dataDir,
        AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
        AUTH_TRUST_HOST: 'true',
        // The bench signs up its people from one address.
        SIGNUP_LIMIT_PER_HOUR: '1000000',
        ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
        ...options.env,
      };
    } else if (options.kind === 'tldraw-ws' || options.kind === 'tldraw-sqlite') {
      args = [...execArgv, 'bench/lib/reference-server.ts', String(port), options.dataDir, ...(options.kind === 'tldraw-sqlite' ? ['sqlite'] : [])];
    } else {
      args = [...execArgv, 'bench/lib/relay-server.ts', options.kind === 'socketio-relay' ? 'socketio' : 'ws', String(port)];
    }
    const child = spawn(process.execPath, args, { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const server = new ServerChild(options, child, port);
    const healthPath = options.kind === 'mockroom' ? '/api/health' : '/health';
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${options.kind} exited with ${child.exitCode}:\n${server.output.join('')}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}${healthPath}`);
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${options.kind} did not become healthy:\n${server.output.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { server, startupMs: performance.now() - started };
  }

  private ask<T>(type: 'reset' | 'stats' | 'profile-start' | 'profile-stop', gc = false, file?: string): Promise<T> {
    const id = this.nextProbeId++;
    return new Promise((resolve) => {
      this.waiting.set(id, (body) => resolve(body as T));
      this.child.send({ id, type, gc, file });
    });
  }

  /** V8's sampling profiler in the server, from now until stopProfile (which writes `file`). */
  startProfile(): Promise<void> {
    return this.ask('profile-start');
  }

  stopProfile(file: string): Promise<void> {
    return this.ask('profile-stop', false, file);
  }

  resetProbe(): Promise<void> {
    return this.ask('reset');
  }

  stats(opts: { gc?: boolean } = {}): Promise<TProbeStats> {
    return this.ask('stats', Boolean(opts.gc));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exit;
    clearTimeout(timer);
  }
}

/** A person signed in to mockroom: the cookie a browser would carry. */
export type TPerson = { cookie: string };
export type TInterview = { interviewId: string; interviewer: number; candidate: number };
export type TMockroomFixture = { people: TPerson[]; interviews: TInterview[] };

/** Runs `task` over `items` with at most `limit` at once. */
export async function pool<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index]!, index);
      }
    }),
  );
  return results;
}

/**
 * People and interviews for `interviews` rooms, made through the HTTP API (sign-up, sign-in,
 * create, accept the invite). Each person holds at most `socketsPerPerson` of the room sockets,
 * under the server's 12 sockets and 12 board joins per user. Kept in `file` beside the data
 * directory, so a server restarted on the same data reuses them.
 */
export async function mockroomFixture(url: string, file: string, interviews: number, socketsPerPerson = 6): Promise<TMockroomFixture> {
  const known: TMockroomFixture = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as TMockroomFixture) : { people: [], interviews: [] };
  if (known.interviews.length >= interviews) return known;
  const wanted = Math.max(2, Math.ceil((2 * interviews) / socketsPerPerson));
  const count = wanted + (wanted % 2);
  const fresh = await pool(Array.from({ length: Math.max(0, count - known.people.length) }), 4, async () => {
    const client = new Browserish(url);
    const user = testUser('bench');
    const created = await client.signUp(user);
    if (created.status !== 201) throw new Error(`sign-up: ${created.status} ${await created.text()}`);
    await client.signIn(user);
    if (!client.cookieHeader().includes('session-token')) throw new Error('sign-in gave no session cookie');
    return client;
  });
  const clients = [...known.people.map((person) => clientWithCookie(url, person.cookie)), ...fresh];
  const people = clients.map((client) => ({ cookie: client.cookieHeader() }));
  const prompts = (await (await clients[0]!.request('/api/prompts?kind=design')).json()) as { data: { items: Array<{ id: string }> } };
  const promptId = prompts.data.items[0]!.id;
  // Person 2i % n interviews person (2i + 1) % n: with an even n they differ, and the sockets of
  // the rooms spread evenly.
  const pairs = Array.from({ length: interviews - known.interviews.length }, (_, k) => {
    const i = known.interviews.length + k;
    return { interviewer: (2 * i) % people.length, candidate: (2 * i + 1) % people.length };
  });
  const made = await pool(pairs, 6, async ({ interviewer, candidate }) => {
    const response = await clients[interviewer]!.request('/api/interviews', { method: 'POST', json: { promptId, level: 'L5', durationMinutes: 45 } });
    const body = (await response.json()) as { data: { id: string } };
    if (response.status !== 201) throw new Error(`create interview: ${response.status} ${JSON.stringify(body)}`);
    return { interviewId: body.data.id, interviewer, candidate };
  });
  // The invite link, as the interviewer gets it in the room (a new token), then accepted by the
  // candidate. One socket per interviewer, under the server's event budget (5/s).
  const byInterviewer = new Map<number, TInterview[]>();
  for (const interview of made) byInterviewer.set(interview.interviewer, [...(byInterviewer.get(interview.interviewer) ?? []), interview]);
  await pool([...byInterviewer], 6, async ([interviewer, list]) => {
    const sio = new SioClient(url, { auth: { protocolVersion: PROTOCOL_VERSION }, cookie: people[interviewer]!.cookie });
    await sio.ready;
    for (const interview of list) {
      const answer = (await sio.emitWithAck('invite:manage', { interviewId: interview.interviewId, action: 'regenerate' })) as { ok: boolean; data?: { inviteToken: string } };
      if (!answer.ok || !answer.data) throw new Error(`invite:manage: ${JSON.stringify(answer)}`);
      const accepted = await clients[interview.candidate]!.request(`/api/invites/${answer.data.inviteToken}/accept`, { method: 'POST', json: {} });
      if (!accepted.ok) throw new Error(`accept invite: ${accepted.status} ${await accepted.text()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    sio.close();
  });
  const fixture = { people, interviews: [...known.interviews, ...made] };
  writeFileSync(file, JSON.stringify(fixture));
  return fixture;
}

function clientWithCookie(url: string, cookie: string): Browserish {
  const client = new Browserish(url);
  for (const pair of cookie.split('; ')) {
    const index = pair.indexOf('=');
    client.cookies.set(pair.slice(0, index), pair.slice(index + 1));
  }
  return client;
}
