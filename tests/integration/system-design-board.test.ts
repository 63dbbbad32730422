// System-design shapes and the "API and data" pane through the real server (issue 16): tldraw's
// sync client in Node, our socket.io transport, the real auth, registry and database. A block is
// a geo shape (or, for the region, a frame) tagged with meta.sdKind; the server refuses a tag it
// does not know. The pane is Yjs updates stored as append-only pane_update records in the room.
import type { TLFrameShape, TLGeoShape, TLRecord } from 'tldraw';
import { createTLSchema } from '@tldraw/tlschema';
import { T } from '@tldraw/validate';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPaneRecords, PANE_UPDATE_TYPE, paneText, paneTextOf, toBase64, type TPaneUpdateRecord } from '@/lib/domain/api-pane';
import { SD_META_KEY } from '@/lib/domain/system-design-shapes';
import { loadArchivedBoard } from '@/lib/use-cases/load-board';
import { BOARD_SCHEMA } from '@/server/board/record-bounds';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { connected } from '../helpers/http-client';
import { acceptInviteAs, createInterviewAs, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';
import { authenticatedBoardSocket, connectBoardClient, eventually, installTldrawNodeGlobals, makeGeoShape, type TBoardTestClient } from '../helpers/tldraw-node';

installTldrawNodeGlobals();

let server: TTestServer;
const clients: TBoardTestClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const client of clients) client.close();
  await server?.cleanup();
});

function boardClient(person: TSignedInClient, interviewId: string, schema?: typeof BOARD_SCHEMA): TBoardTestClient {
  const client = connectBoardClient(server.url, { userId: person.userId, interviewId, socket: authenticatedBoardSocket(server.url, person), schema });
  clients.push(client);
  return client;
}

async function interviewWithCandidate() {
  const interviewer = await signedInClient(server, 'ivr');
  const candidate = await signedInClient(server, 'cand');
  const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
  await acceptInviteAs(candidate, inviteToken);
  return { interviewer, candidate, interviewId };
}

const tagged = (id: string, meta: Record<string, unknown>, index: string): TLGeoShape => ({ ...makeGeoShape(id, 0, 0, index), meta }) as TLGeoShape;

describe('system-design shapes on the board', () => {
  it('syncs well-tagged blocks and refuses a malformed tag, rolling it back for the sender', async () => {
    const { interviewer, candidate, interviewId } = await interviewWithCandidate();
    const a = boardClient(interviewer, interviewId);
    const b = boardClient(candidate, interviewId);
    await Promise.all([a.loaded, b.loaded]);

    const region = {
      ...makeGeoShape('region', 0, 0, 'a5'),
      type: 'frame',
      meta: { [SD_META_KEY]: 'region' },
      props: { w: 500, h: 300, name: 'Region / availability zone', color: 'black' },
    } as unknown as TLFrameShape;
    a.store.put([tagged('cache', { [SD_META_KEY]: 'cache' }, 'a1'), region]);
    // Malformed: an unknown kind, a kind that is not a string, and a block kind on the wrong shape type.
    a.store.put([tagged('bogus', { [SD_META_KEY]: 'mainframe' }, 'a2')]);
    a.store.put([tagged('number', { [SD_META_KEY]: 7 }, 'a3')]);
    a.store.put([{ ...region, id: 'shape:frame-as-cache', index: 'a4', meta: { [SD_META_KEY]: 'cache' } } as unknown as TLFrameShape]);
    a.store.put([tagged('geo-as-region', { [SD_META_KEY]: 'region' }, 'a6')]);
    a.store.put([tagged('marker', {}, 'a7')]);

    const expected = ['shape:cache', 'shape:marker', 'shape:region'];
    await eventually(() => expect(b.shapeIds()).toEqual(expected));
    await eventually(() => expect(a.shapeIds()).toEqual(expected));
    expect(b.store.get('shape:cache' as TLGeoShape['id'])?.meta).toEqual({ [SD_META_KEY]: 'cache' });

    // An update that breaks the tag of a stored block is refused too; the block stays as it was.
    a.store.update('shape:cache' as TLGeoShape['id'], (shape) => ({ ...shape, meta: { [SD_META_KEY]: 'teapot' } }));
    a.store.put([tagged('marker2', {}, 'a8')]);
    await eventually(() => expect(b.shapeIds()).toContain('shape:marker2'));
    expect(b.store.get('shape:cache' as TLGeoShape['id'])?.meta).toEqual({ [SD_META_KEY]: 'cache' });
    await eventually(() => expect(a.store.get('shape:cache' as TLGeoShape['id'])?.meta).toEqual({ [SD_META_KEY]: 'cache' }));
  });
});

/** A pane writer over one board client: its own Y.Doc, fed by the records it sees. */
function paneWriter(client: TBoardTestClient) {
  const doc = new Y.Doc();
  let n = 0;
  const records = () => client.store.allRecords().filter((r) => (r.typeName as string) === PANE_UPDATE_TYPE) as unknown as TPaneUpdateRecord[];
  const sync = () => applyPaneRecords(doc, records());
  // Every local change is a new record, as the pane does in the browser.
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== undefined && origin !== null) return;
    const record: TPaneUpdateRecord = { id: `${PANE_UPDATE_TYPE}:${client.userId.slice(-8)}-${n++}`, typeName: PANE_UPDATE_TYPE, update: toBase64(update) };
    client.store.put([record as unknown as TLRecord]);
  });
  return {
    type(index: number, text: string) {
      sync();
      paneText(doc).insert(Math.min(index, paneText(doc).length), text);
    },
    text: () => paneTextOf(records()),
  };
}

const paneRecord = (id: string, update: string) => ({ id: `${PANE_UPDATE_TYPE}:${id}`, typeName: PANE_UPDATE_TYPE, update }) as unknown as TLRecord;

describe('the API and data pane', () => {
  it('merges both participants\' concurrent typing, stores it, and refuses malformed or edited pane records', async () => {
    const { interviewer, candidate, interviewId } = await interviewWithCandidate();
    const a = boardClient(interviewer, interviewId);
    const b = boardClient(candidate, interviewId);
    await Promise.all([a.loaded, b.loaded]);
    const pa = paneWriter(a);
    const pb = paneWriter(b);

    pa.type(0, 'GET /v1/feed\n');
    await eventually(() => expect(pb.text()).toBe('GET /v1/feed\n'));
    // Both type at the same moment, at the same place: neither keystroke is lost.
    pa.type(0, 'POST /v1/posts\n');
    pb.type(0, 'posts(id PK, author_id, body)\n');
    for (const writer of [pa, pb]) {
      await eventually(() => {
        const text = writer.text();
        expect(text).toContain('POST /v1/posts\n');
        expect(text).toContain('posts(id PK, author_id, body)\n');
        expect(text.endsWith('GET /v1/feed\n')).toBe(true);
      });
    }
    expect(pa.text()).toBe(pb.text());

    // Refused softly (rolled back for the sender): base64 that is no Yjs update, and a change to a stored update.
    const stored = a.store.allRecords().find((r) => (r.typeName as string) === PANE_UPDATE_TYPE)!;
    a.store.put([paneRecord('garbage', toBase64(new Uint8Array([255, 255, 255, 255, 1, 2, 3])))]);
    a.store.put([{ ...stored, update: toBase64(Y.encodeStateAsUpdate(new Y.Doc())) } as unknown as TLRecord]);
    a.store.put([tagged('after-pane', {}, 'a9')]);
    await eventually(() => expect(b.shapeIds()).toContain('shape:after-pane'));
    expect(b.store.get(`${PANE_UPDATE_TYPE}:garbage` as TLRecord['id'])).toBeUndefined();
    expect(b.store.get(stored.id)).toEqual(stored);
    await eventually(() => expect(a.store.get(`${PANE_UPDATE_TYPE}:garbage` as TLRecord['id'])).toBeUndefined());

    // A record that fails the schema (not base64) is refused by tldraw's validation: never stored or
    // passed on, and gone from the sender too (rolled back, or its session ended with INVALID_RECORD).
    // (A client whose own schema lets anything through: a browser's would have refused it first.)
    const lax = createTLSchema({ records: { [PANE_UPDATE_TYPE]: { scope: 'document', validator: T.any } } });
    const c = boardClient(interviewer, interviewId, lax);
    await c.loaded;
    c.store.put([paneRecord('not-base64', 'not base64!')]);
    const invalidId = `${PANE_UPDATE_TYPE}:not-base64` as TLRecord['id'];
    await eventually(() => expect(c.store.get(invalidId) === undefined || c.syncErrors.includes('INVALID_RECORD')).toBe(true));
    pa.type(0, '# numbers\n');
    await eventually(() => expect(pb.text().startsWith('# numbers\n')).toBe(true));
    expect(b.store.get(invalidId)).toBeUndefined();

    // Stored with the interview: the archive's board rebuilds the same text.
    const expected = pb.text();
    await eventually(async () => {
      const board = await loadArchivedBoard(server.services.prisma, interviewId);
      expect(paneTextOf((board?.snapshot.documents ?? []).map((d) => d.state))).toBe(expected);
      const ids = (board?.snapshot.documents ?? []).map((d) => d.state.id);
      expect(ids).not.toContain(invalidId);
      expect(ids).not.toContain(`${PANE_UPDATE_TYPE}:garbage`);
    }, 5000);
  });

  it('merges what one person typed while offline with what the other typed meanwhile, once they reconnect', async () => {
    const { interviewer, candidate, interviewId } = await interviewWithCandidate();
    const a = boardClient(interviewer, interviewId);
    const b = boardClient(candidate, interviewId);
    await Promise.all([a.loaded, b.loaded]);
    const pa = paneWriter(a);
    const pb = paneWriter(b);
    pa.type(0, 'shared line\n');
    await eventually(() => expect(pb.text()).toBe('shared line\n'));

    a.socket.disconnect();
    pa.type(0, 'typed offline\n');
    pb.type(Infinity, 'typed online\n');
    await eventually(() => expect(pb.text()).toBe('shared line\ntyped online\n'));
    expect(pa.text()).toBe('typed offline\nshared line\n');

    a.socket.connect();
    for (const writer of [pa, pb]) await eventually(() => expect(writer.text()).toBe('typed offline\nshared line\ntyped online\n'), 10_000);
  });

  it('gives a non-participant nothing of the pane: no board session, no timeline, no export', async () => {
    const { interviewer, interviewId } = await interviewWithCandidate();
    const a = boardClient(interviewer, interviewId);
    await a.loaded;
    paneWriter(a).type(0, 'secret: shard key is user_id\n');
    await eventually(async () => {
      const board = await loadArchivedBoard(server.services.prisma, interviewId);
      expect(paneTextOf((board?.snapshot.documents ?? []).map((d) => d.state))).toContain('secret');
    }, 5000);

    const stranger = await signedInClient(server, 'stranger');
    const socket = authenticatedBoardSocket(server.url, stranger);
    await connected(socket as never);
    expect(await socket.emitWithAck('board:join', { interviewId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    socket.close();
    for (const path of [`/api/interviews/${interviewId}/board-timeline`, `/api/interviews/${interviewId}/export.json`]) {
      const response = await stranger.client.request(path);
      const body = await response.text();
      expect(response.status, path).toBe(404);
      expect(body).not.toContain('secret');
      expect(body).not.toContain(PANE_UPDATE_TYPE);
    }
  });
});
