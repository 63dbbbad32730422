// mockroom's live whiteboard server measured beside tldraw's own server shape (issue 14), and the
// durability and abuse figures of issue 9, in one run, with the baselines in the same run:
//
//   npm run bench -- capacity [--quick]
//
// Servers, each its own process under bench/lib/probe.ts (CPU, event-loop delay, memory):
// - mockroom: the production server (`server/index.ts` over the Next build in .next, real sign-up,
//   sign-in and session cookies, PGlite; PostgreSQL for the capacity search in a full run);
// - tldraw-ws: @tldraw/sync-core's TLSocketRoom over plain `ws`, a whole snapshot written each
//   second (tldraw's simple-server shape; bench/lib/reference-server.ts);
// - tldraw-sqlite: the same, with tldraw's own SQLiteSyncStorage committing every change before
//   tldraw answers it, as mockroom's board files do (transport cells only): what durability costs;
// - socketio-relay and ws-relay: frames forwarded to the other peer and nothing else (the floor).
// The load is one process of cheap clients speaking tldraw's protocol (bench/lib/peer.ts): each
// push carries its send time, the other peer measures the fan-out, the author the round trip.
// Variants run interleaved (order rotated per repeat); min / median over the repeats. The machine
// is shared, so absolute numbers wander: read the ratios. Nothing here asserts a timing.
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TLRecord } from '@tldraw/tlschema';
import { BOARD_CHUNK_CHARS } from '@/lib/protocol/board';
import { makeGeoShape } from '../tests/helpers/tldraw-node';
import { createTestDatabase } from '../tests/helpers/test-db';
import { openPeer, openPeerPatiently, openRooms, runCell, settle, type TCellResult, type TTarget } from './lib/load';
import { Recorder, type BoardPeer } from './lib/peer';
import { mockroomFixture, pool, ServerChild, type TServerKind } from './lib/servers';
import { SioClient } from './lib/wire';
import { PROTOCOL_VERSION } from '@/lib/protocol';

const QUICK = process.argv.includes('--quick');
const CONFIG = QUICK
  ? {
      transportCounts: [10, 50],
      repeats: 2,
      warmupMs: 1000,
      measureMs: 3000,
      bigBoardRooms: 10,
      capacityCounts: [100, 200],
      capacityOnPostgres: false,
      capacityMeasureMs: 5000,
      memoryRooms: 20,
      memoryRepeats: 1,
      // Start-up is read from the servers the run starts anyway (fresh data dir, then existing).
      startupRepeats: 0,
      besideRepeats: 1,
      slowReaderMs: 8000,
    }
  : {
      transportCounts: [10, 25, 50, 100],
      repeats: 3,
      warmupMs: 1000,
      measureMs: 4000,
      bigBoardRooms: 25,
      capacityCounts: [50, 100, 200, 300],
      capacityOnPostgres: true,
      capacityMeasureMs: 6000,
      memoryRooms: 100,
      memoryRepeats: 2,
      startupRepeats: 1,
      besideRepeats: 2,
      slowReaderMs: 15_000,
    };
const TRANSPORT_KINDS: TServerKind[] = ['mockroom', 'tldraw-ws', 'tldraw-sqlite', 'socketio-relay', 'ws-relay'];
// `--sections=memory,startup` runs only those (all by default): for working on one figure.
const ALL_SECTIONS = ['transport', 'beside', 'slow', 'capacity', 'memory', 'startup'] as const;
const sectionsArg = process.argv.find((arg) => arg.startsWith('--sections='));
const SECTIONS = new Set<string>(sectionsArg ? sectionsArg.slice('--sections='.length).split(',') : ALL_SECTIONS);
const MAX_ROOMS = Math.max(
  1,
  ...(SECTIONS.has('transport') ? CONFIG.transportCounts : []),
  ...(SECTIONS.has('capacity') ? CONFIG.capacityCounts : []),
);
// Room indexes: [0, MAX_ROOMS) for the traffic cells, then the 500-shape boards, then one
// board at the 2,000-shape limit.
const BIG_ROOMS = Array.from({ length: Math.max(CONFIG.memoryRooms, CONFIG.bigBoardRooms) }, (_, i) => MAX_ROOMS + i);
const MAX_BOARD_ROOM = MAX_ROOMS + BIG_ROOMS.length;
const ROOM_COUNT = MAX_BOARD_ROOM + 1;
const P99_LIMIT_MS = 100;
// `--profile-reopen`: where mockroom's time goes while it reopens the rooms of the memory section.
const PROFILE_REOPEN = process.argv.includes('--profile-reopen');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => console.log(`[capacity ${new Date().toISOString().slice(11, 19)}] ${message}`);
const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);
const median = (values: number[]) => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const min = (values: number[]) => Math.min(...values.filter(Number.isFinite));

const workDir = mkdtempSync(path.join(os.tmpdir(), 'mockroom-capacity-'));
const running = new Set<ServerChild>();
const cleanups: Array<() => Promise<void>> = [];

async function start(kind: TServerKind, dataDir: string, databaseUrl?: string): Promise<{ server: ServerChild; startupMs: number }> {
  const started = await ServerChild.start({ kind, dataDir, ...(databaseUrl ? { databaseUrl } : {}) });
  running.add(started.server);
  return started;
}

async function stop(server: ServerChild): Promise<void> {
  running.delete(server);
  await server.stop();
}

/** Boards of `shapes` geo shapes, written through each server's own protocol by one peer per room. */
async function seedBoards(target: TTarget, rooms: readonly number[], shapes: number): Promise<void> {
  const recorder = new Recorder();
  await pool(rooms, 2, async (room) => {
    const peer = await openPeerPatiently(target, room, 0, recorder, `seed${room}`);
    const records = range(shapes).map((k) => makeGeoShape(`seed${room}-${k}`, (k % 40) * 120, Math.floor(k / 40) * 100) as TLRecord);
    peer.pushRecords(records, BOARD_CHUNK_CHARS);
    for (let waited = 0; peer.pending > 0; waited += 50) {
      if (waited > 60_000) throw new Error(`seeding room ${room}: no push result`);
      await sleep(50);
    }
    peer.channel.close();
  });
}

type TTargets = Record<TServerKind, TTarget>;

async function prepare(): Promise<{ targets: TTargets; mockroomDir: string; referenceDir: string; mockroomStartupMs: number }> {
  const mockroomDir = path.join(workDir, 'mockroom');
  const referenceDir = path.join(workDir, 'reference');
  mkdirSync(referenceDir, { recursive: true });
  log(`starting servers in ${workDir}`);
  const durableDir = path.join(workDir, 'reference-sqlite');
  mkdirSync(durableDir, { recursive: true });
  const [mockroom, reference, durable, sio, ws] = await Promise.all([
    start('mockroom', mockroomDir),
    start('tldraw-ws', referenceDir),
    start('tldraw-sqlite', durableDir),
    start('socketio-relay', workDir),
    start('ws-relay', workDir),
  ]);
  log(`mockroom up in ${(mockroom.startupMs / 1000).toFixed(1)} s (fresh data dir); signing up people, creating ${ROOM_COUNT} interviews`);
  const fixture = await mockroomFixture(mockroom.server.url, path.join(workDir, 'fixture.json'), ROOM_COUNT, 8);
  const targets: TTargets = {
    mockroom: { server: mockroom.server, fixture },
    'tldraw-ws': { server: reference.server },
    'tldraw-sqlite': { server: durable.server },
    'socketio-relay': { server: sio.server },
    'ws-relay': { server: ws.server },
  };
  log(`${fixture.people.length} people, ${fixture.interviews.length} interviews; seeding ${BIG_ROOMS.length} boards of 500 shapes and one of 2,000`);
  for (const kind of ['mockroom', 'tldraw-ws'] as const) {
    await seedBoards(targets[kind], BIG_ROOMS, 500);
    await seedBoards(targets[kind], [MAX_BOARD_ROOM], 2000);
    await settle(targets[kind].server);
  }
  return { targets, mockroomDir, referenceDir, mockroomStartupMs: mockroom.startupMs };
}

// ---------- 1. transport comparison: N rooms x 2 peers dragging ----------

type TTransportResults = Record<string, Record<TServerKind, TCellResult[]>>;

async function transport(targets: TTargets): Promise<{ cells: TTransportResults; bigBoards: Partial<Record<TServerKind, TCellResult[]>>; crossing: Partial<Record<TServerKind, number | null>> }> {
  const cells: TTransportResults = {};
  const crossing: Partial<Record<TServerKind, number | null>> = {};
  const kinds = [...TRANSPORT_KINDS];
  for (const count of CONFIG.transportCounts) {
    cells[count] = { mockroom: [], 'tldraw-ws': [], 'tldraw-sqlite': [], 'socketio-relay': [], 'ws-relay': [] };
    for (let repeat = 0; repeat < CONFIG.repeats; repeat++) {
      const order = kinds.map((_, i) => kinds[(i + repeat) % kinds.length]!);
      for (const kind of order) {
        const result = await runCell(targets[kind], range(count), 'drag', CONFIG);
        cells[count]![kind].push(result);
        log(`drag ${count} rooms, ${kind}: fan-out p99 ${result.fanoutP99.toFixed(1)} ms, ${result.cpuUsPerPush.toFixed(0)} us/push, lag p99 ${result.lagP99.toFixed(1)} ms, drops ${result.drops}, refusals ${result.refusals}${result.connectFailures ? `, ${result.connectFailures} peers refused (${result.failureSample.join('; ')})` : ''}`);
        await settle(targets[kind].server);
      }
    }
    // The first count at which a variant's median p99 passes the limit. Every variant runs every
    // count: on a shared machine one noisy count must not end a variant's series.
    for (const kind of TRANSPORT_KINDS) {
      if (crossing[kind] === undefined && median(cells[count]![kind].map((r) => r.fanoutP99)) > P99_LIMIT_MS) crossing[kind] = count;
    }
  }
  for (const kind of TRANSPORT_KINDS) crossing[kind] ??= null;

  const bigBoards: Partial<Record<TServerKind, TCellResult[]>> = { mockroom: [], 'tldraw-ws': [] };
  const bigRooms = BIG_ROOMS.slice(0, CONFIG.bigBoardRooms);
  for (let repeat = 0; repeat < CONFIG.repeats; repeat++) {
    for (const kind of repeat % 2 ? (['tldraw-ws', 'mockroom'] as const) : (['mockroom', 'tldraw-ws'] as const)) {
      const result = await runCell(targets[kind], bigRooms, 'drag', CONFIG);
      bigBoards[kind]!.push(result);
      log(`drag ${bigRooms.length} rooms of 500 shapes, ${kind}: fan-out p99 ${result.fanoutP99.toFixed(1)} ms`);
      await settle(targets[kind].server);
    }
  }
  return { cells, bigBoards, crossing };
}

// ---------- 2. realistic interviews: capacity search ----------

async function capacity(targets: Partial<Record<string, TTarget>>): Promise<Record<string, TCellResult[]>> {
  const results: Record<string, TCellResult[]> = {};
  let names = Object.keys(targets);
  for (const count of CONFIG.capacityCounts) {
    for (const name of names) {
      const target = targets[name]!;
      const result = await runCell(target, range(count), 'realistic', { warmupMs: 3000, measureMs: CONFIG.capacityMeasureMs });
      (results[name] ??= []).push(result);
      log(`realistic ${count} rooms, ${name}: fan-out p99 ${result.fanoutP99.toFixed(1)} ms, lag p99 ${result.lagP99.toFixed(1)} ms, CPU ${(result.cpuShare * 100).toFixed(0)}%, drops ${result.drops}, refused peers ${result.connectFailures}`);
      await settle(target.server);
    }
    names = names.filter((name) => results[name]!.at(-1)!.fanoutP99 <= P99_LIMIT_MS);
    if (names.length === 0) break;
  }
  return results;
}

// ---------- 3. a normal room beside a board at the limit (issue 9 #4) ----------

/** The 2,000-shape board being edited: 50 of its shapes dragged at 30/s, and a reload of it every 3 s. */
function maxBoardActivity(target: TTarget) {
  const recorder = new Recorder();
  let isRunning = false;
  let editor: BoardPeer | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  const reloads: number[] = [];
  const moved = range(50).map((k) => `shape:seed${MAX_BOARD_ROOM}-${k}`);
  return {
    reloads,
    async open() {
      editor = await openPeerPatiently(target, MAX_BOARD_ROOM, 0, recorder, 'maxeditor');
    },
    start() {
      isRunning = true;
      let step = 0;
      timer = setInterval(() => {
        step++;
        const diff: Record<string, unknown> = {};
        for (const id of moved) diff[id] = ['patch', { x: ['put', 100 + step], y: ['put', 50 + (step % 100)] }];
        editor!.channel.send(JSON.stringify({ type: 'push', clientClock: 1_000_000 + step, diff }));
      }, 1000 / 30);
      void (async () => {
        while (isRunning) {
          const started = performance.now();
          try {
            const reader = await openPeer(target, MAX_BOARD_ROOM, 1, recorder, 'maxreader');
            reloads.push(performance.now() - started);
            reader.channel.close();
          } catch {
            reloads.push(NaN);
          }
          await sleep(3000);
        }
      })();
    },
    stop() {
      isRunning = false;
      clearInterval(timer);
    },
    close() {
      editor?.channel.close();
    },
  };
}

async function beside(targets: TTargets): Promise<Record<string, { alone: TCellResult[]; beside: TCellResult[]; reloadMs: number[] }>> {
  const out: Record<string, { alone: TCellResult[]; beside: TCellResult[]; reloadMs: number[] }> = {};
  for (let repeat = 0; repeat < CONFIG.besideRepeats; repeat++) {
    for (const kind of repeat % 2 ? (['tldraw-ws', 'mockroom'] as const) : (['mockroom', 'tldraw-ws'] as const)) {
      const target = targets[kind];
      const entry = (out[kind] ??= { alone: [], beside: [], reloadMs: [] });
      entry.alone.push(await runCell(target, [0], 'drag', CONFIG));
      await settle(target.server);
      const activity = maxBoardActivity(target);
      await activity.open();
      entry.beside.push(await runCell(target, [0], 'drag', CONFIG, activity));
      activity.close();
      entry.reloadMs.push(...activity.reloads);
      log(`normal room, ${kind}: p99 ${entry.alone.at(-1)!.fanoutP99.toFixed(1)} ms alone, ${entry.beside.at(-1)!.fanoutP99.toFixed(1)} ms beside the 2,000-shape board (reload ${median(activity.reloads).toFixed(0)} ms)`);
      await settle(target.server);
    }
  }
  return out;
}

// ---------- 4. slow readers (issue 9 #3) ----------

async function slowReaders(target: TTarget): Promise<Record<string, number>> {
  const { server, fixture } = target;
  const interview = fixture!.interviews[MAX_BOARD_ROOM]!;
  const cookie = fixture!.people[interview.interviewer]!.cookie;
  const before = await server.stats({ gc: true });
  const sockets: SioClient[] = [];
  let refused = 0;
  let disconnected = 0;
  await Promise.all(
    range(20).map(async () => {
      const sio = new SioClient(server.url, { auth: { protocolVersion: PROTOCOL_VERSION }, cookie });
      try {
        await sio.ready;
      } catch {
        refused++;
        return;
      }
      sio.on('disconnect', () => disconnected++);
      sockets.push(sio);
      // Ask for the board, never read the answer, and keep asking.
      sio.emit('board:join', { interviewId: interview.interviewId });
      sio.pauseReading();
    }),
  );
  let peak = 0;
  const started = performance.now();
  while (performance.now() - started < CONFIG.slowReaderMs) {
    for (const sio of sockets) sio.emit('board:join', { interviewId: interview.interviewId });
    await sleep(1000);
    peak = Math.max(peak, (await server.stats()).rssBytes);
  }
  const during = await server.stats({ gc: true });
  // From here on the disconnects are ours, not the server cutting a reader off.
  const cutOff = disconnected;
  for (const sio of sockets) sio.terminate();
  await sleep(5000);
  const after = await server.stats({ gc: true });
  const MB = 2 ** 20;
  return {
    rssBeforeMB: before.rssBytes / MB,
    rssPeakMB: peak / MB,
    rssEndOfAttackMB: during.rssBytes / MB,
    rssAfterMB: after.rssBytes / MB,
    socketsRefused: refused,
    socketsCutOff: cutOff,
  };
}

// ---------- 5. memory per live room, reopening rooms from storage, idle memory ----------

type TMemory = { shed: number; idleMB: number; idleWasmMB: number; perRoomMB: number; heapPerRoomMB: number; wasmPerRoomMB: number; reopenMs: number; failures: number; idleAfterMB: number; startupMs: number };

async function memory(kind: 'mockroom' | 'tldraw-ws', dataDir: string, fixture: TTarget['fixture']): Promise<TMemory> {
  const { server, startupMs } = await start(kind, dataDir);
  const target: TTarget = { server, ...(fixture ? { fixture } : {}) };
  await sleep(1000);
  const idle = await server.stats({ gc: true });
  const rooms = BIG_ROOMS.slice(0, CONFIG.memoryRooms);
  const recorder = new Recorder();
  const profileFile = PROFILE_REOPEN && kind === 'mockroom' ? path.join(workDir, 'reopen.cpuprofile') : undefined;
  if (profileFile) await server.startProfile();
  const opened = await openRooms(target, rooms, recorder, 16, true);
  if (profileFile) {
    await server.stopProfile(profileFile);
    const { summarizeProfile } = await import('./lib/cpu-profile');
    const summary = summarizeProfile(profileFile, 30);
    if (process.env.KEEP_PROFILE) writeFileSync(process.env.KEEP_PROFILE, readFileSync(profileFile));
    console.table(summary.packages);
    console.table(summary.functions);
  }
  await sleep(1000);
  const live = await server.stats({ gc: true });
  for (const peer of opened.peers) peer.channel.close();
  await settle(server, 30_000);
  const after = await server.stats({ gc: true });
  await stop(server);
  const MB = 2 ** 20;
  return {
    idleMB: idle.rssBytes / MB,
    perRoomMB: (live.rssBytes - idle.rssBytes) / MB / rooms.length,
    heapPerRoomMB: (live.heapUsedBytes - idle.heapUsedBytes) / MB / rooms.length,
    wasmPerRoomMB: (live.wasmRssBytes - idle.wasmRssBytes) / MB / rooms.length,
    idleWasmMB: idle.wasmRssBytes / MB,
    reopenMs: opened.openMs,
    shed: recorder.shed,
    failures: opened.failures.length,
    idleAfterMB: after.rssBytes / MB,
    startupMs,
  };
}

// ---------- 6. start-up to healthy ----------

async function startup(kind: 'mockroom' | 'tldraw-ws', dataDir: string): Promise<number> {
  const { server, startupMs } = await start(kind, dataDir);
  await stop(server);
  return startupMs;
}

// ---------- report ----------

type TRow = { measure: string; mockroom: number[]; reference: number[]; unit: string; goal?: string; isMet?: boolean | null };

function fmt(values: number[], unit: string): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return 'n/a';
  const digits = Math.abs(median(finite)) >= 100 ? 0 : 1;
  const one = (v: number) => `${v.toFixed(digits)}`;
  return finite.length === 1 ? `${one(finite[0]!)} ${unit}` : `${one(min(finite))} / ${one(median(finite))} ${unit}`;
}

function printTable(rows: TRow[]): void {
  const lines = rows.map((row) => {
    const ratio = median(row.mockroom) / median(row.reference);
    return {
      measure: row.measure,
      mockroom: fmt(row.mockroom, row.unit),
      'tldraw-ws': fmt(row.reference, row.unit),
      ratio: Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : '',
      goal: row.goal ?? '',
      met: row.isMet === undefined || row.isMet === null ? '' : row.isMet ? 'yes' : 'NO',
    };
  });
  const columns = ['measure', 'mockroom', 'tldraw-ws', 'ratio', 'goal', 'met'] as const;
  const widths = columns.map((c) => Math.max(c.length, ...lines.map((l) => l[c].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line([...columns]));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const l of lines) console.log(line(columns.map((c) => l[c])));
}

async function main() {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const uptimeBefore = execSync('uptime').toString().trim();
  log(`${QUICK ? 'quick' : 'full'} run; machine: ${uptimeBefore}`);
  const { targets, mockroomDir, referenceDir, mockroomStartupMs } = await prepare();

  let transportResults: Awaited<ReturnType<typeof transport>> = { cells: {}, bigBoards: {}, crossing: {} };
  if (SECTIONS.has('transport')) {
    log('1/6 transport comparison (drag, 30 pushes/s per peer)');
    transportResults = await transport(targets);
  }

  let besideResults: Awaited<ReturnType<typeof beside>> = {};
  if (SECTIONS.has('beside')) {
    log('2/6 a normal room beside a 2,000-shape board being edited');
    besideResults = await beside(targets);
  }

  let slow: Record<string, number> | undefined;
  if (SECTIONS.has('slow')) {
    log('3/6 slow readers: 20 sockets of one user asking for the 2,000-shape board, never reading');
    slow = await slowReaders(targets.mockroom);
    log(`slow readers: RSS ${slow.rssBeforeMB!.toFixed(0)} -> peak ${slow.rssPeakMB!.toFixed(0)} -> ${slow.rssAfterMB!.toFixed(0)} MB after; ${slow.socketsRefused} sockets refused`);
  }

  for (const kind of ['tldraw-sqlite', 'socketio-relay', 'ws-relay'] as const) await stop(targets[kind].server);

  let capacityResults: Record<string, TCellResult[]> = {};
  let idlePostgresMB: number | undefined;
  if (SECTIONS.has('capacity')) {
    log('4/6 realistic interviews: capacity search');
    const capacityTargets: Record<string, TTarget> = { mockroom: targets.mockroom, 'tldraw-ws': targets['tldraw-ws'] };
    if (CONFIG.capacityOnPostgres) {
      process.env.TEST_DATABASE_URL ||= 'postgresql://postgres@127.0.0.1:5432/postgres';
      const pg = await createTestDatabase({ kind: 'postgres' });
      cleanups.push(() => pg.cleanup());
      const pgServer = await start('mockroom', pg.dataDir, pg.databaseUrl);
      await sleep(1000);
      idlePostgresMB = (await pgServer.server.stats({ gc: true })).rssBytes / 2 ** 20;
      const pgFixture = await mockroomFixture(pgServer.server.url, path.join(pg.dataDir, 'fixture.json'), Math.max(...CONFIG.capacityCounts), 8);
      capacityTargets['mockroom-postgres'] = { server: pgServer.server, fixture: pgFixture };
    }
    capacityResults = await capacity(capacityTargets);
    if (capacityTargets['mockroom-postgres']) await stop(capacityTargets['mockroom-postgres'].server);
  }

  await stop(targets.mockroom.server);
  await stop(targets['tldraw-ws'].server);
  const memoryResults: { mockroom: TMemory[]; 'tldraw-ws': TMemory[] } = { mockroom: [], 'tldraw-ws': [] };
  if (SECTIONS.has('memory')) {
    log('5/6 memory per live room (500 shapes) and reopening rooms from storage, fresh processes');
    for (let repeat = 0; repeat < CONFIG.memoryRepeats; repeat++) {
      memoryResults.mockroom.push(await memory('mockroom', mockroomDir, targets.mockroom.fixture));
      memoryResults['tldraw-ws'].push(await memory('tldraw-ws', referenceDir, undefined));
      log(`memory: ${memoryResults.mockroom.at(-1)!.perRoomMB.toFixed(2)} vs ${memoryResults['tldraw-ws'].at(-1)!.perRoomMB.toFixed(2)} MB per room; reopen ${(memoryResults.mockroom.at(-1)!.reopenMs / 1000).toFixed(1)} vs ${(memoryResults['tldraw-ws'].at(-1)!.reopenMs / 1000).toFixed(1)} s; idle ${memoryResults.mockroom.at(-1)!.idleMB.toFixed(0)} MB; joins shed and retried ${memoryResults.mockroom.at(-1)!.shed}`);
    }
  }

  const startupResults = { existing: [] as number[], fresh: [] as number[], reference: [] as number[] };
  if (SECTIONS.has('startup')) {
    log('6/6 start-up to healthy: existing and fresh data directories');
    for (let repeat = 0; repeat < CONFIG.startupRepeats; repeat++) {
      startupResults.existing.push(await startup('mockroom', mockroomDir));
      const freshDir = path.join(workDir, `fresh-${repeat}`);
      startupResults.fresh.push(await startup('mockroom', freshDir));
      rmSync(freshDir, { recursive: true, force: true });
      startupResults.reference.push(await startup('tldraw-ws', path.join(workDir, `fresh-ref-${repeat}`)));
    }
    startupResults.existing.push(...memoryResults.mockroom.map((m) => m.startupMs));
    startupResults.reference.push(...memoryResults['tldraw-ws'].map((m) => m.startupMs));
    startupResults.fresh.push(mockroomStartupMs);
  }

  // ---------- the table ----------
  const rows: TRow[] = [];
  const { cells, bigBoards, crossing } = transportResults;
  const ref = (count: string) => cells[count]!['tldraw-ws'];
  for (const count of Object.keys(cells)) {
    const m = cells[count]!.mockroom;
    const r = ref(count);
    if (m.length === 0 || r.length === 0) continue;
    const refUnder = median(r.map((x) => x.fanoutP99)) < P99_LIMIT_MS;
    const p99Ratio = median(m.map((x) => x.fanoutP99)) / median(r.map((x) => x.fanoutP99));
    const cpuRatio = median(m.map((x) => x.cpuUsPerPush)) / median(r.map((x) => x.cpuUsPerPush));
    rows.push({ measure: `fan-out p50, ${count} rooms`, mockroom: m.map((x) => x.fanoutP50), reference: r.map((x) => x.fanoutP50), unit: 'ms' });
    rows.push({ measure: `fan-out p99, ${count} rooms`, mockroom: m.map((x) => x.fanoutP99), reference: r.map((x) => x.fanoutP99), unit: 'ms', ...(refUnder ? { goal: '<= 1.2x', isMet: p99Ratio <= 1.2 } : {}) });
    rows.push({ measure: `CPU per push, ${count} rooms`, mockroom: m.map((x) => x.cpuUsPerPush), reference: r.map((x) => x.cpuUsPerPush), unit: 'us', ...(refUnder ? { goal: '<= 1.2x', isMet: cpuRatio <= 1.2 } : {}) });
    rows.push({ measure: `event-loop lag p99, ${count} rooms`, mockroom: m.map((x) => x.lagP99), reference: r.map((x) => x.lagP99), unit: 'ms' });
    rows.push({ measure: `RSS, ${count} rooms`, mockroom: m.map((x) => x.rssMB), reference: r.map((x) => x.rssMB), unit: 'MB' });
    rows.push({ measure: `drops + refusals, ${count} rooms`, mockroom: m.map((x) => x.drops + x.refusals + x.connectFailures), reference: r.map((x) => x.drops + x.connectFailures), unit: '', goal: '0', isMet: m.every((x) => x.drops + x.refusals === 0) });
    rows.push({ measure: `push round trip p50, ${count} rooms`, mockroom: m.map((x) => x.ackP50), reference: r.map((x) => x.ackP50), unit: 'ms' });
    rows.push({ measure: `push round trip p99, ${count} rooms`, mockroom: m.map((x) => x.ackP99), reference: r.map((x) => x.ackP99), unit: 'ms' });
    const durable = cells[count]!['tldraw-sqlite'];
    if (durable.length > 0) {
      // Beside tldraw with its own durable storage: the reference column holds tldraw-sqlite here.
      rows.push({ measure: `fan-out p99, ${count} rooms, vs tldraw + SQLiteSyncStorage`, mockroom: m.map((x) => x.fanoutP99), reference: durable.map((x) => x.fanoutP99), unit: 'ms' });
      rows.push({ measure: `CPU per push, ${count} rooms, vs tldraw + SQLiteSyncStorage`, mockroom: m.map((x) => x.cpuUsPerPush), reference: durable.map((x) => x.cpuUsPerPush), unit: 'us' });
    }
    rows.push({ measure: `edit -> durable p99, ${count} rooms`, mockroom: m.map((x) => x.ackP99), reference: r.map((x) => (x.ackP99 ?? 0) + (x.persistP99 ?? NaN)), unit: 'ms', goal: 'p95 < 600 ms' , isMet: m.every((x) => x.ackP99 < 600) });
  }
  if (SECTIONS.has('transport')) {
    const crossingOf = (kind: TServerKind) => (crossing[kind] === null ? Infinity : (crossing[kind] ?? NaN));
    rows.push({
      measure: `rooms where fan-out p99 passes ${P99_LIMIT_MS} ms`,
      mockroom: [crossingOf('mockroom')],
      reference: [crossingOf('tldraw-ws')],
      unit: 'rooms',
      goal: 'same (within 20%)',
      isMet: crossingOf('mockroom') >= 0.8 * crossingOf('tldraw-ws'),
    });
    rows.push({
      measure: `rooms where fan-out p99 passes ${P99_LIMIT_MS} ms, vs tldraw + SQLiteSyncStorage`,
      mockroom: [crossingOf('mockroom')],
      reference: [crossingOf('tldraw-sqlite')],
      unit: 'rooms',
    });
    for (const kind of ['socketio-relay', 'ws-relay'] as const) {
      const top = String(Math.max(...Object.keys(cells).map(Number).filter((c) => cells[c]![kind].length > 0)));
      rows.push({ measure: `floor: ${kind} fan-out p99, ${top} rooms`, mockroom: cells[top]![kind].map((x) => x.fanoutP99), reference: [], unit: 'ms' });
    }
    rows.push({
      measure: `fan-out p99, ${CONFIG.bigBoardRooms} rooms of 500 shapes`,
      mockroom: bigBoards.mockroom!.map((x) => x.fanoutP99),
      reference: bigBoards['tldraw-ws']!.map((x) => x.fanoutP99),
      unit: 'ms',
      goal: '<= 1.2x',
      isMet: median(bigBoards.mockroom!.map((x) => x.fanoutP99)) <= 1.2 * median(bigBoards['tldraw-ws']!.map((x) => x.fanoutP99)),
    });
  }
  for (const name of Object.keys(capacityResults)) {
    const passed = capacityResults[name]!.filter((x) => x.fanoutP99 <= P99_LIMIT_MS).map((x) => x.rooms);
    const best = passed.length ? Math.max(...passed) : 0;
    rows.push({
      measure: `realistic interviews with fan-out p99 < ${P99_LIMIT_MS} ms (${name})`,
      mockroom: name === 'tldraw-ws' ? [] : [best],
      reference: name === 'tldraw-ws' ? [best] : [],
      unit: 'rooms',
      ...(name === 'tldraw-ws' ? {} : { goal: '>= 300', isMet: best >= 300 }),
    });
  }
  if (SECTIONS.has('memory')) {
    const mm = memoryResults.mockroom;
    const rm = memoryResults['tldraw-ws'];
    rows.push({ measure: 'memory per live room (500 shapes)', mockroom: mm.map((x) => x.perRoomMB), reference: rm.map((x) => x.perRoomMB), unit: 'MB', goal: '<= 1.1x', isMet: median(mm.map((x) => x.perRoomMB)) <= 1.1 * median(rm.map((x) => x.perRoomMB)) });
    rows.push({ measure: 'heap per live room (500 shapes)', mockroom: mm.map((x) => x.heapPerRoomMB), reference: rm.map((x) => x.heapPerRoomMB), unit: 'MB' });
    rows.push({ measure: 'WebAssembly (PGlite) per live room', mockroom: mm.map((x) => x.wasmPerRoomMB), reference: rm.map((x) => x.wasmPerRoomMB), unit: 'MB' });
    rows.push({ measure: 'idle WebAssembly (PGlite) resident', mockroom: mm.map((x) => x.idleWasmMB), reference: rm.map((x) => x.idleWasmMB), unit: 'MB' });
    rows.push({ measure: 'reopening: board joins refused at capacity, retried after 1 s', mockroom: mm.map((x) => x.shed), reference: rm.map((x) => x.shed), unit: '' });
    rows.push({ measure: `reopening ${CONFIG.memoryRooms} rooms from storage`, mockroom: mm.map((x) => x.reopenMs / 1000), reference: rm.map((x) => x.reopenMs / 1000), unit: 's', goal: '<= 1.5x', isMet: median(mm.map((x) => x.reopenMs)) <= 1.5 * median(rm.map((x) => x.reopenMs)) });
    rows.push({ measure: 'idle server RSS (fresh start, after GC)', mockroom: mm.map((x) => x.idleMB), reference: rm.map((x) => x.idleMB), unit: 'MB', goal: '< 250 MB', isMet: median(mm.map((x) => x.idleMB)) < 250 });
    rows.push({ measure: `idle server RSS after ${CONFIG.memoryRooms} rooms closed`, mockroom: mm.map((x) => x.idleAfterMB), reference: rm.map((x) => x.idleAfterMB), unit: 'MB' });
  }
  if (SECTIONS.has('startup')) {
    rows.push({ measure: 'start-up to healthy, existing data', mockroom: startupResults.existing, reference: startupResults.reference, unit: 'ms', goal: '< 3 s', isMet: median(startupResults.existing) < 3000 });
    rows.push({ measure: 'start-up to healthy, fresh data dir', mockroom: startupResults.fresh, reference: startupResults.reference, unit: 'ms', goal: '< 8 s', isMet: median(startupResults.fresh) < 8000 });
    if (idlePostgresMB !== undefined) rows.push({ measure: 'idle server RSS on PostgreSQL (no PGlite)', mockroom: [idlePostgresMB], reference: [], unit: 'MB' });
  }
  if (SECTIONS.has('beside')) {
    const alone = (kind: 'mockroom' | 'tldraw-ws') => besideResults[kind]!.alone.map((x) => x.fanoutP99);
    const besideBig = (kind: 'mockroom' | 'tldraw-ws') => besideResults[kind]!.beside.map((x) => x.fanoutP99);
    rows.push({ measure: 'normal room fan-out p99, alone', mockroom: alone('mockroom'), reference: alone('tldraw-ws'), unit: 'ms' });
    rows.push({ measure: 'normal room fan-out p99, beside a 2,000-shape board being edited', mockroom: besideBig('mockroom'), reference: besideBig('tldraw-ws'), unit: 'ms' });
    rows.push({
      measure: 'normal room: p99 beside / p99 alone',
      mockroom: [median(besideBig('mockroom')) / median(alone('mockroom'))],
      reference: [median(besideBig('tldraw-ws')) / median(alone('tldraw-ws'))],
      unit: 'x',
    });
    rows.push({ measure: 'reload of the 2,000-shape board', mockroom: besideResults.mockroom!.reloadMs, reference: besideResults['tldraw-ws']!.reloadMs, unit: 'ms' });
  }
  if (slow) rows.push({ measure: 'slow readers: RSS before / peak / after (MB)', mockroom: [slow.rssBeforeMB!, slow.rssPeakMB!, slow.rssAfterMB!], reference: [], unit: 'MB' });

  const uptimeAfter = execSync('uptime').toString().trim();
  console.log(`\nmockroom vs tldraw-ws (min / median over repeats; ratio = median / median). Machine before: ${uptimeBefore}; after: ${uptimeAfter}`);
  printTable(rows);
  if (slow) console.log(`slow readers: ${JSON.stringify(slow)}`);

  const resultsDir = path.resolve('bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `capacity-${startedAt.toISOString().replace(/[:.]/g, '-')}${QUICK ? '-quick' : ''}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      { startedAt, quick: QUICK, config: CONFIG, machine: { cpus: os.cpus().length, loadBefore, loadAfter: os.loadavg(), uptimeBefore, uptimeAfter }, transport: transportResults, beside: besideResults, slowReaders: slow, capacity: capacityResults, memory: memoryResults, startup: startupResults, table: rows },
      null,
      1,
    ),
  );
  log(`wrote ${file} in ${((Date.now() - startedAt.getTime()) / 60000).toFixed(1)} min`);
}

async function shutdown(code: number) {
  await Promise.all([...running].map((server) => server.stop().catch(() => undefined)));
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  rmSync(workDir, { recursive: true, force: true });
  process.exit(code);
}

/**
 * `--profile[=rooms]`: only mockroom, one drag cell under `node --cpu-prof`, then where its CPU
 * went (self time per function and per package). What the fixes of issue 14 were chosen from.
 */
async function profileMain(rooms: number) {
  const { server } = await start('mockroom', path.join(workDir, 'mockroom'));
  const fixture = await mockroomFixture(server.url, path.join(workDir, 'fixture.json'), rooms, 8);
  const file = path.join(workDir, 'window.cpuprofile');
  const result = await runCell({ server, fixture }, range(rooms), 'drag', { warmupMs: 2000, measureMs: 10_000 }, undefined, file);
  log(`drag ${rooms} rooms under the profiler: fan-out p99 ${result.fanoutP99.toFixed(1)} ms, ${result.cpuUsPerPush.toFixed(0)} us/push, lag p99 ${result.lagP99.toFixed(1)} ms`);
  const { summarizeProfile } = await import('./lib/cpu-profile');
  const summary = summarizeProfile(file, 40);
  console.table(summary.packages);
  console.table(summary.functions);
  if (process.env.KEEP_PROFILE) writeFileSync(process.env.KEEP_PROFILE, readFileSync(file));
}

process.on('SIGINT', () => void shutdown(130));
process.on('uncaughtException', (error) => {
  console.error(error);
  for (const server of running) console.error(`--- ${server.options.kind} (exit ${server.child.exitCode ?? server.child.signalCode ?? 'running'}) output (tail):\n${server.output.join('').slice(-3000)}`);
  void shutdown(1);
});
const profileArg = process.argv.find((arg) => arg === '--profile' || arg.startsWith('--profile='));
(profileArg ? profileMain(Number(profileArg.split('=')[1] ?? 25)) : main()).then(
  () => shutdown(0),
  (error) => {
    console.error(error);
    for (const server of running) console.error(`--- ${server.options.kind} (exit ${server.child.exitCode ?? server.child.signalCode ?? 'running'}) output (tail):\n${server.output.join('').slice(-3000)}`);
    void shutdown(1);
  },
);
