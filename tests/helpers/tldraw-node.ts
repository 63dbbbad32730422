// Runs tldraw's real sync client (TLSyncClient + a TLStore) in Node, connected through our
// socket.io transport to a real socket.io server on port 0 that uses our board layer. No DOM.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TLSyncClient } from '@tldraw/sync-core';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import {
  atom,
  b64Vecs,
  createShapeId,
  createTLStore,
  GeoShapeUtil,
  InstancePresenceRecordType,
  type Editor,
  type IndexKey,
  type TLDrawShape,
  type TLGeoShape,
  type TLInstancePresence,
  type TLPageId,
  type TLRecord,
  type TLShapeId,
  type TLStore,
  type VecModel,
} from 'tldraw';
import {
  SocketIoBoardClientSocket,
  type TBoardClientSocket,
  type TBoardClientSocketOptions,
} from '@/components/whiteboard/socketio-client-socket';
import { PROTOCOL_VERSION } from '@/lib/protocol';
import type { TBoardJoined } from '@/lib/protocol/board';
import { attachBoardHandlers, type TBoardAccess, type TBoardSyncLimits } from '@/server/realtime/board-handlers';
import type { TBoardServerSocket } from '@/server/realtime/board-socket';
import type { TLoadMonitor } from '@/server/realtime/load-monitor';
import { createMemoryBoardArchive } from '@/server/board/board-archive';
import { createBoardFiles } from '@/server/board/board-files';
import { createRoomRegistry, type TRoomRegistry, type TRoomRegistryOptions } from '@/server/board/room-registry';
import { BOARD_SCHEMA } from '@/server/board/record-bounds';

export const PAGE_ID = 'page:page' as TLPageId;

/**
 * tldraw schedules network frames with requestAnimationFrame. With `throttle`, it keeps its real
 * 30 fps frame throttle, which tldraw otherwise skips when NODE_ENV is "test" (as under vitest).
 */
export function installTldrawNodeGlobals({ throttle = false }: { throttle?: boolean } = {}): void {
  const g = globalThis as typeof globalThis & { __FORCE_RAF_IN_TESTS__?: boolean };
  if (typeof g.requestAnimationFrame !== 'function') {
    // A 60 Hz display.
    g.requestAnimationFrame = ((callback: FrameRequestCallback) =>
      setTimeout(() => callback(performance.now()), 1000 / 60)) as unknown as typeof requestAnimationFrame;
    g.cancelAnimationFrame = ((handle: ReturnType<typeof setTimeout>) =>
      clearTimeout(handle)) as unknown as typeof cancelAnimationFrame;
  }
  if (throttle) g.__FORCE_RAF_IN_TESTS__ = true;
}

export type TBoardTestServer = {
  url: string;
  io: Server;
  http: HttpServer;
  registry: TRoomRegistry;
  /** Who may open which board; default: everyone, writable. */
  access: Map<string, TBoardAccess>;
  /** Every frame the server received, per socket (for measurements). */
  received: Array<{ socketId: string; at: number; bytes: number; frame: string }>;
  close(): Promise<void>;
};

/** A plain http + socket.io server with a fake auth middleware and our board handlers. */
export async function startBoardTestServer(
  options: {
    registry?: TRoomRegistry;
    registryOptions?: TRoomRegistryOptions;
    limits?: TBoardSyncLimits;
    recordFrames?: boolean;
    /** Listen on this port (a restarted server at the same address); default: any free port. */
    port?: number;
    /** The event loop as the board handlers see it (stalls, saturation); default: never behind. */
    load?: TLoadMonitor;
    /** The board handlers' clock (rate budgets); default Date.now. */
    now?: () => number;
  } = {},
): Promise<TBoardTestServer> {
  const registry =
    options.registry ?? createRoomRegistry(options.registryOptions ?? { files: createBoardFiles(null), archive: createMemoryBoardArchive() });
  const http = createServer();
  const server = new Server(http, { maxHttpBufferSize: 1_000_000, serveClient: false });
  const access = new Map<string, TBoardAccess>();
  const received: TBoardTestServer['received'] = [];

  server.use((socket, next) => {
    const auth = socket.handshake.auth as { userId?: unknown; name?: unknown };
    if (typeof auth.userId !== 'string') return next(new Error('unauthenticated'));
    socket.data.user = { id: auth.userId, name: typeof auth.name === 'string' ? auth.name : null, email: `${auth.userId}@test` };
    next();
  });

  server.on('connection', (socket) => {
    if (options.recordFrames) {
      socket.on('board:message', (frame: unknown) => {
        if (typeof frame === 'string') received.push({ socketId: socket.id, at: performance.now(), bytes: Buffer.byteLength(frame), frame });
      });
    }
    attachBoardHandlers(socket as unknown as TBoardServerSocket, {
      registry,
      limits: options.limits,
      ...(options.load ? { load: options.load } : {}),
      ...(options.now ? { now: options.now } : {}),
      authorize: async (interviewId, userId) => access.get(`${interviewId}:${userId}`) ?? access.get(interviewId) ?? { ok: true, isReadonly: false },
      log: { warn: () => undefined, error: () => undefined },
    });
  });

  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    io: server,
    http,
    registry,
    access,
    received,
    close: async () => {
      await registry.closeAll();
      await new Promise<void>((resolve) => void server.close(() => resolve()));
    },
  };
}

export type TBoardTestClient = {
  userId: string;
  socket: TBoardClientSocket;
  adapter: SocketIoBoardClientSocket;
  store: TLStore;
  client: TLSyncClient<TLRecord, TLStore>;
  presence: ReturnType<typeof atom<TLInstancePresence | null>>;
  joins: TBoardJoined[];
  syncErrors: string[];
  /** Resolves on the first document load. */
  loaded: Promise<void>;
  /** Resolves at the next (re)connect to the room, with its read-only flag. */
  nextConnect(): Promise<{ isReadonly: boolean }>;
  shapeIds(): string[];
  /** The whiteboard unmounts but the page's socket stays connected (sends `board:leave`). */
  leaveBoard(): void;
  /** The tab goes away: board client and socket. */
  close(): void;
};

/** A Node participant: socket.io client + our TLPersistentClientSocket + tldraw's TLSyncClient. */
/**
 * A socket to the real app server (app-server.ts) that authenticates as a browser does: with the
 * session cookie of a signed-in test client. Pass it as `socket` to connectBoardClient.
 */
export function authenticatedBoardSocket(url: string, person: { client: { cookieHeader(): string } }): TBoardClientSocket {
  return io(url, {
    auth: { protocolVersion: PROTOCOL_VERSION },
    extraHeaders: { cookie: person.client.cookieHeader() },
    transports: ['websocket'],
    forceNew: true,
  }) as unknown as TBoardClientSocket;
}

export function connectBoardClient(
  url: string,
  { userId, interviewId, name = userId, adapterOptions = {}, socket: givenSocket, schema = BOARD_SCHEMA }: {
    userId: string;
    interviewId: string;
    name?: string;
    adapterOptions?: TBoardClientSocketOptions;
    /** A socket already set up for a real server (cookie, protocol version); default: the test server's fake auth. */
    socket?: TBoardClientSocket;
    /** The client store's schema; a laxer one lets a test send records the server must refuse. */
    schema?: typeof BOARD_SCHEMA;
  },
): TBoardTestClient {
  const socket: TBoardClientSocket =
    givenSocket ??
    io(url, {
      auth: { userId, name },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
    });
  const joins: TBoardJoined[] = [];
  const syncErrors: string[] = [];
  const adapter = new SocketIoBoardClientSocket(socket, interviewId, {
    retryDelaysMs: [20, 50, 100],
    ...adapterOptions,
    onJoined: (joined) => {
      joins.push(joined);
      adapterOptions.onJoined?.(joined);
    },
  });
  const store = createTLStore({ schema });
  const presence = atom<TLInstancePresence | null>('presence', null);
  let connectWaiters: Array<(v: { isReadonly: boolean }) => void> = [];
  let onLoaded: () => void = () => undefined;
  const loaded = new Promise<void>((resolve) => (onLoaded = resolve));
  const client = new TLSyncClient<TLRecord, TLStore>({
    store,
    socket: adapter,
    presence,
    presenceMode: atom('presence mode', 'full' as const),
    onLoad: () => onLoaded(),
    onSyncError: (reason) => syncErrors.push(reason),
    onAfterConnect: (_client, { isReadonly }) => {
      const waiters = connectWaiters;
      connectWaiters = [];
      for (const resolve of waiters) resolve({ isReadonly });
    },
  });
  return {
    userId,
    socket,
    adapter,
    store,
    client,
    presence,
    joins,
    syncErrors,
    loaded,
    nextConnect: () => new Promise((resolve) => connectWaiters.push(resolve)),
    shapeIds: () =>
      store
        .allRecords()
        .filter((r) => r.typeName === 'shape')
        .map((r) => r.id)
        .sort(),
    leaveBoard: () => {
      client.close();
      adapter.close();
    },
    close: () => {
      client.close();
      adapter.close();
      socket.disconnect();
    },
  };
}

const geoDefaults = () => new GeoShapeUtil({} as Editor).getDefaultProps();

export function makeGeoShape(id: string, x: number, y: number, index: string = 'a1'): TLGeoShape {
  return {
    id: createShapeId(id),
    typeName: 'shape',
    type: 'geo',
    x,
    y,
    rotation: 0,
    index: index as IndexKey,
    parentId: PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { ...geoDefaults(), w: 100, h: 80 },
  } as TLGeoShape;
}

export function makeDrawShape(id: TLShapeId, points: VecModel[]): TLDrawShape {
  return {
    id,
    typeName: 'shape',
    type: 'draw',
    x: 0,
    y: 0,
    rotation: 0,
    index: 'a2' as IndexKey,
    parentId: PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      color: 'black',
      fill: 'none',
      dash: 'draw',
      size: 'm',
      segments: [{ type: 'free', path: b64Vecs.encodePoints(points) }],
      isComplete: false,
      isClosed: false,
      isPen: false,
      scale: 1,
      scaleX: 1,
      scaleY: 1,
    },
  } as TLDrawShape;
}

export function makePresence(userId: string, name: string, cursor: { x: number; y: number }, selected: TLShapeId[] = []): TLInstancePresence {
  return InstancePresenceRecordType.create({
    id: InstancePresenceRecordType.createId(userId),
    currentPageId: PAGE_ID,
    userId: `user:${userId}` as TLInstancePresence['userId'],
    userName: name,
    color: '#1f77b4',
    lastActivityTimestamp: Date.now(),
    cursor: { x: cursor.x, y: cursor.y, type: 'default', rotation: 0 },
    selectedShapeIds: selected,
  });
}

/** Polls until `check` passes (or throws its last error after `timeoutMs`). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000, intervalMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** A raw socket.io client speaking our board events directly (for malformed-input tests). */
export function connectRawSocket(url: string, userId: string): Socket {
  return io(url, { auth: { userId }, transports: ['websocket'], forceNew: true, reconnection: false });
}
