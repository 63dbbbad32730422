// System-design shapes through the real server (issue 16): tldraw's sync client in Node, our
// socket.io transport, the real auth, registry and database. A block is a geo shape (or, for the
// region, a frame) tagged with meta.sdKind; the server refuses a tag it does not know.
import type { TLFrameShape, TLGeoShape } from 'tldraw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SD_META_KEY } from '@/lib/domain/system-design-shapes';
import { startTestServer, type TTestServer } from '../helpers/app-server';
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

function boardClient(person: TSignedInClient, interviewId: string): TBoardTestClient {
  const client = connectBoardClient(server.url, { userId: person.userId, interviewId, socket: authenticatedBoardSocket(server.url, person) });
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
