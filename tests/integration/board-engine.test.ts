// The whiteboard engine end to end in one process: a real socket.io server on port 0 with our
// board handlers (fake auth), tldraw's real TLSyncClient in Node connected through our client
// adapter, board files (SQLite, in memory or in a temporary folder) and the memory archive.
// The database archive and the real server are in board.test.ts, replay.test.ts and
// board-durability.test.ts.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RoomSnapshot } from '@tldraw/sync-core';
import { getIndices, toRichText, type TLAsset, type TLShapeId } from 'tldraw';
import { afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { BOARD_ASSET_URL_PREFIX, BOARD_LIMITS, BOARD_MAX_FRAME_BYTES, type TBoardClosed, type TBoardRefusal } from '@/lib/protocol/board';
import type { TResult } from '@/lib/result';
import { createMemoryBoardArchive, type TMemoryBoardArchive } from '@/server/board/board-archive';
import { createBoardFiles, type TBoardFiles } from '@/server/board/board-files';
import type { TBoardSocket } from '@/server/board/board-room';
import { CLOCK_JUMP_AFTER_LOSS, createRoomRegistry, type TRoomRegistryOptions } from '@/server/board/room-registry';
import { DEFAULT_BOARD_SYNC_LIMITS } from '@/server/realtime/board-handlers';
import { bufferedBytes } from '@/server/realtime/board-socket';
import {
  connectBoardClient,
  connectRawSocket,
  eventually,
  installTldrawNodeGlobals,
  makeGeoShape,
  makePresence,
  startBoardTestServer,
  type TBoardTestClient,
  type TBoardTestServer,
} from '../helpers/tldraw-node';

const IV = 'interview1';
const QUIET_LOG = { warn: () => undefined, error: () => undefined };

beforeAll(() => installTldrawNodeGlobals());

let server: TBoardTestServer | undefined;
let clients: TBoardTestClient[] = [];
let archive: TMemoryBoardArchive;
let files: TBoardFiles;

afterEach(async () => {
  for (const client of clients) client.close();
  clients = [];
  await server?.close();
  server = undefined;
});

/**
 * An archive as one machine reaches it: once the machine is lost, its (abandoned) registry can
 * write nothing more, as after kill -9.
 */
function machineArchive(shared: TMemoryBoardArchive) {
  let isAlive = true;
  const archive: TMemoryBoardArchive = { ...shared, append: (id, write) => (isAlive ? shared.append(id, write) : Promise.reject(new Error('machine lost'))) };
  return { archive, lose: () => (isAlive = false) };
}

/** A folder for board files that is removed after the test. */
function tempBoardDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mockroom-boards-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function start(options: Partial<TRoomRegistryOptions> & { syncLimits?: typeof DEFAULT_BOARD_SYNC_LIMITS } = {}) {
  const { syncLimits, ...registryOptions } = options;
  archive = (registryOptions.archive as TMemoryBoardArchive | undefined) ?? createMemoryBoardArchive();
  files = registryOptions.files ?? createBoardFiles(null);
  server = await startBoardTestServer({
    registryOptions: { files, archive, archiveDelayMs: 50, emptyRoomGraceMs: 20, log: QUIET_LOG, ...registryOptions },
    limits: syncLimits,
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
    const stored = archive.latest(IV);
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
    await start({ syncLimits: limits });
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

describe('what one participant may put on the board', () => {
  /** `{"a":{"a":...}}` nested `depth` levels deep, built without recursion. */
  const nested = (depth: number): unknown => JSON.parse('{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1));

  it('refuses a record nested thousands of levels deep; saving and loading go on for everyone', async () => {
    await start();
    const { a, b } = await twoParticipants();
    const mallory = join('mallory');
    await mallory.loaded;
    const refusals = collect<TBoardRefusal>(mallory.socket, 'board:refused');
    // What a hostile client sends: a valid shape whose meta is 3,500 levels deep (about 21 KB).
    const deep = { ...makeGeoShape('deep', 0, 0, 'a5'), meta: { x: nested(3500) } };
    mallory.socket.emit('board:message', JSON.stringify({ type: 'push', clientClock: 1, diff: { 'shape:deep': [0, deep] } }));
    await eventually(() => expect(refusals.map((r) => r.code)).toContain('too_large'));

    // The room still archives: a later edit reaches the archive, and the board loads.
    a.store.put([makeGeoShape('after-deep', 0, 0)]);
    await eventually(() => expect(shapeIdsOf(archive.latest(IV))).toEqual(['shape:after-deep']));
    expect(shapeIdsOf(server!.registry.get(IV)!.snapshot())).toEqual(['shape:after-deep']);
    const c = join('carol');
    await c.loaded;
    expect(c.shapeIds()).toEqual(['shape:after-deep']);
    expect(b.shapeIds()).toEqual(['shape:after-deep']);
  });

  it('ends the session of a client that sends deep nesting in chunks; the others keep working', async () => {
    await start();
    const { a, b } = await twoParticipants();
    const mallory = join('mallory');
    await mallory.loaded;
    const closes = collect<TBoardClosed>(mallory.socket, 'board:closed');
    const json = JSON.stringify({ type: 'push', clientClock: 1, diff: { 'shape:deep': [0, { meta: nested(200), pad: 'p'.repeat(300) }] } });
    const half = Math.floor(json.length / 2);
    mallory.socket.emit('board:message', `1_${json.slice(0, half)}`);
    mallory.socket.emit('board:message', `0_${json.slice(half)}`);
    await eventually(() => expect(closes.map((c) => c.reason)).toContain('invalid_message'));

    a.store.put([makeGeoShape('still-here', 0, 0)]);
    await eventually(() => expect(b.shapeIds()).toEqual(['shape:still-here']));
  });

  it('refuses a record or meta over its size limit, and shapes past the board\'s limit, with a message', async () => {
    await start({ limits: { ...BOARD_LIMITS, maxShapes: 3 } });
    const { a, b } = await twoParticipants();
    const refusals = collect<TBoardRefusal>(a.socket, 'board:refused');

    a.store.put([{ ...makeGeoShape('fat-meta', 0, 0), meta: { blob: 'm'.repeat(BOARD_LIMITS.maxMetaBytes) } }]);
    await eventually(() => expect(refusals.map((r) => r.code)).toEqual(['too_large']));
    await eventually(() => expect(a.shapeIds()).toEqual([]));

    const indices = getIndices(6);
    a.store.put([0, 1, 2, 3].map((i) => makeGeoShape(`s${i}`, i * 20, 0, indices[i + 1])));
    await eventually(() => expect(b.shapeIds()).toHaveLength(3));
    await eventually(() => expect(refusals.at(-1)?.code).toBe('board_full'));
    expect(refusals.at(-1)?.message).toMatch(/full \(3 shapes\)/);
    // The refused shape is rolled back on the sender's side too.
    await eventually(() => expect(a.shapeIds()).toHaveLength(3));
  });
});

describe('connections that stop reading', () => {
  it('drops a socket that stops reading once the server holds too much for it; the others are served', async () => {
    const unlimited = { capacity: 1e9, refillPerSecond: 1e9 };
    await start({ syncLimits: { ...DEFAULT_BOARD_SYNC_LIMITS, messages: unlimited, bytes: unlimited, maxBufferedBytes: 2 * 1024 * 1024 } });
    const { a, b } = await twoParticipants();
    const slow = join('slow');
    await slow.loaded;
    const onServer = [...server!.io.of('/').sockets.values()].find((socket) => socket.data.user.id === 'slow')!;
    let isDropped = false;
    onServer.once('disconnect', () => (isDropped = true));
    // The slow client's machine stops reading: its TCP socket is paused, so what the server sends
    // piles up in the server's buffers.
    const engine = (slow.socket as unknown as { io: { engine: { transport: { ws: { _socket: { pause(): void } } } } } }).io.engine;
    engine.transport.ws._socket.pause();

    // Big changes that every participant receives: about 200 KB each.
    const text = 'x'.repeat(60_000);
    for (let round = 0; round < 300 && !isDropped; round++) {
      a.store.put([0, 1, 2].map((i) => {
        const shape = makeGeoShape(`big-${i}`, i, round);
        return { ...shape, props: { ...shape.props, richText: toRichText(`${round} ${text}`) } };
      }));
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    // The server let go of the connection and of what it held for it.
    expect(isDropped).toBe(true);
    // engine.io empties the write buffer on the tick after the close.
    await eventually(() => expect(bufferedBytes(onServer.conn as never)).toBe(0));
    // The room served the others all along.
    await eventually(() => expect(b.shapeIds()).toEqual(['shape:big-0', 'shape:big-1', 'shape:big-2']));
    expect(a.socket.connected && b.socket.connected).toBe(true);
  }, 30_000);
});

describe('archiving to the database', () => {
  it('archives within the delay, coalescing a burst of edits, with the changes for the replay', async () => {
    const archived: Array<{ interviewId: string; clock: number }> = [];
    await start({ archiveDelayMs: 1000, onArchived: (interviewId, clock) => archived.push({ interviewId, clock }) });
    const { a } = await twoParticipants();

    for (let i = 0; i < 10; i++) a.store.put([makeGeoShape(`burst${i}`, i * 10, 0, getIndices(12)[i + 1])]);
    await eventually(() => expect(shapeIdsOf(archive.latest(IV))).toHaveLength(10), 3000);

    expect(archive.writes.length).toBeLessThanOrEqual(2);
    const room = server!.registry.get(IV)!;
    expect(archived.at(-1)).toEqual({ interviewId: IV, clock: room.clock });
    expect(archive.writes.at(-1)?.clock).toBe(room.clock);
    // The first write of a new board is its empty first document and the strokes as changes;
    // later ones carry the changes only.
    expect(archive.writes[0]?.keyframe?.documents.filter((d) => d.state.typeName === 'shape')).toEqual([]);
    expect(Object.keys(archive.writes[0]?.changes?.diff.puts ?? {})).toContain('shape:burst0');
    a.store.put([makeGeoShape('later', 0, 0, 'a0V')]);
    await eventually(() => expect(archive.writes.at(-1)?.changes?.diff.puts['shape:later']).toBeDefined(), 3000);
    expect(archive.writes.at(-1)?.keyframe).toBeUndefined();
  });

  it('archives the board with a keyframe when the last participant leaves, and a new registry loads it', async () => {
    await start();
    const { a, b } = await twoParticipants();
    a.store.put([makeGeoShape('keep-me', 10, 10)]);
    await eventually(() => expect(b.shapeIds()).toEqual(['shape:keep-me']));

    a.leaveBoard();
    b.leaveBoard();
    await eventually(() => expect(server!.registry.get(IV)).toBeUndefined());
    expect(shapeIdsOf(archive.latest(IV))).toEqual(['shape:keep-me']);
    expect(archive.writes.at(-1)).toMatchObject({ isFinal: true, keyframe: expect.anything() });

    // A fresh process: a new registry on the same archive.
    await server!.close();
    server = await startBoardTestServer({ registryOptions: { files: createBoardFiles(null), archive, log: QUIET_LOG } });
    const c = join('carol');
    await c.loaded;
    expect(c.shapeIds()).toEqual(['shape:keep-me']);
  });

  it('on disconnect tells tldraw the socket closed, and archives the board once tldraw drops the sessions', async () => {
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
    expect(shapeIdsOf(archive.latest(IV))).toEqual(['shape:tab-closed']);
  }, 15_000);

  it('closeAll (SIGTERM) archives every open board and refuses new joins', async () => {
    await start({ archiveDelayMs: 60_000 });
    const { a } = await twoParticipants();
    a.store.put([makeGeoShape('unarchived', 0, 0)]);
    await eventually(() => expect(shapeIdsOf(server!.registry.get(IV)!.snapshot())).toEqual(['shape:unarchived']));
    expect(archive.latest(IV)).toBeNull();
    const closes = collect<TBoardClosed>(a.socket, 'board:closed');

    await server!.registry.closeAll();
    expect(shapeIdsOf(archive.latest(IV))).toEqual(['shape:unarchived']);
    await eventually(() => expect(closes.map((c) => c.reason)).toEqual(['room_closed']));

    const raw = connectRawSocket(server!.url, 'late');
    const answer = (await raw.emitWithAck('board:join', { interviewId: IV })) as TResult<unknown>;
    expect(answer.ok).toBe(false);
    raw.disconnect();
  });

  it('retries a failed archive write while editing goes on', async () => {
    await start({ archiveDelayMs: 20, retryDelayMs: 50 });
    const a = join('alice');
    await a.loaded;
    archive.failNext(3);
    a.store.put([makeGeoShape('survives', 0, 0)]);
    await eventually(() => expect(shapeIdsOf(server!.registry.get(IV)!.snapshot())).toEqual(['shape:survives']));
    // Reported while it lasts (/api/health shows it), then archived.
    await eventually(() => expect(server!.registry.stats().archiveFailing).toBe(1));
    await eventually(() => expect(shapeIdsOf(archive.latest(IV))).toEqual(['shape:survives']));
    expect(server!.registry.stats().archiveFailing).toBe(0);
  });
});

describe('nothing acknowledged is lost', () => {
  /** A process that dies: its registry is dropped without closing anything (no final archive). */
  async function crash() {
    for (const client of clients) client.close();
    clients = [];
    const dead = server!;
    server = undefined;
    // Only the transport goes; the registry is abandoned as kill -9 would leave it.
    await new Promise<void>((resolve) => void dead.io.close(() => resolve()));
  }

  it('edits acknowledged before a crash are in the board file; the next start serves and archives them', async () => {
    const dir = tempBoardDir();
    await start({ files: createBoardFiles(dir), archiveDelayMs: 60_000 });
    const { a, b } = await twoParticipants();
    a.store.put([makeGeoShape('acked-1', 0, 0)]);
    b.store.put([makeGeoShape('acked-2', 0, 0, 'a2')]);
    await eventually(() => expect(a.shapeIds()).toEqual(['shape:acked-1', 'shape:acked-2']));
    await eventually(() => expect(b.shapeIds()).toEqual(['shape:acked-1', 'shape:acked-2']));
    expect(archive.latest(IV)).toBeNull();
    const clockBefore = server!.registry.get(IV)!.clock;
    await crash();
    // What kill -9 leaves on disk: the board file and its write-ahead log as they are (the dead
    // registry's connection still holds the file's exclusive lock in this process, and closing it
    // would checkpoint the log first).
    const leftOnDisk = tempBoardDir();
    cpSync(dir, leftOnDisk, { recursive: true });
    expect(readdirSync(leftOnDisk).filter((name) => name.endsWith('-wal'))).toHaveLength(1);

    // The next process: the board folder as the crash left it, same archive.
    server = await startBoardTestServer({ registryOptions: { files: createBoardFiles(leftOnDisk), archive, archiveDelayMs: 20, log: QUIET_LOG } });
    expect(await server.registry.archivePending()).toBe(0);
    expect(shapeIdsOf(archive.latest(IV))).toEqual(['shape:acked-1', 'shape:acked-2']);
    const c = join('carol');
    await c.loaded;
    expect(c.shapeIds()).toEqual(['shape:acked-1', 'shape:acked-2']);
    // Same document clock as before the crash: clients that were connected get exactly the changes.
    expect(server.registry.get(IV)!.clock).toBe(clockBefore);
  });

  it('a board file has one writer: while a room holds it, a second opener is refused and the room goes on', async () => {
    const dir = tempBoardDir();
    await start({ files: createBoardFiles(dir), archiveDelayMs: 60_000 });
    const { a, b } = await twoParticipants();
    a.store.put([makeGeoShape('first', 0, 0)]);
    await eventually(() => expect(b.shapeIds()).toEqual(['shape:first']));
    expect(() => createBoardFiles(dir).open(IV)).toThrow(/locked/);
    b.store.put([makeGeoShape('second', 0, 0, 'a2')]);
    await eventually(() => expect(a.shapeIds()).toEqual(['shape:first', 'shape:second']));
  });

  it('a client that saw edits the server lost reloads the whole board instead of keeping its own version', async () => {
    const dir = tempBoardDir();
    const shared = createMemoryBoardArchive();
    const first = machineArchive(shared);
    await start({ files: createBoardFiles(dir), archive: first.archive, archiveDelayMs: 20 });
    archive = shared;
    const { a, b } = await twoParticipants();
    a.store.put([makeGeoShape('archived', 0, 0)]);
    await eventually(() => expect(shapeIdsOf(archive.latest(IV))).toEqual(['shape:archived']));
    // The archive stops answering: the next edit is acknowledged (it is in the board file) but
    // not archived, and then the board file is lost with the machine.
    archive.failNext(1000);
    a.store.put([makeGeoShape('lost-with-machine', 50, 0, 'a2')]);
    await eventually(() => expect(b.shapeIds()).toEqual(['shape:archived', 'shape:lost-with-machine']));
    const seenClock = server!.registry.get(IV)!.clock;
    const dead = server!;
    const port = Number(new URL(dead.url).port);
    server = undefined;
    first.lose();
    await new Promise<void>((resolve) => void dead.io.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
    archive.failNext(0);

    // Another machine takes the board from the archive, at the same address: b reconnects
    // by itself, with the document clock it saw last.
    server = await startBoardTestServer({ port, registryOptions: { files: createBoardFiles(tempBoardDir()), archive, log: QUIET_LOG } });
    const c = join('carol');
    await c.loaded;
    expect(c.shapeIds()).toEqual(['shape:archived']);
    expect(server.registry.get(IV)!.clock).toBeGreaterThanOrEqual(seenClock + CLOCK_JUMP_AFTER_LOSS - 1_000);
    // b converges on the server's board: the lost shape is not kept on b's side alone.
    await eventually(() => expect(b.shapeIds()).toEqual(c.shapeIds()), 10_000);
    a.close();
  }, 20_000);
});

describe('losses in a row', () => {
  it('after two machines are lost in a row while the database was down, clients still converge', async () => {
    archive = createMemoryBoardArchive();
    const shared = archive;
    const machine = () => machineArchive(shared);
    let current = machine();
    server = await startBoardTestServer({ registryOptions: { files: createBoardFiles(tempBoardDir()), archive: current.archive, archiveDelayMs: 20, log: QUIET_LOG } });
    const port = Number(new URL(server.url).port);
    const a = join('alice');
    const b = join('bob');
    await Promise.all([a.loaded, b.loaded]);
    a.store.put([makeGeoShape('archived', 0, 0)]);
    await eventually(() => expect(shapeIdsOf(shared.latest(IV))).toEqual(['shape:archived']));

    const replaceMachine = async () => {
      current.lose();
      const dead = server!;
      server = undefined;
      await new Promise<void>((resolve) => void dead.io.close(() => resolve()));
      current = machine();
      server = await startBoardTestServer({ port, registryOptions: { files: createBoardFiles(tempBoardDir()), archive: current.archive, archiveDelayMs: 20, log: QUIET_LOG } });
    };

    // The database is down while alice draws; the machine is lost.
    shared.failNext(1_000_000);
    a.store.put([makeGeoShape('lost-1', 10, 10, 'a2')]);
    await eventually(() => expect(b.shapeIds()).toContain('shape:lost-1'));
    shared.failNext(0);
    await replaceMachine();
    // The next machine opens the board from the archive before the old clients are back, and
    // acknowledges an edit while the database is down again; then it is lost too.
    const opener = join('opener');
    await opener.loaded;
    expect(opener.shapeIds()).toEqual(['shape:archived']);
    shared.failNext(1_000_000);
    opener.store.put([makeGeoShape('lost-2', 20, 20, 'a5')]);
    await eventually(() => expect(a.shapeIds()).toContain('shape:lost-2'));
    // Everybody who saw lost-2 is offline while the next machine takes over and moves on.
    for (const client of [a, b, opener]) client.socket.disconnect();
    shared.failNext(0);
    await replaceMachine();
    const c = join('carol');
    await c.loaded;
    expect(c.shapeIds()).toEqual(['shape:archived']);
    c.store.put([makeGeoShape('after', 30, 30, 'a7')]);
    await eventually(() => expect(server!.registry.get(IV)!.clock).toBeGreaterThan(0));
    await new Promise((resolve) => setTimeout(resolve, 100));

    // They come back with the clocks they saw last: every one ends on the server's board.
    for (const client of [a, b, opener]) client.socket.connect();
    await eventually(() => {
      for (const client of [a, b, opener, c]) expect(client.shapeIds()).toEqual(['shape:after', 'shape:archived']);
    }, 15_000);
  }, 30_000);
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
    // The end archives the final board at once, as complete.
    expect(archive.writes.at(-1)).toMatchObject({ isFinal: true, keyframe: expect.anything() });

    a.store.put([makeGeoShape('after-end', 0, 0, 'a2')]);
    b.store.remove(['shape:before-end' as TLShapeId]);
    // Refused by the server and rolled back locally.
    await eventually(() => {
      expect(a.shapeIds()).toEqual(['shape:before-end']);
      expect(b.shapeIds()).toEqual(['shape:before-end']);
    });
    expect(shapeIdsOf(server!.registry.get(IV)!.snapshot())).toEqual(['shape:before-end']);
    expect(shapeIdsOf(archive.latest(IV))).toEqual(['shape:before-end']);

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
  const fakeSocket = (): TBoardSocket => ({
    readyState: 1,
    send: () => undefined,
    close: () => undefined,
    setCloseReason: () => undefined,
    refuse: () => undefined,
  });
  const meta = { userId: 'u', userName: null };

  it('creates one TLSocketRoom for two simultaneous first joins (one claim, one load)', async () => {
    const memory = createMemoryBoardArchive();
    let loads = 0;
    let claims = 0;
    const registry = createRoomRegistry({
      files: createBoardFiles(null),
      archive: {
        ...memory,
        claim: (id) => (claims++, memory.claim(id)),
        load: async (id) => {
          loads++;
          await new Promise((resolve) => setTimeout(resolve, 30));
          return memory.load(id);
        },
      },
      log: QUIET_LOG,
    });
    const [first, second] = await Promise.all([
      registry.connect(IV, { sessionId: 's1', socket: fakeSocket(), isReadonly: false, meta }),
      registry.connect(IV, { sessionId: 's2', socket: fakeSocket(), isReadonly: false, meta }),
    ]);
    expect([claims, loads]).toEqual([1, 1]);
    expect(registry.stats()).toMatchObject({ rooms: 1, roomsOpened: 1 });
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
    expect(server!.registry.stats()).toMatchObject({ rooms: 1, roomsOpened: 1 });
  });

  it('does not create a room when the archive cannot load, and retries on the next join', async () => {
    const memory = createMemoryBoardArchive();
    let failLoad = true;
    const registry = createRoomRegistry({
      files: createBoardFiles(null),
      archive: {
        ...memory,
        load: async (id) => {
          if (failLoad) throw new Error('database down');
          return memory.load(id);
        },
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

  it('a process that lost the board to another stops writing it (fenced by the owner epoch)', async () => {
    const memory = createMemoryBoardArchive();
    const first = createRoomRegistry({ files: createBoardFiles(null), archive: memory, archiveDelayMs: 10, log: QUIET_LOG });
    await first.connect(IV, { sessionId: 's1', socket: fakeSocket(), isReadonly: false, meta });
    // Another process claims the board (a takeover); the first one's next write is refused.
    await memory.claim(IV);
    const writes = memory.writes.length;
    expect(await first.flush(IV)).toBe(false);
    expect(memory.writes.length).toBe(writes);
    await eventually(() => expect(first.get(IV)).toBeUndefined());
  });
});
