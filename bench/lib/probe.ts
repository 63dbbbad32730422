// Loaded with `node --import tsx --import ./bench/lib/probe.ts` into every server the capacity
// bench starts (mockroom's production server, the tldraw reference, the relays), so that each is
// measured from the inside the same way: CPU time, event-loop delay, memory. The bench talks to it
// over the IPC channel of the child process; nothing here runs in production.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export type TProbeStats = {
  /** CPU time (user + system) since the last reset, microseconds. */
  cpuUs: number;
  wallMs: number;
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  externalBytes: number;
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
    externalBytes: memory.external,
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
