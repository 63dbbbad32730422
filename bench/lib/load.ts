// Opening rooms on each kind of server and driving their peers: the workloads of the capacity
// bench and one measurement cell (connect, warm up, measure, drain, close).
import { randomUUID } from 'node:crypto';
import { PROTOCOL_VERSION, ROUTING_QUERY_PARAM } from '@/lib/protocol';
import { BoardPeer, Recorder } from './peer';
import type { ServerChild, TMockroomFixture } from './servers';
import { pool } from './servers';
import { SioClient, wsChannel, type TChannel } from './wire';

/**
 * A server to load. `url`: where clients connect when not straight to `server` (a proxy in front
 * of several mockroom processes: bench/cluster.bench.ts).
 */
export type TTarget = { server: ServerChild; fixture?: TMockroomFixture; url?: string };
export type TWorkload = 'drag' | 'realistic' | 'none';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens one peer of room `room` (an index into the fixture's interviews for mockroom). */
/**
 * Like openPeer, but a board refused because the server is at capacity (mockroom's load shedding)
 * is asked for again a second later, as the browser does after its pause: for setting rooms up
 * and for reopening them, where the time until every room is open is what counts.
 */
export async function openPeerPatiently(target: TTarget, room: number, side: 0 | 1, recorder: Recorder, name?: string): Promise<BoardPeer> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await openPeer(target, room, side, recorder, name);
    } catch (error) {
      const refusal = (error as { refusal?: { code?: string } }).refusal;
      if (refusal?.code !== 'rate_limited' || attempt >= 120) throw error;
      recorder.shed++;
      await sleep(1000);
    }
  }
}

export async function openPeer(target: TTarget, room: number, side: 0 | 1, recorder: Recorder, name = `r${room}${side ? 'b' : 'a'}`): Promise<BoardPeer> {
  const { server } = target;
  const port = server.port;
  let channel: TChannel;
  switch (server.options.kind) {
    case 'mockroom': {
      const interview = target.fixture!.interviews[room]!;
      const person = target.fixture!.people[side === 0 ? interview.interviewer : interview.candidate]!;
      // The interview id in the handshake URL, as the browser sends it (a proxy hashes on it).
      const sio = new SioClient(target.url ?? server.url, { auth: { protocolVersion: PROTOCOL_VERSION }, cookie: person.cookie, query: { [ROUTING_QUERY_PARAM]: interview.interviewId } });
      sio.on('board:refused', () => recorder.refusals++);
      sio.on('board:closed', () => recorder.closed++);
      try {
        await sio.ready;
        const joined = (await sio.emitWithAck('board:join', { interviewId: interview.interviewId })) as { ok: boolean; error?: { code: string; message: string } };
        if (!joined.ok) throw Object.assign(new Error(`board:join refused: ${joined.error?.code} ${joined.error?.message}`), { refusal: joined.error });
      } catch (error) {
        sio.close();
        throw error;
      }
      channel = sio.channel();
      break;
    }
    case 'tldraw-ws':
    case 'tldraw-sqlite':
      channel = await wsChannel(`ws://127.0.0.1:${port}/connect/room-${room}?sessionId=${randomUUID()}`);
      break;
    case 'socketio-relay': {
      const sio = new SioClient(`http://127.0.0.1:${port}`, { auth: { room: `room-${room}` } });
      await sio.ready;
      channel = sio.channel();
      break;
    }
    case 'ws-relay':
      channel = await wsChannel(`ws://127.0.0.1:${port}/room-${room}`);
      break;
  }
  const peer = new BoardPeer(channel, server.options.kind === 'socketio-relay' || server.options.kind === 'ws-relay' ? 'relay' : 'tldraw', name, recorder);
  try {
    await peer.connect();
  } catch (error) {
    channel.close();
    throw error;
  }
  return peer;
}

export type TOpenedRooms = { peers: BoardPeer[]; failures: string[]; openMs: number };

/** Both peers of every room, `limit` connections at a time. A refused peer is counted, not fatal. */
export async function openRooms(target: TTarget, rooms: readonly number[], recorder: Recorder, limit = 16, isPatient = false): Promise<TOpenedRooms> {
  const started = performance.now();
  const failures: string[] = [];
  const slots = rooms.flatMap((room) => [0, 1].map((side) => ({ room, side: side as 0 | 1 })));
  const opened = await pool(slots, limit, async ({ room, side }) => {
    try {
      return await (isPatient ? openPeerPatiently : openPeer)(target, room, side, recorder);
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String((error as { message?: string }).message ?? error));
      return null;
    }
  });
  // A room that lost one of its peers has nobody to measure its fan-out: it is left out (and its
  // refused peer counted), or its pushes would count as drops.
  const peers: BoardPeer[] = [];
  for (let i = 0; i < opened.length; i += 2) {
    const [a, b] = [opened[i], opened[i + 1]];
    if (a && b) peers.push(a, b);
    else (a ?? b)?.channel.close();
  }
  return { peers, failures, openMs: performance.now() - started };
}

/**
 * Drives peers at tldraw's frame rate (30 pushes/s while something moves). `drag`: every peer
 * drags its shape all the time (the transport comparison's worst case). `realistic`: see
 * REALISTIC_MIX. A ping every 5 s from every peer, as tldraw's client sends.
 */
export function drive(peers: readonly BoardPeer[], workload: TWorkload, recorder: Recorder): () => void {
  if (workload === 'none') return () => undefined;
  const period = 1000 / 30;
  const start = performance.now();
  const state = peers.map((peer, i) => ({
    peer,
    isCandidate: i % 2 === 1,
    nextAt: start + Math.random() * period,
    nextPingAt: start + Math.random() * 5000,
    // Each room its own moment in the cycle, so that bursts do not line up.
    offset: Math.random() * REALISTIC_MIX.cycleMs,
    wasStroking: false,
  }));
  const timer = setInterval(() => {
    const now = performance.now();
    for (const s of state) {
      if (now >= s.nextPingAt) {
        s.peer.ping();
        s.nextPingAt += 5000;
      }
      if (now < s.nextAt) continue;
      s.nextAt += period;
      if (now - s.nextAt > 100) {
        recorder.lateTicks++;
        s.nextAt = now + period;
      }
      if (workload === 'drag') {
        s.peer.drag();
        continue;
      }
      const phase = (now - start + s.offset) % REALISTIC_MIX.cycleMs;
      if (s.isCandidate) {
        const isStroking = phase < REALISTIC_MIX.strokeMs;
        if (isStroking && !s.wasStroking) s.peer.startStroke();
        else if (isStroking) s.peer.stroke();
        else if (phase < REALISTIC_MIX.strokeMs + REALISTIC_MIX.dragMs) s.peer.drag();
        s.wasStroking = isStroking;
      } else if (phase < REALISTIC_MIX.pointMs) {
        s.peer.point();
      }
    }
  }, 2);
  return () => clearInterval(timer);
}

/**
 * One interview room's traffic, per 20-s cycle with a random phase per room: the candidate draws a
 * 4-s freehand stroke (30 pushes/s, 340-640 B as the path grows), then drags a box for 2 s
 * (30/s, ~260 B), then talks for 14 s (only tldraw's ping every 5 s); the interviewer points with
 * the cursor for 8 s of every 20 (30/s, ~180 B) and listens the rest. Why: tldraw's client sends
 * 30 frames a second whenever a pointer moves and nothing otherwise, so a room's load is the share
 * of time someone's pointer moves. In a system-design interview the candidate draws boxes and
 * arrows in bursts while explaining, and the interviewer mostly listens and points. That is
 * 21 pushes/s per room, about a third of the two-peers-dragging worst case (60/s).
 */
export const REALISTIC_MIX = { cycleMs: 20_000, strokeMs: 4000, dragMs: 2000, pointMs: 8000 };

export type TCellResult = {
  rooms: number;
  peers: number;
  connectFailures: number;
  failureSample: string[];
  openMs: number;
  sent: number;
  received: number;
  drops: number;
  acked: number;
  discarded: number;
  refusals: number;
  closed: number;
  lateTicks: number;
  fanoutP50: number;
  fanoutP99: number;
  ackP50: number;
  ackP99: number;
  cpuUsPerPush: number;
  cpuShare: number;
  lagP99: number;
  lagMax: number;
  rssMB: number;
  persistP50?: number;
  persistP99?: number;
};

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Opens the rooms, drives them, measures a window, drains, closes. */
export async function runCell(
  target: TTarget,
  rooms: readonly number[],
  workload: TWorkload,
  timing: { warmupMs: number; measureMs: number },
  beside?: { start(): void; stop(): void },
  profileFile?: string,
): Promise<TCellResult> {
  const recorder = new Recorder();
  const opened = await openRooms(target, rooms, recorder);
  for (const peer of opened.peers) peer.arrive();
  await sleep(300);
  beside?.start();
  const stop = drive(opened.peers, workload, recorder);
  await sleep(timing.warmupMs);
  await target.server.resetProbe();
  if (profileFile) await target.server.startProfile();
  recorder.start();
  await sleep(timing.measureMs);
  recorder.stop();
  if (profileFile) await target.server.stopProfile(profileFile);
  const stats = await target.server.stats();
  stop();
  beside?.stop();
  // Drain: what was sent in the window and is still on its way counts, however late.
  let last = -1;
  for (let waited = 0; waited < 10_000 && recorder.received !== last; waited += 300) {
    last = recorder.received;
    await sleep(300);
  }
  for (const peer of opened.peers) peer.channel.close();
  const extra = stats.extra as { persistDelaysMs?: number[] } | undefined;
  const isTldraw = target.server.options.kind !== 'socketio-relay' && target.server.options.kind !== 'ws-relay';
  return {
    rooms: rooms.length,
    peers: opened.peers.length,
    connectFailures: opened.failures.length,
    failureSample: [...new Set(opened.failures)].slice(0, 3),
    openMs: Math.round(opened.openMs),
    sent: recorder.sent,
    received: recorder.received,
    drops: Math.max(0, recorder.sent - recorder.received),
    acked: recorder.acked,
    discarded: recorder.discarded,
    refusals: recorder.refusals,
    closed: recorder.closed,
    lateTicks: recorder.lateTicks,
    fanoutP50: percentile(recorder.fanout, 50),
    fanoutP99: percentile(recorder.fanout, 99),
    ackP50: isTldraw ? percentile(recorder.ack, 50) : NaN,
    ackP99: isTldraw ? percentile(recorder.ack, 99) : NaN,
    cpuUsPerPush: recorder.sent ? stats.cpuUs / recorder.sent : NaN,
    cpuShare: stats.cpuUs / 1000 / stats.wallMs,
    lagP99: stats.lagP99Ms,
    lagMax: stats.lagMaxMs,
    rssMB: stats.rssBytes / 2 ** 20,
    ...(extra?.persistDelaysMs?.length ? { persistP50: percentile(extra.persistDelaysMs, 50), persistP99: percentile(extra.persistDelaysMs, 99) } : {}),
  };
}

/** Waits until the server's CPU use falls quiet (rooms closed and archived), at most `maxMs`. */
export async function settle(server: ServerChild, maxMs = 15_000): Promise<void> {
  const deadline = performance.now() + maxMs;
  // mockroom closes a room 2 s after its last session left, then archives it.
  if (server.options.kind === 'mockroom') await sleep(2500);
  let before = (await server.stats()).cpuUs;
  while (performance.now() < deadline) {
    await sleep(500);
    const now = (await server.stats()).cpuUs;
    if (now - before < 25_000) return;
    before = now;
  }
}
