// The whiteboard transport and room layer, end to end in one process: a real socket.io server on
// port 0 with our board handlers (fake auth), and tldraw's real TLSyncClient in Node connected
// through our client adapter. No browser, no database (the memory store stands in for Prisma).
import { JsonChunkAssembler, type RoomSnapshot } from '@tldraw/sync-core';
import { getIndices, type TLAsset, type TLShapeId } from 'tldraw';
import { afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { toFrames } from '@/components/whiteboard/socketio-client-socket';
import { BOARD_ASSET_URL_PREFIX, BOARD_CHUNK_CHARS, BOARD_MAX_FRAME_BYTES, utf8ByteLength, type TBoardClosed, type TBoardRefusal } from '@/lib/protocol/board';
import type { TResult } from '@/lib/result';
import { createBoardAuthorizers, type TBoardSocket } from '@/server/board/board-room';
import { DEFAULT_BOARD_SYNC_LIMITS, isWellFormedFrame } from '@/server/realtime/board-handlers';
import { createMemoryBoardStore, type TBoardStore, type TMemoryBoardStore } from '@/server/board/board-store';
import { createRoomRegistry, type TRoomRegistryOptions } from '@/server/board/room-registry';
import {
  connectBoardClient,
  connectRawSocket,
  eventually,
  installTldrawNodeGlobals,
  makeGeoShape,
  makePresence,
  PAGE_ID,
  startBoardTestServer,
  type TBoardTestClient,
  type TBoardTestServer,
} from '../helpers/tldraw-node';

const IV = 'interview1';
const QUIET_LOG = { warn: () => undefined, error: () => undefined };

beforeAll(() => installTldrawNodeGlobals());

let server: TBoardTestServer | undefined;
let clients: TBoardTestClient[] = [];
let store: TMemoryBoardStore;

afterEach(async () => {
  for (const client of clients) client.close();
  clients = [];
  await server?.close();
  server = undefined;
});

async function start(options: Partial<TRoomRegistryOptions> & { limits?: typeof DEFAULT_BOARD_SYNC_LIMITS } = {}) {
  const { limits, ...registryOptions } = options;
  store = createMemoryBoardStore();
  server = await startBoardTestServer({
    registryOptions: { store, saveDelayMs: 50, emptyRoomGraceMs: 20, log: QUIET_LOG, ...registryOptions },
    limits,
  });
  return server;
}

function join(userId: string, interviewId = IV) {
  const client = connectBoardClient(server!.url, { userId, interviewId });
  clients.push(client);
  return client;
}

async function twoParticipants() {
  const a = join('alice');
  const b = join('bob');
  await Promise.all([a.loaded, b.loaded]);
  return { a, b };
}

const shapeIdsOf = (snapshot: RoomSnapshot | null) =>
  (snapshot?.documents ?? [])
    .map((d) => d.state)
    .filter((r) => r.typeName === 'shape')
    .map((r) => r.id)
    .sort();

const typeNamesOf = (snapshot: RoomSnapshot | null) => new Set((snapshot?.documents ?? []).map((d) => d.state.typeName));

function collect<T>(socket: { on(event: string, listener: (payload: T) => void): unknown }, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

describe('board sync over socket.io', () => {
  it('converges both participants on the same document, in both directions', async () => {
    await start();
    const { a, b } = await twoParticipants();

    a.store.put([makeGeoShape('from-alice', 10, 20)]);
    await eventually(() => expect(b.shapeIds()).toEqual(['shape:from-alice']));

    b.store.update('shape:from-alice' as TLShapeId, (shape) => ({ ...shape, x: 300 }));
    b.store.put([makeGeoShape('from-bob', 50, 60, 'a2')]);
    await eventually(() => {
      expect(a.shapeIds()).toEqual(['shape:from-alice', 'shape:from-bob']);
      expect(a.store.get('shape:from-alice' as TLShapeId)).toMatchObject({ x: 300 });
    });
    expect(shapeIdsOf(server!.registry.get(IV)!.snapshot())).toEqual(['shape:from-alice', 'shape:from-bob']);
  });

  it('issues a fresh session id from the server at every join and refuses a client-chosen one', async () => {
    await start();
    const { a, b } = await twoParticipants();
    const [aJoin] = a.joins;
    const [bJoin] = b.joins;
    expect(aJoin?.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(aJoin?.sessionId).not.toBe(bJoin?.sessionId);

    const raw = connectRawSocket(server!.url, 'mallory');
    const answer = await raw.emitWithAck('board:join', { interviewId: IV, sessionId: aJoin?.sessionId });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    raw.disconnect();
  });

  it('replaces a socket\'s session on rejoin; a late leave for the old session ends nothing', async () => {
    await start();
    const raw = connectRawSocket(server!.url, 'dave');
    const first = (await raw.emitWithAck('board:join', { interviewId: IV })) as TResult<{ sessionId: string }>;
    const second = (await raw.emitWithAck('board:join', { interviewId: IV })) as TResult<{ sessionId: string }>;
    if (!first.ok || !second.ok) throw new Error('join failed');
    const sessionIds = () => server!.registry.get(IV)!.sessions().map((s) => s.sessionId);
    expect(sessionIds()).toEqual([second.data.sessionId]);

    raw.emit('board:leave', { sessionId: first.data.sessionId });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sessionIds()).toEqual([second.data.sessionId]);
    raw.emit('board:leave', { sessionId: second.data.sessionId });
    await eventually(() => expect(server!.registry.get(IV)?.sessionCount ?? 0).toBe(0));
    raw.disconnect();
  });

  it('refuses a join the authorization denies, as not found', async () => {
    await start();
    server!.access.set(`${IV}:eve`, { ok: false });
    const raw = connectRawSocket(server!.url, 'eve');
    const answer = (await raw.emitWithAck('board:join', { interviewId: IV })) as TResult<unknown>;
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(server!.registry.stats().roomsOpened).toBe(0);
    raw.disconnect();
  });

  it('sends a big change in chunks that the server reassembles', async () => {
    await start();
    const { a, b } = await twoParticipants();
    const indices = getIndices(300);
    const shapes = Array.from({ length: 250 }, (_, k) => makeGeoShape(`big${k}`, k * 10, 0, indices[k + 1]));
    const frames = collect<string>(server!.io.of('/').sockets.get(a.socket.id!)!, 'board:message');

    a.store.put(shapes);
    await eventually(() => expect(b.shapeIds()).toHaveLength(250));
    expect(frames.filter((f) => /^\d+_/.test(f)).length).toBeGreaterThan(1);
  });

  it('keeps presence out of the document and out of storage', async () => {
    await start();
    const { a, b } = await twoParticipants();
    a.presence.set(makePresence('alice', 'Alice', { x: 5, y: 5 }));
    a.store.put([makeGeoShape('s1', 0, 0)]);
    await eventually(() => expect(b.store.allRecords().some((r) => r.typeName === 'instance_presence')).toBe(true));
    await server!.registry.flush(IV);

    const live = server!.registry.get(IV)!.snapshot();
    const stored = store.latest(IV);
    for (const snapshot of [live, stored]) {
      expect(typeNamesOf(snapshot)).toEqual(new Set(['document', 'page', 'shape']));
    }
  });
});

describe('refusing bad input without harming the room', () => {
  it('refuses non-text, oversized and garbage frames; both participants keep working', async () => {
    await start();
    const { a, b } = await twoParticipants();
    const refusals = collect<TBoardRefusal>(a.socket, 'board:refused');
    const closes = collect<TBoardClosed>(a.socket, 'board:closed');
    const emit = (frame: unknown) => (a.socket as unknown as { emit(e: string, f: unknown): void }).emit('board:message', frame);

    emit(42);
    emit({ type: 'ping' });
    emit(null);
    emit('x'.repeat(BOARD_MAX_FRAME_BYTES + 1));
    emit('{"type":"push", this is not json');
    emit('{"type":"hello"}');
    emit('[1,2,3]');
    emit('garbage');
    emit('99_not a real chunk');

    // The first refusal is reported (later ones within a second are counted, not echoed).
    await eventually(() => expect(refusals.length).toBeGreaterThan(0));
    expect(refusals[0]?.code).toBe('invalid_input');

    a.store.put([makeGeoShape('after-garbage-a', 1, 1)]);
    b.store.put([makeGeoShape('after-garbage-b', 2, 2, 'a2')]);
    await eventually(() => {
      expect(a.shapeIds()).toEqual(['shape:after-garbage-a', 'shape:after-garbage-b']);
      expect(b.shapeIds()).toEqual(['shape:after-garbage-a', 'shape:after-garbage-b']);
    });
    // Neither session was reset by the garbage: still the first join, no close, no sync error.
    expect(a.joins).toHaveLength(1);
    expect(closes).toEqual([]);
    expect(a.syncErrors).toEqual([]);
  });

  it('refuses frames from a socket that has not joined', async () => {
    await start();
    const raw = connectRawSocket(server!.url, 'mallory');
    const refusals = collect<TBoardRefusal>(raw, 'board:refused');
    raw.emit('board:message', '{"type":"ping"}');
    await eventually(() => expect(refusals.map((r) => r.code)).toEqual(['not_joined']));
    raw.disconnect();
  });

  it('discards well-formed pushes with invalid records; only the sender resyncs', async () => {
    await start();
    const { a, b } = await twoParticipants();
    const mallory = join('mallory');
    await mallory.loaded;
    // tldraw's client logs the push result it did not expect; that is the point here.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => quiet.mockRestore());

    // Valid frames, invalid content: a shape failing validation, a record type the schema lacks.
    // tldraw 5.4.2 discards such a push (push_result "discard"); the sender's client, which never
    // made that push, resets and rejoins.
    const pushes = [
      { 'shape:bad': [0, { id: 'shape:bad', typeName: 'shape', type: 'geo', props: { w: 'wide' } }] },
      { 'nonsense:x': [0, { id: 'nonsense:x', typeName: 'nonsense' }] },
    ];
    for (const [i, diff] of pushes.entries()) {
      const resynced = mallory.nextConnect();
      mallory.socket.emit('board:message', JSON.stringify({ type: 'push', clientClock: 900 + i, diff }));
      await resynced;
    }
    expect(mallory.joins).toHaveLength(3);

    a.store.put([makeGeoShape('still-fine', 0, 0)]);
    await eventually(() => {
      expect(b.shapeIds()).toEqual(['shape:still-fine']);
      expect(mallory.shapeIds()).toEqual(['shape:still-fine']);
    });
    const records = server!.registry.get(IV)!.snapshot().documents.map((d) => d.state.id);
    expect(records).not.toContain('shape:bad');
    expect(records).not.toContain('nonsense:x');
    expect([a.joins.length, b.joins.length]).toEqual([1, 1]);
  });

  it('passes tldraw\'s fatal closes to the client as sync errors (no rejoin loop)', async () => {
    await start();
    const { a, b } = await twoParticipants();
    const closes = collect<TBoardClosed>(a.socket, 'board:closed');
    // A connect request from a newer tldraw than the server's.
    a.socket.emit('board:message', JSON.stringify({ type: 'connect', connectRequestId: 'x', lastServerClock: 0, protocolVersion: 9999, schema: a.store.schema.serialize() }));
    await eventually(() => expect(a.syncErrors).toEqual(['SERVER_TOO_OLD']));
    expect(closes).toEqual([{ sessionId: a.joins[0]?.sessionId, reason: 'SERVER_TOO_OLD', isFatal: true }]);
    expect(a.adapter.connectionStatus).toBe('error');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(a.joins).toHaveLength(1);

    b.store.put([makeGeoShape('b-alone', 0, 0)]);
    await eventually(() => expect(shapeIdsOf(server!.registry.get(IV)!.snapshot())).toEqual(['shape:b-alone']));
  });

  it('drops a flood past the rate limit without disconnecting anyone', async () => {
    const limits = { ...DEFAULT_BOARD_SYNC_LIMITS, messages: { capacity: 20, refillPerSecond: 10 } };
    await start({ limits });
    const { a, b } = await twoParticipants();
    const mallory = join('mallory');
    await mallory.loaded;
    let pongs = 0;
    mallory.socket.on('board:message', (frame: string) => {
      if (frame.includes('"pong"')) pongs++;
    });
    const refusals = collect<TBoardRefusal>(mallory.socket, 'board:refused');

    const started = Date.now();
    for (let i = 0; i < 500; i++) mallory.socket.emit('board:message', '{"type":"ping"}');
    await eventually(() => expect(refusals.map((r) => r.code)).toContain('rate_limited'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const elapsedSeconds = (Date.now() - started) / 1000;

    // Only what the bucket allowed reached tldraw (each accepted ping is answered by a pong).
    expect(pongs).toBeGreaterThan(0);
    expect(pongs).toBeLessThanOrEqual(limits.messages.capacity + Math.ceil(elapsedSeconds * limits.messages.refillPerSecond) + 1);
    expect(mallory.socket.connected).toBe(true);

    // The well-behaved participants (own buckets) are unaffected.
    a.store.put([makeGeoShape('during-flood', 0, 0)]);
    await eventually(() => expect(b.shapeIds()).toEqual(['shape:during-flood']));
    expect(a.socket.connected && b.socket.connected).toBe(true);
    expect(a.joins).toHaveLength(1);
    expect(b.joins).toHaveLength(1);
  });

  it('refuses embeds and assets that would load another site', async () => {
    await start();
    const { a, b } = await twoParticipants();
    const prefix = BOARD_ASSET_URL_PREFIX;
    const image = (id: string, src: string): TLAsset =>
      ({
        id: `asset:${id}`,
        typeName: 'asset',
        type: 'image',
        props: { name: 'x.png', src, w: 10, h: 10, mimeType: 'image/png', isAnimated: false, fileSize: 1 },
        meta: {},
      }) as TLAsset;

    a.store.put([image('remote', 'https://tracker.example/pixel.png'), image('inline', 'data:image/png;base64,AAAA')]);
    a.store.put([image('ours', `${prefix}abc123`), image('sneaky', `${prefix}..%2F..%2Faccount`)]);
    a.store.put([{ ...makeGeoShape('embed', 0, 0, 'a3'), type: 'embed', props: { url: 'https://example.com', w: 300, h: 200 } } as never]);
    a.store.put([makeGeoShape('marker', 0, 0, 'a4')]);

    await eventually(() => expect(b.shapeIds()).toEqual(['shape:marker']));
    const assetIds = () =>
      b.store
        .allRecords()
        .filter((r) => r.typeName === 'asset')
        .map((r) => r.id);
    expect(assetIds()).toEqual(['asset:ours']);
    // The sender's speculative copies are rolled back too.
    await eventually(() => expect(a.shapeIds()).toEqual(['shape:marker']));
  });
});

describe('persistence', () => {
  it('writes within the save delay, coalescing a burst of edits, and reports the stored clock', async () => {
    const saved: Array<{ interviewId: string; clock: number }> = [];
    await start({ saveDelayMs: 1000, onSaved: (interviewId, clock) => saved.push({ interviewId, clock }) });
    const { a } = await twoParticipants();

    const startedAt = Date.now();
    for (let i = 0; i < 10; i++) a.store.put([makeGeoShape(`burst${i}`, i * 10, 0, getIndices(12)[i + 1])]);
    await eventually(() => expect(shapeIdsOf(store.latest(IV))).toHaveLength(10), 3000);
    const elapsed = Date.now() - startedAt;

    expect(elapsed).toBeLessThan(2000);
    expect(store.saves.length).toBeLessThanOrEqual(2);
    const room = server!.registry.get(IV)!;
    expect(saved.at(-1)).toEqual({ interviewId: IV, clock: room.clock });
    expect(store.saves.at(-1)?.clock).toBe(room.clock);
    // A later save carries the changes since the previous one, for the replay timeline.
    a.store.put([makeGeoShape('later', 0, 0, 'a0V')]);
    await eventually(() => expect(store.saves.at(-1)?.changes?.diff.puts['shape:later']).toBeDefined(), 3000);
  });

  it('stores the board when the last participant leaves, and a new registry loads it', async () => {
    await start();
    const { a, b } = await twoParticipants();
    a.store.put([makeGeoShape('keep-me', 10, 10)]);
    await eventually(() => expect(b.shapeIds()).toEqual(['shape:keep-me']));

    a.leaveBoard();
    b.leaveBoard();
    await eventually(() => expect(server!.registry.get(IV)).toBeUndefined());
    expect(shapeIdsOf(store.latest(IV))).toEqual(['shape:keep-me']);

    // A fresh process: a new registry on the same store.
    await server!.close();
    server = await startBoardTestServer({ registryOptions: { store, log: QUIET_LOG } });
    const c = join('carol');
    await c.loaded;
    expect(c.shapeIds()).toEqual(['shape:keep-me']);
  });

  it('on disconnect tells tldraw the socket closed, and stores the board once tldraw drops the sessions', async () => {
    await start();
    const { a, b } = await twoParticipants();
    a.store.put([makeGeoShape('tab-closed', 0, 0)]);
    await eventually(() => expect(b.shapeIds()).toEqual(['shape:tab-closed']));
    const sessionId = a.joins[0]?.sessionId;
    a.socket.disconnect();
    await eventually(() => {
      const session = server!.registry.get(IV)!.sessions().find((s) => s.sessionId === sessionId);
      // Cancelled (handleSocketClose): tldraw keeps it ~5 s for presence, then removes it.
      expect(session?.isConnected).toBe(false);
    });
    b.socket.disconnect();
    await eventually(() => expect(server!.registry.get(IV)).toBeUndefined(), 12_000, 100);
    expect(shapeIdsOf(store.latest(IV))).toEqual(['shape:tab-closed']);
  }, 15_000);

  it('closeAll (SIGTERM) stores every open board and refuses new joins', async () => {
    await start({ saveDelayMs: 60_000 });
    const { a } = await twoParticipants();
    a.store.put([makeGeoShape('unsaved', 0, 0)]);
    await eventually(() => expect(shapeIdsOf(server!.registry.get(IV)!.snapshot())).toEqual(['shape:unsaved']));
    expect(store.latest(IV)).toBeNull();
    const closes = collect<TBoardClosed>(a.socket, 'board:closed');

    await server!.registry.closeAll();
    expect(shapeIdsOf(store.latest(IV))).toEqual(['shape:unsaved']);
    await eventually(() => expect(closes.map((c) => c.reason)).toEqual(['room_closed']));

    const raw = connectRawSocket(server!.url, 'late');
    const answer = (await raw.emitWithAck('board:join', { interviewId: IV })) as TResult<unknown>;
    expect(answer.ok).toBe(false);
    raw.disconnect();
  });

  it('keeps the room and retries when a write fails', async () => {
    const memory = createMemoryBoardStore();
    let failNext = 1;
    const flaky: TBoardStore = {
      load: (id) => memory.load(id),
      save: async (id, input) => {
        if (failNext-- > 0) throw new Error('database down');
        await memory.save(id, input);
      },
    };
    server = await startBoardTestServer({ registryOptions: { store: flaky, saveDelayMs: 20, retryDelayMs: 50, emptyRoomGraceMs: 10, log: QUIET_LOG } });
    const a = join('alice');
    await a.loaded;
    a.store.put([makeGeoShape('survives', 0, 0)]);
    await eventually(() => expect(shapeIdsOf(memory.latest(IV))).toEqual(['shape:survives']));
  });
});

describe('read-only after the interview ends', () => {
  it('switches open sessions to read-only and refuses their edits', async () => {
    await start();
    const { a, b } = await twoParticipants();
    a.store.put([makeGeoShape('before-end', 0, 0)]);
    await eventually(() => expect(b.shapeIds()).toEqual(['shape:before-end']));

    const reconnects = [a.nextConnect(), b.nextConnect()];
    await server!.registry.setReadOnly(IV);
    const [aMode, bMode] = await Promise.all(reconnects);
    expect(aMode).toEqual({ isReadonly: true });
    expect(bMode).toEqual({ isReadonly: true });
    expect(a.joins.map((j) => j.isReadonly)).toEqual([false, true]);
    expect(server!.registry.get(IV)!.sessions().every((s) => s.isReadonly)).toBe(true);

    a.store.put([makeGeoShape('after-end', 0, 0, 'a2')]);
    b.store.remove(['shape:before-end' as TLShapeId]);
    // Refused by the server and rolled back locally.
    await eventually(() => {
      expect(a.shapeIds()).toEqual(['shape:before-end']);
      expect(b.shapeIds()).toEqual(['shape:before-end']);
    });
    expect(shapeIdsOf(server!.registry.get(IV)!.snapshot())).toEqual(['shape:before-end']);
    expect(shapeIdsOf(store.latest(IV))).toEqual(['shape:before-end']);

    // A later join is read-only too, whatever the authorization says.
    const c = join('carol');
    await c.loaded;
    expect(c.joins[0]?.isReadonly).toBe(true);
  });

  it('presence still flows in a read-only room', async () => {
    await start();
    const { a, b } = await twoParticipants();
    const reconnects = [a.nextConnect(), b.nextConnect()];
    await server!.registry.setReadOnly(IV);
    await Promise.all(reconnects);
    a.presence.set(makePresence('alice', 'Alice', { x: 42, y: 7 }));
    await eventually(() =>
      expect(b.store.allRecords().find((r) => r.typeName === 'instance_presence')).toMatchObject({ cursor: { x: 42, y: 7 } }),
    );
  });
});

describe('room registry', () => {
  const fakeSocket = (): TBoardSocket => ({ readyState: 1, send: () => undefined, close: () => undefined, setCloseReason: () => undefined });
  const meta = { userId: 'u', userName: null };

  it('creates one TLSocketRoom for two simultaneous first joins (one load)', async () => {
    const memory = createMemoryBoardStore();
    let loads = 0;
    const slow: TBoardStore = {
      load: async (id) => {
        loads++;
        await new Promise((resolve) => setTimeout(resolve, 30));
        return memory.load(id);
      },
      save: (id, input) => memory.save(id, input),
    };
    const registry = createRoomRegistry({ store: slow, log: QUIET_LOG });
    const [first, second] = await Promise.all([
      registry.connect(IV, { sessionId: 's1', socket: fakeSocket(), isReadonly: false, meta }),
      registry.connect(IV, { sessionId: 's2', socket: fakeSocket(), isReadonly: false, meta }),
    ]);
    expect(loads).toBe(1);
    expect(registry.stats()).toEqual({ rooms: 1, roomsOpened: 1 });
    expect(first.sessionId).not.toBe(second.sessionId);
    expect(
      registry
        .get(IV)!
        .sessions()
        .map((s) => s.sessionId)
        .sort(),
    ).toEqual(['s1', 's2']);
    await registry.closeAll();
  });

  it('creates one room when two participants join at the same moment over sockets', async () => {
    await start();
    await twoParticipants();
    expect(server!.registry.stats()).toEqual({ rooms: 1, roomsOpened: 1 });
  });

  it('does not create a room when the store cannot load, and retries on the next join', async () => {
    const memory = createMemoryBoardStore();
    let failLoad = true;
    const registry = createRoomRegistry({
      store: {
        load: async (id) => {
          if (failLoad) throw new Error('database down');
          return memory.load(id);
        },
        save: (id, input) => memory.save(id, input),
      },
      log: QUIET_LOG,
    });
    await expect(registry.connect(IV, { sessionId: 's1', socket: fakeSocket(), isReadonly: false, meta })).rejects.toThrow('database down');
    expect(registry.stats().rooms).toBe(0);
    failLoad = false;
    await registry.connect(IV, { sessionId: 's2', socket: fakeSocket(), isReadonly: false, meta });
    expect(registry.stats().rooms).toBe(1);
    await registry.closeAll();
  });
});

describe('frames', () => {
  it('splits into chunks that tldraw reassembles, each within the frame limit', () => {
    const json = JSON.stringify({ type: 'push', text: 'ü€😀'.repeat(40_000) });
    const frames = toFrames(json);
    expect(frames.length).toBeGreaterThan(1);
    for (const frame of frames) expect(utf8ByteLength(frame)).toBeLessThanOrEqual(BOARD_MAX_FRAME_BYTES);
    const assembler = new JsonChunkAssembler();
    const results = frames.map((frame) => assembler.handleMessage(frame));
    expect(results.slice(0, -1).every((r) => r === null)).toBe(true);
    expect(results.at(-1)).toMatchObject({ stringified: json });
    expect(toFrames('{"type":"ping"}')).toEqual(['{"type":"ping"}']);
    expect(BOARD_CHUNK_CHARS * 3).toBeLessThanOrEqual(BOARD_MAX_FRAME_BYTES);
  });

  it('counts UTF-8 bytes like Buffer does', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a😀b', '\ud800', 'mixed ü € 😀 text']) {
      expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text));
    }
  });

  it('accepts protocol messages and chunks only', () => {
    expect(isWellFormedFrame('{"type":"ping"}')).toBe(true);
    expect(isWellFormedFrame('{"type":"push","clientClock":1}')).toBe(true);
    expect(isWellFormedFrame('3_{"type":')).toBe(true);
    expect(isWellFormedFrame('{"type":"other"}')).toBe(false);
    expect(isWellFormedFrame('{oops')).toBe(false);
    expect(isWellFormedFrame('"ping"')).toBe(false);
    expect(isWellFormedFrame('999_x')).toBe(false);
  });

  it('asset policy: own upload route only, one path segment', () => {
    const authorize = createBoardAuthorizers('/api/assets/').asset!;
    const session = { isReadonly: false, meta: { userId: 'u', userName: null }, sessionId: 's' };
    const asset = (src: string) =>
      ({ id: 'asset:a', typeName: 'asset', type: 'image', props: { src, name: '', w: 1, h: 1, mimeType: null, isAnimated: false }, meta: {} }) as never;
    const allowed = (src: string) => authorize({ session, type: 'create', prev: null, next: asset(src) }) !== null;
    expect(allowed('/api/assets/cmabc123xyz')).toBe(true);
    expect(allowed('')).toBe(true);
    expect(allowed('/api/assets/../account/delete')).toBe(false);
    expect(allowed('/api/assets/a/b')).toBe(false);
    expect(allowed('/api/assets/a?b=c')).toBe(false);
    expect(allowed('/api/other')).toBe(false);
    expect(allowed('https://example.com/a.png')).toBe(false);
    expect(allowed('data:image/png;base64,AA')).toBe(false);
  });

  it('user policy: a session writes only its own user record', () => {
    const authorize = createBoardAuthorizers('/x/').user!;
    const session = { isReadonly: false, meta: { userId: 'alice', userName: 'Alice' }, sessionId: 's' };
    const user = (id: string) => ({ id, typeName: 'user', name: 'n', color: '#000', imageUrl: '', meta: {} }) as never;
    expect(authorize({ session, type: 'create', prev: null, next: user('user:alice') })).not.toBeNull();
    expect(authorize({ session, type: 'update', prev: user('user:bob'), next: user('user:bob') })).toBeNull();
    expect(authorize({ session, type: 'delete', prev: user('user:bob'), next: null })).toBeNull();
  });
});

// Keep the page id in the import list honest: shapes are created on tldraw's default page.
expect(PAGE_ID).toBe('page:page');
