// Board ownership across processes: the Redis lease (against the machine's real Redis, when
// REDIS_URL is set) and the registry's hand-over between two registries in one test process,
// each with its own cluster connection and instance id, sharing one memory archive.
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TBoardClosed } from '@/lib/protocol/board';
import { createMemoryBoardArchive } from '@/server/board/board-archive';
import { createBoardFiles } from '@/server/board/board-files';
import { BoardUnavailableError, createRoomRegistry, type TBoardOwnership } from '@/server/board/room-registry';
import { startCluster, type TCluster } from '@/server/cluster';
import { createRoomLeases, leaseKey, type TRedisCommands, type TRoomLeases } from '@/server/cluster/lease';
import {
  connectBoardClient,
  eventually,
  installTldrawNodeGlobals,
  makeGeoShape,
  startBoardTestServer,
  type TBoardTestClient,
  type TBoardTestServer,
} from '../helpers/tldraw-node';

const REDIS_URL = process.env.REDIS_URL || undefined;
const QUIET = () => undefined;
const QUIET_LOG = process.env.DEBUG_LOG ? { warn: console.warn, error: console.error, info: console.log } : { warn: QUIET, error: QUIET };

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

beforeAll(() => installTldrawNodeGlobals());

describe('registry with an ownership', () => {
  it('never claims a board whose ownership it cannot get (the lease comes before the epoch)', async () => {
    const archive = createMemoryBoardArchive();
    const refusing: TBoardOwnership = {
      acquire: async () => {
        throw new BoardUnavailableError('held elsewhere');
      },
      isHeld: () => false,
      release: async () => undefined,
    };
    const registry = createRoomRegistry({ files: createBoardFiles(null), archive, ownership: refusing, log: QUIET_LOG });
    const socket = { send: QUIET, close: QUIET, readyState: 1, setCloseReason: QUIET, refuse: QUIET };
    await expect(registry.connect('iv', { sessionId: 's1', socket, isReadonly: false, meta: { userId: 'u', userName: 'u' } })).rejects.toThrow(BoardUnavailableError);
    expect(registry.get('iv')).toBeUndefined();
    // A claim would have bumped the epoch: the next owner's claim is still the first one.
    expect((await archive.claim('iv')).previousEpoch).toBe(0);
  });
});

describe.skipIf(!REDIS_URL)('room leases in Redis', () => {
  async function redis() {
    const client = createClient({ url: REDIS_URL, disableOfflineQueue: true });
    await client.connect();
    cleanups.push(() => client.close());
    return client;
  }

  function leases(client: TRedisCommands, instanceId: string, ttlMs: number, lost: string[] = []): TRoomLeases {
    const created = createRoomLeases({ redis: client, instanceId, ttlMs, onLost: (id) => lost.push(id), log: QUIET });
    cleanups.push(() => created.stop());
    return created;
  }

  it('is exclusive, renewed past its TTL, and released only by its holder', async () => {
    const client = await redis();
    const commands = client as unknown as TRedisCommands;
    const id = `lease-${randomUUID()}`;
    cleanups.push(() => client.del(leaseKey(id)));
    const a = leases(commands, 'a', 1000);
    const b = leases(commands, 'b', 1000);
    expect(await a.tryAcquire(id)).toBe(true);
    expect(await b.tryAcquire(id)).toBe(false);
    expect(await b.holderOf(id)).toBe('a');
    // b's release checks the holder: it deletes nothing.
    await b.release(id);
    expect(await client.get(leaseKey(id))).toBe('a');
    // Three TTLs later a still holds it: renewed every third of its life.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(a.isHeld(id)).toBe(true);
    expect(await client.get(leaseKey(id))).toBe('a');
    await a.release(id);
    expect(await client.get(leaseKey(id))).toBeNull();
    expect(await b.tryAcquire(id)).toBe(true);
    await b.release(id);
  });

  it('tells its holder when another process holds the key, and when Redis stops answering before the TTL ends', async () => {
    const client = await redis();
    const id = `lease-${randomUUID()}`;
    cleanups.push(() => client.del(leaseKey(id)));
    const lost: string[] = [];
    const a = leases(client as unknown as TRedisCommands, 'a', 1200, lost);
    expect(await a.tryAcquire(id)).toBe(true);
    // The lease expired while this process was paused and another took it.
    await client.set(leaseKey(id), 'other');
    await eventually(() => expect(lost).toEqual([id]), 3000);
    expect(a.isHeld(id)).toBe(false);
    // The other holder's lease is untouched by a's release.
    await a.release(id);
    expect(await client.get(leaseKey(id))).toBe('other');

    // Redis stops answering: the holder gives the room up before the key can expire in Redis.
    await client.del(leaseKey(id));
    let isCut = false;
    const cuttable: TRedisCommands = {
      sendCommand: (args) => (isCut ? new Promise(() => undefined) : client.sendCommand(args as string[])) as never,
    };
    const lostCut: string[] = [];
    const c = leases(cuttable, 'c', 1200, lostCut);
    expect(await c.tryAcquire(id)).toBe(true);
    const cutAt = Date.now();
    isCut = true;
    await eventually(() => expect(lostCut).toEqual([id]), 3000);
    const ttlLeft = await client.pTTL(leaseKey(id));
    // Lost while Redis still held the key for c: nobody else could have taken it yet.
    expect(ttlLeft).toBeGreaterThan(0);
    expect(Date.now() - cutAt).toBeLessThan(1200);
  });
});

describe.skipIf(!REDIS_URL)('hand-over between two processes', () => {
  async function node(instanceId: string, archive: ReturnType<typeof createMemoryBoardArchive>) {
    const cluster: TCluster = await startCluster({ redisUrl: REDIS_URL!, instanceId, leaseTtlMs: 3000, minTenureMs: 0, log: QUIET });
    const registry = createRoomRegistry({ files: createBoardFiles(null), archive, archiveDelayMs: 20, ownership: cluster.ownership, log: QUIET_LOG });
    cluster.serve(registry);
    const server: TBoardTestServer = await startBoardTestServer({ registry });
    cleanups.push(() => cluster.close());
    cleanups.push(() => server.close());
    return { cluster, registry, server };
  }

  it('a join on the other process gets the board stored, released and reopened there; never two rooms', async () => {
    const archive = createMemoryBoardArchive();
    const iv = `iv-${randomUUID()}`;
    const one = await node(`one-${randomUUID()}`, archive);
    const two = await node(`two-${randomUUID()}`, archive);
    const closed: TBoardClosed[] = [];
    const alice: TBoardTestClient = connectBoardClient(one.server.url, { userId: 'alice', interviewId: iv });
    cleanups.push(() => alice.close());
    alice.socket.on('board:closed', (payload) => closed.push(payload));
    await alice.loaded;
    alice.store.put([makeGeoShape('drawn-on-one', 0, 0)]);
    await eventually(() => expect(one.registry.get(iv)?.clock ?? 0).toBeGreaterThan(0));

    let overlaps = 0;
    const watch = setInterval(() => {
      if (one.registry.get(iv) && two.registry.get(iv)) overlaps++;
    }, 5);
    cleanups.push(() => clearInterval(watch));
    // Behind the proxy alice would reconnect to bob's process; here her URL is process one's,
    // which would ask for the board back.
    alice.socket.io.reconnection(false);
    const disconnected = new Promise<string>((resolve) => alice.socket.once('disconnect', resolve));
    const bob: TBoardTestClient = connectBoardClient(two.server.url, { userId: 'bob', interviewId: iv });
    cleanups.push(() => bob.close());
    await bob.loaded;
    // Bob's process has the board with alice's acknowledged shape; alice was told it moved and
    // her connection was closed so that she comes back through the proxy.
    expect(bob.shapeIds()).toEqual(['shape:drawn-on-one']);
    expect(two.registry.get(iv)?.epoch).toBe(2);
    expect(one.registry.get(iv)).toBeUndefined();
    expect(closed.map((c) => c.reason)).toContain('moved');
    expect(await disconnected).toBe('transport close');
    expect(overlaps).toBe(0);
    expect(one.cluster.stats().handoversGiven).toBe(1);
    expect(two.cluster.stats().takeovers).toBe(1);
    alice.close();
  });
});

describe.skipIf(!REDIS_URL)('an owner that cannot reach the database', () => {
  it('gives the board up at its first failed archive write, and the next owner opens it with every acknowledged edit', async () => {
    const archive = createMemoryBoardArchive();
    let isCut = false;
    // Process one's view of the database: cut at will.
    const cutArchive = {
      ...archive,
      claim: (id: string) => (isCut ? Promise.reject(new Error('database unreachable')) : archive.claim(id)),
      begin: (id: string, start: { epoch: number; clock: number }) => (isCut ? Promise.reject(new Error('database unreachable')) : archive.begin(id, start)),
      load: (id: string) => (isCut ? Promise.reject(new Error('database unreachable')) : archive.load(id)),
      append: (id: string, write: Parameters<typeof archive.append>[1]) => (isCut ? Promise.reject(new Error('database unreachable')) : archive.append(id, write)),
    };
    const iv = `iv-${randomUUID()}`;
    const nodes = await Promise.all(
      [cutArchive, archive].map(async (nodeArchive, i) => {
        const cluster: TCluster = await startCluster({ redisUrl: REDIS_URL!, instanceId: `${i ? 'two' : 'one'}-${randomUUID()}`, leaseTtlMs: 3000, minTenureMs: 0, log: QUIET });
        const registry = createRoomRegistry({ files: createBoardFiles(null), archive: nodeArchive, archiveDelayMs: 20, ownership: cluster.ownership, handoff: cluster.handoff, log: QUIET_LOG });
        cluster.serve(registry);
        const server: TBoardTestServer = await startBoardTestServer({ registry });
        cleanups.push(() => cluster.close());
        cleanups.push(() => server.close());
        return { cluster, registry, server };
      }),
    );
    const [one, two] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const closed: TBoardClosed[] = [];
    const alice: TBoardTestClient = connectBoardClient(one.server.url, { userId: 'alice', interviewId: iv });
    cleanups.push(() => alice.close());
    alice.socket.on('board:closed', (payload) => closed.push(payload));
    alice.socket.io.reconnection(false);
    await alice.loaded;
    alice.store.put([makeGeoShape('archived', 0, 0)]);
    await eventually(() => expect(archive.latest(iv)?.documents.map((d) => d.state.id)).toContain('shape:archived'));
    isCut = true;
    // Acknowledged by process one (stored in its board file), never archived.
    alice.store.put([makeGeoShape('only-on-one', 50, 0)]);
    await eventually(() => expect(one.registry.get(iv)).toBeUndefined(), 5000);
    await eventually(() => expect(closed.map((c) => c.reason)).toContain('moved'));
    await eventually(() => expect(one.registry.stats().handedOffUnarchived).toBe(1));
    const bob: TBoardTestClient = connectBoardClient(two.server.url, { userId: 'bob', interviewId: iv });
    cleanups.push(() => bob.close());
    await bob.loaded;
    expect(bob.shapeIds().sort()).toEqual(['shape:archived', 'shape:only-on-one']);
    // Process two archives what it was handed.
    await eventually(() => expect(archive.latest(iv)?.documents.map((d) => d.state.id)).toContain('shape:only-on-one'));
  });
});
