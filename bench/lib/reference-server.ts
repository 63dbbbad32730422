// The reference the capacity bench compares mockroom with: tldraw's own sync engine
// (`TLSocketRoom` from @tldraw/sync-core, the same version mockroom runs) served over a plain `ws`
// server, in the shape of tldraw's simple-server example: one room per id, created on the first
// connection, its document in memory, written as a whole snapshot (JSON file) once a second when
// it changed, and closed (after a last write) when its last session goes. No auth, no limits.
// With `sqlite`, the room keeps its document in tldraw's own SQLiteSyncStorage instead (one
// node:sqlite file per room, the same settings as mockroom's board files), which commits every
// change before tldraw answers it: tldraw's durable storage, the baseline for what durability costs.
//
//   node --import tsx bench/lib/reference-server.ts <port> <dir> [sqlite]
//
// Written for the bench from tldraw's documentation of TLSocketRoom, not copied.
import { mkdirSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { NodeSqliteWrapper, SQLiteSyncStorage, TLSocketRoom, type RoomSnapshot } from '@tldraw/sync-core';
import type { TLRecord } from '@tldraw/tlschema';
import { WebSocketServer, type WebSocket } from 'ws';

const PERSIST_EVERY_MS = 1000;
const port = Number(process.argv[2] ?? 0);
const dir = process.argv[3] ?? path.resolve('tmp', 'reference-rooms');
const isSqlite = process.argv[4] === 'sqlite';
mkdirSync(dir, { recursive: true });

type TRoom = { room: TLSocketRoom<TLRecord, void>; id: string; isDirty: boolean; changedAt: number[]; saving: Promise<void> };
const rooms = new Map<string, Promise<TRoom>>();

// Edit -> durable: each commit's time, until the snapshot holding it is on disk.
const persistDelays: number[] = [];
(globalThis as { __benchExtra?: () => unknown }).__benchExtra = () => ({ persistDelaysMs: persistDelays.splice(0) });
(globalThis as { __benchReset?: () => void }).__benchReset = () => void persistDelays.splice(0);

const fileOf = (id: string) => path.join(dir, `${id}.json`);

/** Writes the room's snapshot if it changed; one write at a time per room (the timer and a close may meet). */
function persist(state: TRoom): Promise<void> {
  state.saving = state.saving.then(async () => {
    if (!state.isDirty) return;
    state.isDirty = false;
    const changedAt = state.changedAt.splice(0);
    const json = JSON.stringify(state.room.getCurrentSnapshot());
    const file = fileOf(state.id);
    try {
      await writeFile(`${file}.tmp`, json);
      await rename(`${file}.tmp`, file);
    } catch (error) {
      console.error(`[reference] could not write ${file}`, error);
      return;
    }
    const done = performance.now();
    for (const at of changedAt) persistDelays.push(done - at);
  });
  return state.saving;
}

function openRoom(id: string): Promise<TRoom> {
  let pending = rooms.get(id);
  if (pending) return pending;
  pending = isSqlite ? Promise.resolve(openSqliteRoom(id)) : (async () => {
    let snapshot: RoomSnapshot | undefined;
    try {
      snapshot = JSON.parse(await readFile(fileOf(id), 'utf8')) as RoomSnapshot;
    } catch {
      snapshot = undefined;
    }
    const state: TRoom = { id, isDirty: false, changedAt: [], saving: Promise.resolve(), room: undefined as unknown as TLSocketRoom<TLRecord, void> };
    state.room = new TLSocketRoom<TLRecord, void>({
      ...(snapshot ? { initialSnapshot: snapshot } : {}),
      onDataChange: () => {
        state.isDirty = true;
        state.changedAt.push(performance.now());
      },
      onSessionRemoved: (room, { numSessionsRemaining }) => {
        if (numSessionsRemaining > 0) return;
        rooms.delete(id);
        void persist(state).finally(() => room.close());
      },
      log: { warn: () => undefined, error: () => undefined },
    });
    return state;
  })();
  rooms.set(id, pending);
  return pending;
}

/** A room on tldraw's SQLiteSyncStorage: every change is committed before tldraw answers it. */
function openSqliteRoom(id: string): TRoom {
  const db = new DatabaseSync(path.join(dir, `${id}.sqlite`));
  db.exec('PRAGMA locking_mode=EXCLUSIVE; PRAGMA page_size=1024; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;');
  const storage = new SQLiteSyncStorage<TLRecord>({ sql: new NodeSqliteWrapper(db) });
  const state: TRoom = { id, isDirty: false, changedAt: [], saving: Promise.resolve(), room: undefined as unknown as TLSocketRoom<TLRecord, void> };
  state.room = new TLSocketRoom<TLRecord, void>({
    storage,
    onSessionRemoved: (room, { numSessionsRemaining }) => {
      if (numSessionsRemaining > 0) return;
      rooms.delete(id);
      room.close();
      db.close();
    },
    log: { warn: () => undefined, error: () => undefined },
  });
  return state;
}

if (!isSqlite) {
  setInterval(() => {
    for (const pending of rooms.values()) void pending.then(persist);
  }, PERSIST_EVERY_MS);
}

const http = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404).end();
});
const wss = new WebSocketServer({ server: http });
wss.on('connection', (socket: WebSocket, req) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = /^\/connect\/([\w-]+)$/.exec(url.pathname);
  const sessionId = url.searchParams.get('sessionId');
  if (!match || !sessionId) return socket.close();
  // Messages that arrive while the room loads are held and replayed, as the example does.
  const early: string[] = [];
  const hold = (data: unknown) => early.push(String(data));
  socket.on('message', hold);
  void openRoom(match[1]!).then(({ room }) => {
    socket.off('message', hold);
    room.handleSocketConnect({ sessionId, socket });
    for (const data of early) room.handleSocketMessage(sessionId, data);
  });
});

http.listen(port, '127.0.0.1', () => {
  const address = http.address() as AddressInfo;
  process.send?.({ listening: address.port });
});
process.on('SIGTERM', () => {
  void Promise.all([...rooms.values()].map((pending) => pending.then(persist))).finally(() => process.exit(0));
});
