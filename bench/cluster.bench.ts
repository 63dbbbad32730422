// Capacity of three mockroom processes against one (issue 15), side by side in one run:
//
//   npm run bench -- cluster [--quick]
//
// Both variants are the production deployment shape: mockroom processes (`server/index.ts` over
// the Next build in .next, each under bench/lib/probe.ts) with REDIS_URL and DATABASE_URL set
// (a Redis started here, a fresh PostgreSQL database on TEST_DATABASE_URL's server), behind
// Debian's HAProxy with the repository's deploy/haproxy.cfg: one server line for "1 process",
// three for "3 processes". The clients (bench/lib/peer.ts, one load process) connect through the
// proxy with the interview id in the handshake URL, as browsers do, and play the realistic
// interview mix (bench/lib/load.ts REALISTIC_MIX). At each room count both variants run, in
// alternating order; the figure is the most live rooms whose fan-out p99 stays within 100 ms.
// The machine is shared and has few cores (three processes cannot use more cores than there
// are): read the ratio, not the absolute numbers. Nothing here asserts a timing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../tests/helpers/server-process';
import { createTestDatabase } from '../tests/helpers/test-db';
import { drive, openRooms, percentile, settle, type TTarget } from './lib/load';
import { Recorder } from './lib/peer';
import { mockroomFixture, ServerChild } from './lib/servers';

const QUICK = process.argv.includes('--quick');
const CONFIG = QUICK ? { counts: [25, 75], repeats: 1, warmupMs: 2000, measureMs: 4000 } : { counts: [25, 50, 100, 150, 200, 300], repeats: 2, warmupMs: 3000, measureMs: 6000 };
// `--rooms=25,50`: other room counts.
const roomsArg = process.argv.find((arg) => arg.startsWith('--rooms='));
if (roomsArg) CONFIG.counts = roomsArg.slice('--rooms='.length).split(',').map(Number);
const P99_LIMIT_MS = 100;
const HAPROXY = process.env.HAPROXY_BIN || '/usr/sbin/haproxy';
const REDIS_SERVER = process.env.REDIS_SERVER_BIN || 'redis-server';
const ROOT = path.resolve(import.meta.dirname, '..');

const log = (message: string) => console.log(`[cluster-bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);
const median = (values: number[]) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const children: ChildProcess[] = [];
const servers: ServerChild[] = [];
const cleanups: Array<() => Promise<void>> = [];

async function waitForPort(port: number, what: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const isUp = await new Promise<boolean>((resolve) => {
      const probe = connect(port, '127.0.0.1', () => (probe.end(), resolve(true)));
      probe.once('error', () => resolve(false));
    });
    if (isUp) return;
    if (Date.now() > deadline) throw new Error(`${what} did not start`);
    await sleep(50);
  }
}

/** HAProxy with deploy/haproxy.cfg, keeping only as many server lines as there are processes. */
async function startProxy(name: string, apps: ServerChild[]): Promise<string> {
  const port = await freePort();
  let config = readFileSync(path.join(ROOT, 'deploy', 'haproxy.cfg'), 'utf8');
  for (let i = apps.length + 1; i <= 3; i++) config = config.replace(new RegExp(`^ *server app${i} .*$\\n`, 'gm'), '');
  // The bench's peers never reconnect: a health check that times out on a loaded machine would
  // mark a process down and cut its sessions (on-marked-down shutdown-sessions), ending the cell
  // for reasons that are not fan-out. Checks here wait 10 s and take 5 failures.
  config = config.replace(/timeout check 2s/, 'timeout check 10s').replace(/fall 2/g, 'fall 5');
  const file = path.join(workDir, `haproxy-${name}.cfg`);
  writeFileSync(file, config);
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', MOCKROOM_PROXY_BIND: `127.0.0.1:${port}` };
  apps.forEach((app, i) => (env[`MOCKROOM_APP${i + 1}`] = `127.0.0.1:${app.port}`));
  const child = spawn(HAPROXY, ['-db', '-f', file], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  await waitForPort(port, 'haproxy');
  // HAProxy's first health checks.
  await sleep(2500);
  return `http://localhost:${port}`;
}

type TVariant = { name: string; apps: ServerChild[]; url: string; firstRoom: number };
type TVariantCell = {
  rooms: number;
  fanoutP99: number;
  fanoutP50: number;
  sent: number;
  drops: number;
  acked: number;
  /** Board sessions the server closed during the cell (a board moved, a process stopping). */
  closed: number;
  /** Board leases the variant's processes lost during the cell (not renewed in time: they stop serving). */
  leasesLost: number;
  refused: number;
  refusedSample: string[];
  cpuShare: number;
  lagP99: number;
  rssMB: number;
};

/** One cell: `count` rooms of the realistic mix through the variant's proxy; probes of every process summed. */
/** Leases lost so far by these processes (their /internal/boards, loopback). */
async function leasesLost(apps: ServerChild[]): Promise<number> {
  const reports = await Promise.all(
    apps.map(async (app) => {
      const body = (await (await fetch(`http://127.0.0.1:${app.port}/internal/boards`)).json()) as { cluster?: { lost?: number } | null };
      return body.cluster?.lost ?? 0;
    }),
  );
  return reports.reduce((a, b) => a + b, 0);
}

async function runCell(variant: TVariant, target: TTarget, count: number): Promise<TVariantCell> {
  const lostBefore = await leasesLost(variant.apps);
  const recorder = new Recorder();
  const opened = await openRooms(target, range(count, variant.firstRoom), recorder, 16, true);
  for (const peer of opened.peers) peer.arrive();
  await sleep(300);
  const stop = drive(opened.peers, 'realistic', recorder);
  await sleep(CONFIG.warmupMs);
  await Promise.all(variant.apps.map((app) => app.resetProbe()));
  recorder.start();
  await sleep(CONFIG.measureMs);
  recorder.stop();
  const stats = await Promise.all(variant.apps.map((app) => app.stats()));
  stop();
  let last = -1;
  for (let waited = 0; waited < 10_000 && recorder.received !== last; waited += 300) {
    last = recorder.received;
    await sleep(300);
  }
  for (const peer of opened.peers) peer.channel.close();
  return {
    rooms: count,
    fanoutP50: percentile(recorder.fanout, 50),
    fanoutP99: percentile(recorder.fanout, 99),
    sent: recorder.sent,
    drops: Math.max(0, recorder.sent - recorder.received),
    acked: recorder.acked,
    closed: recorder.closed,
    leasesLost: (await leasesLost(variant.apps)) - lostBefore,
    refused: opened.failures.length,
    refusedSample: [...new Set(opened.failures)].slice(0, 2),
    cpuShare: stats.reduce((sum, s) => sum + s.cpuUs / 1000 / s.wallMs, 0),
    lagP99: Math.max(...stats.map((s) => s.lagP99Ms)),
    rssMB: stats.reduce((sum, s) => sum + s.rssBytes / 2 ** 20, 0),
  };
}

const workDir = mkdtempSync(path.join(os.tmpdir(), 'mockroom-cluster-bench-'));

async function main() {
  const uptime = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  log(`${QUICK ? 'quick' : 'full'} run; ${os.cpus().length} cores, load ${uptime}; work dir ${workDir}`);
  const redisPort = await freePort();
  const redis = spawn(REDIS_SERVER, ['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  children.push(redis);
  await waitForPort(redisPort, 'redis-server');
  process.env.TEST_DATABASE_URL ||= 'postgresql://postgres@127.0.0.1:5432/postgres';
  const pg = await createTestDatabase({ kind: 'postgres', tag: 'clusterbench' });
  cleanups.push(() => pg.cleanup());

  const start = (name: string) =>
    ServerChild.start({
      kind: 'mockroom',
      dataDir: path.join(workDir, name),
      databaseUrl: pg.databaseUrl!,
      env: { REDIS_URL: `redis://127.0.0.1:${redisPort}`, INSTANCE_ID: name, TRUST_PROXY_HOPS: '1' },
    }).then(({ server }) => (servers.push(server), server));
  // The first process loads the prompt bank into the new database; then the others start.
  const solo = await start('solo');
  // One at a time: three Next servers preparing at once on a loaded machine miss the 2-minute start.
  const trio: ServerChild[] = [];
  for (const name of ['app1', 'app2', 'app3']) trio.push(await start(name));
  const maxCount = Math.max(...CONFIG.counts);
  log(`4 processes up; signing up people and creating ${2 * maxCount} interviews`);
  const fixture = await mockroomFixture(solo.url, path.join(workDir, 'fixture.json'), 2 * maxCount, 8);
  // Separate interviews for each variant: the same board never lives in both.
  const variants: TVariant[] = [
    { name: '1 process', apps: [solo], url: await startProxy('one', [solo]), firstRoom: 0 },
    { name: '3 processes', apps: trio, url: await startProxy('three', trio), firstRoom: maxCount },
  ];
  const results: Record<string, TVariantCell[]> = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (const [index, count] of CONFIG.counts.entries()) {
    for (let repeat = 0; repeat < CONFIG.repeats; repeat++) {
      // Alternating which variant goes first, so that neither always runs on a warmer machine.
      const order = (index + repeat) % 2 ? [...variants].reverse() : variants;
      for (const variant of order) {
        const target: TTarget = { server: variant.apps[0]!, fixture, url: variant.url };
        const cell = await runCell(variant, target, count);
        results[variant.name]!.push(cell);
        log(
          `${count} rooms, ${variant.name}: fan-out p50 ${cell.fanoutP50.toFixed(1)} ms p99 ${cell.fanoutP99.toFixed(1)} ms, ` +
            `event-loop lag p99 ${cell.lagP99.toFixed(1)} ms, CPU ${(cell.cpuShare * 100).toFixed(0)}% (all processes), RSS ${cell.rssMB.toFixed(0)} MB, drops ${cell.drops} of ${cell.sent} (acked ${cell.acked}), sessions closed ${cell.closed}, leases lost ${cell.leasesLost}, refused peers ${cell.refused}${cell.refused ? ` (${cell.refusedSample.join('; ')})` : ''}`,
        );
        for (const app of variant.apps) await settle(app);
      }
    }
  }

  console.log(`\nLive rooms (realistic interview mix) at fan-out p99 <= ${P99_LIMIT_MS} ms, behind HAProxy, Redis + PostgreSQL (${QUICK ? 'quick' : 'full'} run, ${os.cpus().length} cores, load before ${uptime}):`);
  console.log(`| rooms | ${variants.map((v) => `${v.name}: fan-out p99 (ms)`).join(' | ')} |`);
  console.log(`| ---: | ${variants.map(() => '---:').join(' | ')} |`);
  for (const count of CONFIG.counts) {
    const cells = variants.map((v) => results[v.name]!.filter((c) => c.rooms === count));
    console.log(`| ${count} | ${cells.map((list) => list.map((c) => c.fanoutP99.toFixed(0)).join(' / ')).join(' | ')} |`);
  }
  const capacity = variants.map((v) => {
    const passing = CONFIG.counts.filter((count) => median(results[v.name]!.filter((c) => c.rooms === count).map((c) => c.fanoutP99)) <= P99_LIMIT_MS);
    return { name: v.name, rooms: passing.length ? Math.max(...passing) : 0 };
  });
  console.log(`| capacity (most rooms within ${P99_LIMIT_MS} ms, of those tried) | ${capacity.map((c) => `${c.rooms}${c.rooms === maxCount ? '+' : ''}`).join(' | ')} |`);
  const resultsDir = path.join(ROOT, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `cluster-${new Date().toISOString().replace(/[:.]/g, '-')}${QUICK ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify({ quick: QUICK, config: CONFIG, cpus: os.cpus().length, loadBefore: uptime, loadAfter: os.loadavg(), results, capacity }, null, 2));
  log(`results in ${path.relative(ROOT, file)}`);
}

async function shutdown(code: number) {
  await Promise.allSettled(servers.map((server) => server.stop()));
  for (const child of children) child.kill('SIGTERM');
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  rmSync(workDir, { recursive: true, force: true });
  process.exit(code);
}

main().then(
  () => shutdown(0),
  (error: unknown) => {
    console.error(error);
    void shutdown(1);
  },
);
