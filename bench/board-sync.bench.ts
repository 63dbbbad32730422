// Measures what tldraw's sync client really sends through our socket.io transport, to set the
// board rate limits (server/realtime/board-handlers.ts) from data.
//
//   npx tsx bench/board-sync.bench.ts
//
// Two Node TLSyncClients (tldraw 5.4.2) join one board through SocketIoBoardClientSocket; one of
// them replays input at a fixed pointer-event rate while the server records every frame it
// receives from that socket. tldraw's own network throttle is on (a 60 Hz requestAnimationFrame),
// as in a browser. Input is synthetic but shaped like the editor's: the same records change
// (presence cursor, a draw shape's base64 path, shapes' x/y) at the rate pointer events arrive.
import { getIndices, type TLShapeId } from 'tldraw';
import {
  connectBoardClient,
  installTldrawNodeGlobals,
  makeDrawShape,
  makeGeoShape,
  makePresence,
  startBoardTestServer,
  type TBoardTestClient,
} from '../tests/helpers/tldraw-node';

installTldrawNodeGlobals({ throttle: true });

type TResultRow = { scenario: string; seconds: number; messages: number; msgPerSec: number; bytesPerSec: number; avgBytes: number; maxBytes: number };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main() {
  const inputHz = Number(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 120);
  const server = await startBoardTestServer({ recordFrames: true });
  const a = connectBoardClient(server.url, { userId: 'alice', interviewId: 'bench' });
  const b = connectBoardClient(server.url, { userId: 'bob', interviewId: 'bench' });
  await Promise.all([a.loaded, b.loaded]);
  // The default limits must never refuse this traffic.
  let refusals = 0;
  a.socket.on('board:refused', () => refusals++);
  // Both must see each other's presence, or tldraw's useSync would drop to its 1 fps solo mode
  // (here presenceMode is pinned to 'full', the busier case).
  a.presence.set(makePresence('alice', 'Alice', { x: 0, y: 0 }));
  b.presence.set(makePresence('bob', 'Bob', { x: 0, y: 0 }));
  await sleep(500);

  const indices = getIndices(400);
  const rows: TResultRow[] = [];
  const measure = async (scenario: string, seconds: number, tick: (i: number) => void) => {
    const socketId = a.socket.id;
    const start = performance.now();
    server.received.length = 0;
    let i = 0;
    const timer = setInterval(() => tick(i++), 1000 / inputHz);
    await sleep(seconds * 1000);
    clearInterval(timer);
    await sleep(100);
    const frames = server.received.filter((f) => f.socketId === socketId && f.at >= start && f.at <= start + seconds * 1000);
    const bytes = frames.reduce((sum, f) => sum + f.bytes, 0);
    rows.push({
      scenario,
      seconds,
      messages: frames.length,
      msgPerSec: round(frames.length / seconds),
      bytesPerSec: Math.round(bytes / seconds),
      avgBytes: Math.round(bytes / Math.max(1, frames.length)),
      maxBytes: Math.max(0, ...frames.map((f) => f.bytes)),
    });
  };

  await measure('idle (pings only)', 11, () => undefined);

  await measure(`cursor movement, ${inputHz} Hz input`, 4, (i) => {
    a.presence.set({ ...makePresence('alice', 'Alice', { x: 100 + i * 3, y: 200 + Math.sin(i / 10) * 50 }) });
  });

  const drawId = 'shape:stroke' as TLShapeId;
  const points: Array<{ x: number; y: number; z: number }> = [];
  await measure(`freehand stroke, ${inputHz} Hz input`, 4, (i) => {
    points.push({ x: i * 2.5, y: Math.sin(i / 8) * 40, z: 0.5 });
    a.store.put([makeDrawShape(drawId, points)]);
    a.presence.set(makePresence('alice', 'Alice', { x: i * 2.5, y: Math.sin(i / 8) * 40 }, [drawId]));
  });

  const dragged = Array.from({ length: 20 }, (_, k) => makeGeoShape(`drag${k}`, k * 120, 400, indices[k + 10]));
  a.store.put(dragged);
  await sleep(300);
  await measure(`dragging 20 shapes, ${inputHz} Hz input`, 4, (i) => {
    a.store.put(dragged.map((shape) => ({ ...shape, x: shape.x + i * 2, y: shape.y + i })));
    a.presence.set(makePresence('alice', 'Alice', { x: 500 + i * 2, y: 400 + i }, dragged.map((s) => s.id)));
  });

  const many = Array.from({ length: 100 }, (_, k) => makeGeoShape(`many${k}`, (k % 10) * 120, 2000 + Math.floor(k / 10) * 100, indices[k + 140]));
  a.store.put(many);
  await sleep(300);
  await measure(`dragging 100 shapes, ${inputHz} Hz input`, 4, (i) => {
    a.store.put(many.map((shape) => ({ ...shape, x: shape.x + i * 2, y: shape.y + i })));
    a.presence.set(makePresence('alice', 'Alice', { x: 500 + i * 2, y: 400 + i }, many.map((s) => s.id)));
  });

  const pasted = Array.from({ length: 200 }, (_, k) => makeGeoShape(`paste${k}`, (k % 20) * 120, 1000 + Math.floor(k / 20) * 100, indices[k + 40]));
  await measure('pasting 200 shapes (one change)', 1, (i) => {
    if (i === 0) a.store.put(pasted);
  });

  console.table(rows);
  const pasteFrames = server.received.filter((f) => f.socketId === a.socket.id).map((f) => f.bytes);
  console.log('paste frames (bytes):', pasteFrames.join(', '));
  console.log(`refusals under DEFAULT_BOARD_SYNC_LIMITS: ${refusals}; resyncs: ${a.joins.length - 1}`);
  close(a, b);
  await server.close();
  process.exit(0);
}

function close(...clients: TBoardTestClient[]) {
  for (const client of clients) client.close();
}

const round = (n: number) => Math.round(n * 10) / 10;

void main();
