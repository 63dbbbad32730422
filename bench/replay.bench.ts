// How big the replay's board timeline gets for a busy interview, and how fast the review loads and
// rebuilds it.
//
//   npx tsx bench/replay.bench.ts
//
// Synthetic 45 minutes of drawing stored exactly as the Prisma board store stores it (one
// TimelineEvent kind "board" { sinceClock, clock, diff: { puts, deletes } } per one-second save,
// a BoardSnapshot keyframe once a minute, the BoardState at the end), in a PGlite database:
// 2,700 saves, each changing 3 shapes (two freehand strokes growing point by point, one geo
// shape moving), a new stroke every 10 s and a deletion every 2 minutes (about 280 shapes at the
// end: about 250 strokes and 30 boxes). Then: getBoardTimeline (database read + JSON build), the
// response's JSON size (raw and gzipped), parse + buildFrames, boardAt at random moments and for
// a 8x playback; and, with a production build, the review page in Chromium (browserLoad below).
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createShapeId, createTLSchema, getIndices, type TLRecord } from 'tldraw';
import { chromium } from '@playwright/test';
import { boardAt, buildFrames, shapesOf, type TReplayEvent } from '@/lib/domain/board-replay';
import { openDatabase } from '@/lib/db/client';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { getBoardTimeline } from '@/lib/use-cases/board-timeline';
import { startTestServer } from '../tests/helpers/app-server';
import { createInterviewAs, signedInClient } from '../tests/helpers/room-fixtures';
import { createTestDatabase } from '../tests/helpers/test-db';
import { makeDrawShape, makeGeoShape } from '../tests/helpers/tldraw-node';
import { useCaseContext } from '@/lib/use-cases/context';

const MINUTES = 45;
const SAVES = MINUTES * 60;
const KEYFRAME_EVERY = 60;
const T0 = Date.UTC(2026, 0, 10, 12, 0, 0);
// Valid fractional index keys for the 30 geo shapes (tldraw validates them when the replay loads).
const GEO_INDICES = getIndices(31).slice(1);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function strokePoints(seed: number, count: number) {
  return Array.from({ length: count }, (_, i) => ({ x: seed * 7 + i * 3, y: seed * 5 + Math.sin(i / 4) * 20, z: 0.5 }));
}

type TSeeded = {
  events: Array<{ at: Date; diff: TReplayEvent['diff']; sinceClock: number; clock: number }>;
  keyframes: Array<{ clock: number; createdAt: Date; snapshot: unknown }>;
  final: { documents: Array<{ state: TLRecord }> };
};

/**
 * Stores `saves` one-second saves of busy drawing for an interview, exactly as the Prisma board
 * store would have (events, a keyframe a minute, the final BoardState), and marks it ended.
 */
async function seedBusyBoard(prisma: PrismaClient, interviewId: string, saves: number): Promise<TSeeded> {
  const schema = createTLSchema().serialize();
  // The live document, as the room would have it.
  const doc = new Map<string, { state: TLRecord; lastChangedClock: number }>();
  const put = (record: TLRecord, clock: number) => doc.set(record.id, { state: record, lastChangedClock: clock });
  put({ id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} } as TLRecord, 1);
  put({ id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} } as TLRecord, 1);
  const strokes: Array<{ id: string; seed: number; points: number }> = [];
  let clock = 1;
  const events: TSeeded['events'] = [];
  const keyframes: TSeeded['keyframes'] = [];
  const snapshotNow = () => ({ clock, documentClock: clock, documents: [...doc.values()], tombstones: {}, schema });

  for (let s = 0; s < saves; s += 1) {
    const sinceClock = clock;
    clock += 1;
    const diff: TReplayEvent['diff'] = { puts: {}, deletes: [] };
    if (s % 10 === 0 || strokes.length < 2) strokes.push({ id: createShapeId(`stroke-${s}`), seed: s, points: 4 });
    for (const stroke of strokes.slice(-2)) {
      stroke.points += 8;
      const record = makeDrawShape(stroke.id as never, strokePoints(stroke.seed, Math.min(stroke.points, 120))) as TLRecord;
      put(record, clock);
      diff.puts[record.id] = record as never;
    }
    const geo = makeGeoShape(`box-${s % 30}`, (s * 13) % 900, (s * 7) % 600, GEO_INDICES[s % 30]) as TLRecord;
    put(geo, clock);
    diff.puts[geo.id] = geo as never;
    if (s % 120 === 119) {
      const victim = strokes.shift()!;
      doc.delete(victim.id);
      diff.deletes.push(victim.id);
    }
    const at = new Date(T0 + (s + 1) * 1000);
    events.push({ at, diff, sinceClock, clock });
    if (s % KEYFRAME_EVERY === 0) keyframes.push({ clock, createdAt: at, snapshot: snapshotNow() });
  }
  const final = snapshotNow();
  for (let i = 0; i < events.length; i += 300) {
    await prisma.timelineEvent.createMany({
      data: events.slice(i, i + 300).map((e) => ({
        interviewId,
        at: e.at,
        kind: 'board',
        payload: { sinceClock: e.sinceClock, clock: e.clock, diff: e.diff } as never,
      })),
    });
  }
  await prisma.boardSnapshot.createMany({ data: keyframes.map((k) => ({ interviewId, clock: k.clock, createdAt: k.createdAt, snapshot: k.snapshot as never })) });
  // As the board engine leaves it at the end: a final keyframe, and the archive marked complete.
  await prisma.boardSnapshot.create({ data: { interviewId, clock, createdAt: new Date(T0 + saves * 1000), snapshot: final as never } });
  await prisma.boardState.create({ data: { interviewId, clock, isClean: true } });
  const endedAt = new Date(T0 + saves * 1000);
  await prisma.timelineEvent.create({ data: { interviewId, at: endedAt, kind: 'interview:ended', payload: {} } });
  await prisma.interview.update({ where: { id: interviewId }, data: { status: 'ended', startedAt: new Date(T0), endedAt } });
  return { events, keyframes, final };
}

async function main() {
  const testDb = await createTestDatabase({ kind: 'pglite' });
  const db = await openDatabase({ dataDir: testDb.dataDir });
  const { prisma } = db;
  try {
    const user = await prisma.user.create({ data: { email: 'bench@replay.test', name: 'bench' } });
    const interview = await prisma.interview.create({
      data: { promptCopy: { title: 'bench' }, level: 'L5', phasePlan: [], participants: { create: { userId: user.id, role: 'interviewer' } } },
    });
    const { events, keyframes, final } = await seedBusyBoard(prisma, interview.id, SAVES);

    const eventBytes = events.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify({ sinceClock: e.sinceClock, clock: e.clock, diff: e.diff })), 0);
    const keyframeBytes = keyframes.reduce((sum, k) => sum + Buffer.byteLength(JSON.stringify(k.snapshot)), 0);
    console.log(`${SAVES} board events, ${keyframes.length} keyframes, ${shapesOf(Object.fromEntries(final.documents.map((d) => [d.state.id, d.state as never]))).length} shapes at the end`);
    console.log(`stored: board events ${kb(eventBytes)} (${(eventBytes / SAVES).toFixed(0)} B each), keyframes ${kb(keyframeBytes)}`);

    const timings: number[] = [];
    let json = '';
    for (let i = 0; i < 3; i += 1) {
      const start = performance.now();
      const result = await getBoardTimeline(useCaseContext(prisma, user.id), { interviewId: interview.id });
      if (!result.ok) throw new Error(result.error.message);
      json = JSON.stringify({ ok: true, data: result.data });
      timings.push(performance.now() - start);
    }
    console.log(`route JSON: ${kb(Buffer.byteLength(json))} raw; getBoardTimeline + stringify ${timings.map(ms).join(', ')}`);
    // What the server's response compression (Next's `compress`: gzip at zlib's default level)
    // adds to the response, and what it saves on the wire.
    let start = performance.now();
    const gzipped = gzipSync(json);
    console.log(`gzip: ${kb(gzipped.length)} on the wire (${((gzipped.length / Buffer.byteLength(json)) * 100).toFixed(1)}% of raw), ${ms(performance.now() - start)} to compress`);

    start = performance.now();
    const data = (JSON.parse(json) as { data: Parameters<typeof buildFrames>[0] }).data;
    const frames = buildFrames(data);
    console.log(`client: JSON.parse + buildFrames ${ms(performance.now() - start)}`);

    const end = boardAt(frames, frames.end);
    const expected = Object.fromEntries(final.documents.map((d) => [d.state.id, d.state]));
    if (JSON.stringify(Object.keys(end).sort()) !== JSON.stringify(Object.keys(expected).sort())) throw new Error('boardAt(end) differs from BoardState');
    if (!isDeepStrictEqual(end, expected)) throw new Error('boardAt(end) differs from BoardState');

    for (const [label, kept] of [['first keyframe only', frames.keyframes.slice(0, 1)], ['no keyframes', []]] as const) {
      const sparse = { ...frames, keyframes: [...kept] };
      start = performance.now();
      for (let i = 0; i < 20; i += 1) boardAt(sparse, frames.end);
      console.log(`boardAt(end) from ${label}: ${ms((performance.now() - start) / 20)}`);
    }
    const samples: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const t = frames.start + Math.random() * (frames.end - frames.start);
      start = performance.now();
      boardAt(frames, t);
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    console.log(`boardAt at a random moment (scrub): median ${ms(samples[100]!)}, p95 ${ms(samples[190]!)}, max ${ms(samples.at(-1)!)}`);
    // 8x playback at 60 fps: 45 min / 8 = 5.6 min of frames.
    const frameCount = Math.ceil(((frames.end - frames.start) / 8 / 1000) * 60);
    start = performance.now();
    for (let f = 0; f < frameCount; f += 1) boardAt(frames, frames.start + (f * (frames.end - frames.start)) / frameCount);
    console.log(`8x playback: ${frameCount} frames, ${ms((performance.now() - start) / frameCount)} per frame; boardAt(end) equals BoardState`);
  } finally {
    await db.close();
    await testDb.cleanup();
  }
}

/**
 * The review page in Chromium against the real server (production build, gzip on): from
 * navigation until the replay shows the final board, for the busy 45 minutes and, as the baseline
 * in the same run, a one-minute board; with the timeline's bytes on the wire.
 */
async function browserLoad() {
  if (!existsSync('.next/BUILD_ID')) {
    console.log('\nbrowser leg skipped: it needs the production build (`npm run build`).');
    return;
  }
  const systemChromium = '/usr/bin/chromium';
  const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync(systemChromium) ? systemChromium : undefined);
  const server = await startTestServer();
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const person = await signedInClient(server, 'bench');
    console.log('\nreview page in Chromium, navigation until the final board is shown (3 loads each):');
    for (const [label, saves] of [['baseline, a 1-minute board', 60], ['45-minute busy board', SAVES]] as const) {
      const { interviewId } = await createInterviewAs(server, person);
      const { final } = await seedBusyBoard(server.services.prisma, interviewId, saves);
      const shapes = final.documents.filter((d) => d.state.typeName === 'shape').length;
      const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
      await context.addCookies([...person.client.cookies].map(([name, value]) => ({ name, value, url: server.url })));
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(String(error)));
      const loads: number[] = [];
      let wire = 0;
      let body = 0;
      for (let run = 0; run < 3; run += 1) {
        const timeline = page.waitForResponse((response) => response.url().endsWith('/board-timeline'));
        const start = performance.now();
        await page.goto(`/interviews/${interviewId}/review`);
        await page
          .getByTestId('replay-shape-count')
          .filter({ hasText: new RegExp(`^${shapes}$`) })
          .waitFor({ timeout: 20_000 })
          .catch(async (error: unknown) => {
            const section = await page.locator('#board').innerText({ timeout: 1000 }).catch(() => '(no board section)');
            throw new Error(`the replay did not show ${shapes} shapes. Board section: ${section}. Page errors: ${pageErrors.join('; ')}`, { cause: error });
          });
        loads.push(performance.now() - start);
        const response = await timeline;
        wire = (await response.request().sizes()).responseBodySize;
        body = (await response.body()).length;
      }
      console.log(`  ${label} (${shapes} shapes): ${loads.map(ms).join(', ')}; timeline ${kb(wire)} on the wire, ${kb(body)} JSON`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.cleanup();
  }
}

await main();
await browserLoad();
