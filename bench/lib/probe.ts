// Loaded with `node --import tsx --import ./bench/lib/probe.ts` into every server the capacity
// bench starts (mockroom's production server, the tldraw reference, the relays), so that each is
// measured from the inside the same way: CPU time, event-loop delay, memory. The bench talks to it
// over the IPC channel of the child process; nothing here runs in production.
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

export type TProbeStats = {
  /** CPU time (user + system) since the last reset, microseconds. */
  cpuUs: number;
  wallMs: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  /** Committed bytes per V8 heap space (code, old, new, large objects...). */
  heapSpaces: Record<string, number>;
  externalBytes: number;
  /** Resident part of WebAssembly memories (PGlite's PostgreSQL), read from /proc/self/smaps. */
  wasmRssBytes: number;
  /** Whatever the server put in globalThis.__benchExtra (the reference's persist delays). */
  extra?: unknown;
};

type TProbeRequest = { id: number; type: 'reset' | 'stats' | 'profile-start' | 'profile-stop'; gc?: boolean; file?: string };

let inspector: Session | undefined;

const histogram = monitorEventLoopDelay({ resolution: 5 });
histogram.enable();
let cpuStart = process.cpuUsage();
let wallStart = performance.now();

const reply = (id: number, body: unknown) => process.send?.({ probe: id, body });

/**
 * V8 maps a WebAssembly memory as its accessible part followed at once by an inaccessible guard
 * region, several GiB in all; nothing else in a Node process looks like that. The accessible
 * part's resident pages are the memory PGlite's PostgreSQL has touched.
 */
function wasmRss(): number {
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return NaN;
  }
  const maps: Array<{ start: number; end: number; perms: string; rss: number }> = [];
  for (const line of text.split('\n')) {
    const range = /^([0-9a-f]+)-([0-9a-f]+) (\S+)/.exec(line);
    if (range) maps.push({ start: parseInt(range[1]!, 16), end: parseInt(range[2]!, 16), perms: range[3]!, rss: 0 });
    else if (line.startsWith('Rss:') && maps.length) maps[maps.length - 1]!.rss = Number(line.slice(4).trim().split(' ')[0]) * 1024;
  }
  let total = 0;
  for (let i = 0; i + 1 < maps.length; i++) {
    const [map, guard] = [maps[i]!, maps[i + 1]!];
    if (map.perms.startsWith('rw') && guard.perms.startsWith('---') && guard.start === map.end && guard.end - map.start >= 4 * 2 ** 30) total += map.rss;
  }
  return total;
}

function collect(): TProbeStats {
  const cpu = process.cpuUsage(cpuStart);
  const memory = process.memoryUsage();
  const extra = (globalThis as { __benchExtra?: () => unknown }).__benchExtra?.();
  return {
    cpuUs: cpu.user + cpu.system,
    wallMs: performance.now() - wallStart,
    lagP50Ms: histogram.percentile(50) / 1e6,
    lagP99Ms: histogram.percentile(99) / 1e6,
    lagMaxMs: histogram.max / 1e6,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    heapSpaces: Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.physical_space_size])),
    externalBytes: memory.external,
    wasmRssBytes: wasmRss(),
    ...(extra === undefined ? {} : { extra }),
  };
}

process.on('message', (raw: unknown) => {
  const message = raw as TProbeRequest;
  if (typeof message !== 'object' || message === null || typeof message.id !== 'number') return;
  if (message.type === 'reset') {
    histogram.reset();
    cpuStart = process.cpuUsage();
    wallStart = performance.now();
    (globalThis as { __benchReset?: () => void }).__benchReset?.();
    return reply(message.id, null);
  }
  if (message.type === 'profile-start') {
    inspector = new Session();
    inspector.connect();
    inspector.post('Profiler.enable', () => inspector!.post('Profiler.start', () => reply(message.id, null)));
    return;
  }
  if (message.type === 'profile-stop') {
    inspector?.post('Profiler.stop', (error, result) => {
      if (!error && message.file) writeFileSync(message.file, JSON.stringify(result.profile));
      inspector?.disconnect();
      reply(message.id, null);
    });
    return;
  }
  if (message.gc) {
    const gc = (globalThis as { gc?: () => void }).gc;
    // Twice: the first pass only finalises some objects that the second frees.
    gc?.();
    gc?.();
  }
  reply(message.id, collect());
});
// The channel must not keep a server alive that is asked to stop, and a server whose bench died
// must not outlive it.
process.channel?.unref();
process.on('disconnect', () => process.exit(0));
