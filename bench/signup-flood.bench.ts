// What a sign-up flood does to everyone else: /api/health latency while scripts create accounts
// as fast as they can, beside the same latency with no flood.
//
//   npx tsx bench/signup-flood.bench.ts [signups] [concurrency]
//
// Starts the production server (`npm start`'s entry over the build in .next: run `npm run build`
// first) as a child process on a fresh database, so that the bench's own client does not share
// the server's event loop. Each sign-up comes from its own address (X-Forwarded-For with
// TRUST_PROXY_HOPS=1), as a botnet's would, so the per-address sign-up limit does not stop the
// flood and what is measured is the cost of the password hashing itself. Prints health latency
// p50 / p99 / max while idle and during the flood, and the sign-ups per second.
import { performance } from 'node:perf_hooks';

import { createTestDatabase } from '../tests/helpers/test-db';
import { freePort, ServerProcess } from '../tests/helpers/server-process';

const args = process.argv.slice(2);
const SIGNUPS = Number(args[0] ?? 60);
const CONCURRENCY = Number(args[1] ?? 8);
const HEALTH_EVERY_MS = 50;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summary(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const f = (ms: number) => `${ms.toFixed(0)} ms`.padStart(8);
  return `${label.padEnd(22)} n=${String(sorted.length).padStart(4)}  p50 ${f(percentile(sorted, 50))}  p99 ${f(percentile(sorted, 99))}  max ${f(sorted.at(-1) ?? Number.NaN)}`;
}

/** Probes /api/health every HEALTH_EVERY_MS until `until` resolves; returns each round trip in ms. */
async function probeHealth(baseUrl: string, until: Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  let isDone = false;
  void until.finally(() => {
    isDone = true;
  });
  while (!isDone) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/health`);
    await response.arrayBuffer();
    samples.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, HEALTH_EVERY_MS));
  }
  return samples;
}

async function flood(baseUrl: string): Promise<{ created: number; refused: Record<number, number>; seconds: number }> {
  let next = 0;
  let created = 0;
  const refused: Record<number, number> = {};
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < SIGNUPS; i = next++) {
      const response = await fetch(`${baseUrl}/api/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: baseUrl, 'x-forwarded-for': `198.51.${Math.floor(i / 250)}.${i % 250}` },
        body: JSON.stringify({ name: `Flood ${i}`, email: `flood-${i}-${Date.now()}@bench.test`, password: 'flood-password-123' }),
      });
      await response.arrayBuffer();
      if (response.status === 201) created += 1;
      else refused[response.status] = (refused[response.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { created, refused, seconds: (performance.now() - started) / 1000 };
}

async function main() {
  const database = await createTestDatabase();
  const server = new ServerProcess(await freePort(), {
    dataDir: database.dataDir,
    databaseUrl: database.databaseUrl,
    // Every request is "from" its X-Forwarded-For address: one sign-up per address.
    env: { TRUST_PROXY_HOPS: '1' },
  });
  try {
    await server.start();
    const idle = await probeHealth(server.baseURL, new Promise((resolve) => setTimeout(resolve, 3000)));
    const flooding = flood(server.baseURL);
    const during = await probeHealth(server.baseURL, flooding);
    const result = await flooding;
    console.log(`sign-ups: ${SIGNUPS} at concurrency ${CONCURRENCY}, ${result.created} created, refused ${JSON.stringify(result.refused)}, ${(result.created / result.seconds).toFixed(1)} created/s over ${result.seconds.toFixed(1)} s`);
    console.log(summary('health, idle', idle));
    console.log(summary('health, during flood', during));
  } finally {
    await server.stop();
    await database.cleanup();
  }
}

await main();
process.exit(0);
