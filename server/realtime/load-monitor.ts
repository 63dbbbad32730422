import { performance } from 'node:perf_hooks';

/**
 * How far behind this process's event loop is, from a heartbeat timer. Two uses:
 * - rate budgets judged on arrival: frames that piled up in the socket buffers while the loop
 *   was stalled arrive all at once when it resumes; the time the loop could not read (`stalledMs`)
 *   is credited to each budget, so a legitimate 30 Hz client is never refused because the server
 *   fell behind (a flood is still held to the sustained rate);
 * - visible load shedding: while the loop lags because this process is busy (`isSaturated`), new
 *   whiteboards are refused with a message instead of letting every room's edits slow down. A loop
 *   that lags because other processes hold the CPU (a shared machine, a test run) is not saturated:
 *   the loop is then mostly idle between its late timers, which event-loop utilisation shows.
 */
export type TLoadMonitor = {
  /** Milliseconds the loop could not run since it started, an ongoing stall included (never decreases). */
  stalledMs(): number;
  /** The loop has been lagging for a while: refuse new work. */
  isSaturated(): boolean;
  stop(): void;
};

export type TLoadMonitorOptions = {
  /** Heartbeat period. Default 100 ms. */
  intervalMs?: number;
  /** Heartbeats judged for saturation (a window of intervalMs x this). Default 30 (3 s). */
  window?: number;
  /** Saturated when the median lag over the window passes this... Default 100 ms. */
  saturatedLagMs?: number;
  /** ...and the median heartbeat found the loop busy more than this share of its time. Default 0.9. */
  saturatedUtilization?: number;
  now?: () => number;
};

export function createLoadMonitor(options: TLoadMonitorOptions = {}): TLoadMonitor {
  const intervalMs = options.intervalMs ?? 100;
  const window = options.window ?? 30;
  const saturatedLagMs = options.saturatedLagMs ?? 100;
  const saturatedUtilization = options.saturatedUtilization ?? 0.9;
  const now = options.now ?? (() => performance.now());
  const lags: number[] = [];
  const busy: number[] = [];
  let stalled = 0;
  let lastBeat = now();
  let lastUtilization = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const at = now();
    const lag = Math.max(0, at - lastBeat - intervalMs);
    lastBeat = at;
    stalled += lag;
    lags.push(lag);
    const utilization = performance.eventLoopUtilization();
    busy.push(performance.eventLoopUtilization(utilization, lastUtilization).utilization);
    lastUtilization = utilization;
    if (lags.length > window) lags.shift();
    if (busy.length > window) busy.shift();
  }, intervalMs);
  // Never keeps a stopping process alive.
  timer.unref();
  return {
    stalledMs: () => stalled + Math.max(0, now() - lastBeat - intervalMs),
    isSaturated: () => {
      if (lags.length < window) return false;
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
      return median(lags) > saturatedLagMs && median(busy) > saturatedUtilization;
    },
    stop: () => clearInterval(timer),
  };
}

/** A monitor that never sees the loop behind (tests and tools that do not want either behaviour). */
export const IDLE_LOAD_MONITOR: TLoadMonitor = { stalledMs: () => 0, isSaturated: () => false, stop: () => undefined };
