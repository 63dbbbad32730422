// A seeded fuzz of `board:message`: valid tldraw frames, mutated (cut, spliced, re-typed,
// nested, chunked out of order, oversized), sent by one participant while two others draw. The
// server stays up, refuses what is malformed, never stores a record the schema refuses, and the
// well-behaved participants keep converging. Frames per run: BOARD_FRAME_FUZZ (default 3,000).
import type { RoomSnapshot } from '@tldraw/sync-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryBoardArchive } from '@/server/board/board-archive';
import { createBoardFiles } from '@/server/board/board-files';
import { DEFAULT_BOARD_SYNC_LIMITS } from '@/server/realtime/board-handlers';
import { connectBoardClient, connectRawSocket, eventually, installTldrawNodeGlobals, makeGeoShape, startBoardTestServer, type TBoardTestServer } from '../helpers/tldraw-node';
import { seededRandom } from '../helpers/seeded-random';

const IV = 'fuzzed-frames';
const FRAMES = Number(process.env.BOARD_FRAME_FUZZ ?? 3000);


let server: TBoardTestServer;
beforeAll(async () => {
  installTldrawNodeGlobals();
  const unlimited = { capacity: 1e9, refillPerSecond: 1e9 };
  server = await startBoardTestServer({
    registryOptions: { files: createBoardFiles(null), archive: createMemoryBoardArchive(), archiveDelayMs: 50, log: { warn: () => undefined, error: () => undefined } },
    // The fuzzer must reach tldraw, not the rate limits.
    limits: { ...DEFAULT_BOARD_SYNC_LIMITS, messages: unlimited, bytes: unlimited, maxInvalidFrames: 1e9 },
  });
});
afterAll(async () => {
  await server?.close();
});

describe('malformed board frames', () => {
  it(`${FRAMES} mutated frames from one participant harm nobody else`, async () => {
    const rng = seededRandom(42);
    const a = connectBoardClient(server.url, { userId: 'ann', interviewId: IV });
    const b = connectBoardClient(server.url, { userId: 'ben', interviewId: IV });
    await Promise.all([a.loaded, b.loaded]);
    const shape = makeGeoShape('valid', 1, 2);
    const seeds = [
      { type: 'push', clientClock: 1, diff: { [shape.id]: [0, shape] } },
      { type: 'push', clientClock: 2, diff: { [shape.id]: [2, { x: [0, 5] }] } },
      { type: 'push', clientClock: 3, presence: [0, { cursor: { x: 1, y: 2 } }] },
      { type: 'ping' },
      { type: 'connect', connectRequestId: 'x', lastServerClock: 0, protocolVersion: 8, schema: a.store.schema.serialize() },
    ];
    const junk = [null, true, -1, 1e308, 'x'.repeat(300), [], {}, { typeName: 'shape' }, '\u0000', '\ud800'];
    const mutate = (value: unknown, depth = 0): unknown => {
      if (depth > 6 || value === null || typeof value !== 'object') return rng.next() < 0.3 ? rng.pick(junk) : value;
      const entries = Object.entries(value as Record<string, unknown>);
      const out: Record<string, unknown> = Array.isArray(value) ? [] as never : {};
      for (const [key, inner] of entries) {
        const roll = rng.next();
        if (roll < 0.1) continue; // drop a field
        out[roll < 0.15 ? `${key}_` : key] = roll < 0.4 ? rng.pick(junk) : mutate(inner, depth + 1);
      }
      return out;
    };
    const raw = connectRawSocket(server.url, 'mallory');
    const joined = await raw.emitWithAck('board:join', { interviewId: IV });
    expect(joined.ok).toBe(true);
    for (let i = 0; i < FRAMES; i++) {
      const text = JSON.stringify(mutate(rng.pick(seeds)));
      const kind = rng.int(6);
      let frame: string;
      if (kind === 0) frame = text.slice(0, rng.int(text.length));
      else if (kind === 1) frame = `${rng.int(40)}_${text.slice(rng.int(text.length))}`;
      else if (kind === 2) frame = `{"type":"push","clientClock":${i},"diff":{"shape:n":[0,${'['.repeat(70 + rng.int(4000))}`;
      else if (kind === 3) frame = text.replace(/"/g, rng.pick(["'", '', '""']));
      else frame = text;
      raw.emit('board:message', frame);
      if (i % 200 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      // Now and then the fuzzer rejoins (tldraw ends sessions that send nonsense).
      if (i % 500 === 499) await raw.emitWithAck('board:join', { interviewId: IV });
    }

    // The others still draw and converge; every stored shape is one the schema accepts.
    a.store.put([makeGeoShape('after-fuzz', 10, 10, 'a5')]);
    await eventually(() => expect(b.shapeIds()).toContain('shape:after-fuzz'), 15_000);
    const snapshot: RoomSnapshot = server.registry.get(IV)!.snapshot();
    for (const { state } of snapshot.documents) expect(() => a.store.schema.validateRecord(a.store, state as never, 'initialize', null)).not.toThrow();
    expect(a.shapeIds()).toEqual(b.shapeIds());
    raw.disconnect();
    a.close();
    b.close();
  }, 120_000);
});
