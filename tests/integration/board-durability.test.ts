// `kill -9` while two people draw: every edit the server acknowledged is on the board after the
// restart, and both clients converge on the server's board. The real production server runs as a
// child process (`npm start`'s entry over the build in .next) on its own database.
import path from 'node:path';
import { createShapeId, getIndexAbove, type IndexKey } from 'tldraw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db/client';
import { loadPromptBank } from '@/lib/use-cases/load-prompt-bank';
import { Browserish, testUser } from '../helpers/http-client';
import { freePort, ServerProcess } from '../helpers/server-process';
import { createTestDatabase, type TTestDatabase } from '../helpers/test-db';
import { authenticatedBoardSocket, connectBoardClient, eventually, installTldrawNodeGlobals, makeGeoShape, type TBoardTestClient } from '../helpers/tldraw-node';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

let database: TTestDatabase;
let server: ServerProcess;
let promptId: string;

beforeAll(async () => {
  installTldrawNodeGlobals();
  database = await createTestDatabase();
  // The prompt bank is loaded before the server starts (a PGlite data dir has one user at a time).
  const db = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir });
  await loadPromptBank(db.prisma, { dir: path.join(ROOT, 'prisma', 'prompts') });
  promptId = (await db.prisma.prompt.findFirstOrThrow({ where: { kind: 'design', deletedAt: null }, orderBy: { slug: 'asc' } })).id;
  await db.close();
  server = new ServerProcess(await freePort(), { dataDir: database.dataDir, databaseUrl: database.databaseUrl });
  await server.start();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await database?.cleanup();
});

async function person(label: string) {
  const client = new Browserish(server.baseURL);
  const user = testUser(label);
  const created = await client.signUp(user);
  const { data } = (await created.json()) as { data: { id: string } };
  await client.signIn(user);
  return { client, user, userId: data.id };
}

/**
 * A participant who draws a new shape every `intervalMs`, and records which of its shapes the
 * server acknowledged: a `push` carries the shape ids, and its `push_result` (commit or rebase,
 * never discard) acknowledges them.
 */
function drawer(who: Awaited<ReturnType<typeof person>>, interviewId: string, label: string) {
  const pushed = new Map<number, string[]>();
  const acknowledged = new Set<string>();
  const created: string[] = [];
  const onSent = (message: object) => {
    const push = message as { type?: string; clientClock?: number; diff?: Record<string, unknown> };
    if (push.type === 'push' && push.diff && typeof push.clientClock === 'number') {
      pushed.set(push.clientClock, Object.keys(push.diff).filter((id) => id.startsWith('shape:')));
    }
  };
  const onReceived = (message: object) => {
    const event = message as { type?: string; data?: unknown };
    const items = event.type === 'data' && Array.isArray(event.data) ? (event.data as object[]) : [event];
    for (const item of items) {
      const result = item as { type?: string; clientClock?: number; action?: unknown };
      if (result.type !== 'push_result' || typeof result.clientClock !== 'number' || result.action === 'discard') continue;
      for (const id of pushed.get(result.clientClock) ?? []) acknowledged.add(id);
    }
  };
  const board: TBoardTestClient = connectBoardClient(server.baseURL, {
    userId: who.userId,
    interviewId,
    socket: authenticatedBoardSocket(server.baseURL, who),
    adapterOptions: { onSent, onReceived },
  });
  let index = 'a1' as IndexKey;
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    board,
    created,
    acknowledged,
    start(intervalMs: number) {
      timer = setInterval(() => {
        const name = `${label}-${created.length}`;
        index = getIndexAbove(index);
        board.store.put([makeGeoShape(name, created.length * 7, label === 'a' ? 0 : 200, index)]);
        created.push(createShapeId(name));
      }, intervalMs);
    },
    stop() {
      clearInterval(timer);
    },
  };
}

describe('a crash of the server while two people draw', () => {
  it('loses no acknowledged edit, and both clients converge on the server\'s board after the restart', async () => {
    const interviewer = await person('ivr');
    const candidate = await person('cand');
    const created = await interviewer.client.request('/api/interviews', { method: 'POST', json: { promptId, level: 'L5', durationMinutes: 45 } });
    expect(created.status).toBe(201);
    const interviewId = ((await created.json()) as { data: { id: string } }).data.id;
    const room = await (await interviewer.client.request(`/interviews/${interviewId}`)).text();
    // The Invite tab loads after hydration: the token is in the data the page hands it.
    const token = /inviteToken\\*":\\*"([A-Za-z0-9_-]{20,})/.exec(room)?.[1];
    expect(token, 'the invite token is in the interviewer\'s room page').toBeDefined();
    expect((await candidate.client.request(`/api/invites/${token}/accept`, { method: 'POST', json: {} })).ok).toBe(true);

    const a = drawer(interviewer, interviewId, 'a');
    const b = drawer(candidate, interviewId, 'b');
    await Promise.all([a.board.loaded, b.board.loaded]);
    // About 30 edits a second each, as tldraw sends while someone drags.
    a.start(33);
    b.start(33);
    await eventually(() => expect(a.acknowledged.size + b.acknowledged.size).toBeGreaterThan(100), 20_000, 20);
    await server.kill();
    a.stop();
    b.stop();
    const acknowledged = [...a.acknowledged, ...b.acknowledged];

    await server.start();
    // A fresh participant sees every acknowledged shape.
    const fresh = connectBoardClient(server.baseURL, { userId: interviewer.userId, interviewId, socket: authenticatedBoardSocket(server.baseURL, interviewer) });
    await fresh.loaded;
    const onServer = new Set(fresh.shapeIds());
    const lost = acknowledged.filter((id) => !onServer.has(id));
    console.log(`[kill -9] ${acknowledged.length} acknowledged edits, ${lost.length} lost; ${a.created.length + b.created.length} made`);
    expect(lost).toEqual([]);

    // The drawers reconnect by themselves, resend what was never acknowledged, and converge.
    const everything = [...a.created, ...b.created].sort();
    await eventually(() => {
      expect(a.board.shapeIds()).toEqual(everything);
      expect(b.board.shapeIds()).toEqual(everything);
      expect(fresh.shapeIds()).toEqual(everything);
    }, 30_000, 100);
    for (const c of [a.board, b.board, fresh]) c.close();
  }, 120_000);
});
