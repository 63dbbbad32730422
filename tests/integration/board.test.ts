import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@/lib/protocol';
import { BOARD_MAX_FRAME_BYTES } from '@/lib/protocol/board';
import type { TBoardClientSocket } from '@/components/whiteboard/socketio-client-socket';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { connected, refusalOf } from '../helpers/http-client';
import { acceptInviteAs, createInterviewAs, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';
import { authenticatedBoardSocket, connectBoardClient, eventually, installTldrawNodeGlobals, makeGeoShape, type TBoardTestClient } from '../helpers/tldraw-node';
import { loadArchivedBoard } from '@/lib/use-cases/load-board';
import { MAX_SOCKETS_PER_USER } from '@/server/realtime';

// The whiteboard through the real server: tldraw's own sync client in Node, our socket.io
// transport, the real auth, room registry and database.
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

function realSocket(person: TSignedInClient): TBoardClientSocket {
  return authenticatedBoardSocket(server.url, person);
}

function boardClient(person: TSignedInClient, interviewId: string): TBoardTestClient {
  const client = connectBoardClient(server.url, { userId: person.userId, interviewId, socket: realSocket(person) });
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

describe('the whiteboard through the real server', () => {
  it('two participants converge on the same document, stored in the database', async () => {
    const { interviewer, candidate, interviewId } = await interviewWithCandidate();
    const a = boardClient(interviewer, interviewId);
    const b = boardClient(candidate, interviewId);
    await Promise.all([a.loaded, b.loaded]);

    a.store.put([makeGeoShape('from-interviewer', 10, 20)]);
    b.store.put([makeGeoShape('from-candidate', 50, 60, 'a2')]);
    const expected = ['shape:from-candidate', 'shape:from-interviewer'];
    await eventually(() => expect(a.shapeIds()).toEqual(expected));
    await eventually(() => expect(b.shapeIds()).toEqual(expected));

    // Within about a second the archive has the board, with no presence in it.
    const stored = await eventually(async () => {
      const board = await loadArchivedBoard(server.services.prisma, interviewId);
      const ids = (board?.snapshot.documents ?? []).map((d) => d.state.id);
      expect(ids).toEqual(expect.arrayContaining(expected));
      return ids;
    }, 5000);
    expect(stored.some((id) => id.startsWith('instance_presence'))).toBe(false);
    expect(await server.services.prisma.timelineEvent.count({ where: { interviewId, kind: 'board' } })).toBeGreaterThan(0);
  });

  it('bounds the sockets of one user, and the board joins of one user across all of them', async () => {
    const { interviewer, interviewId } = await interviewWithCandidate();
    const sockets = Array.from({ length: MAX_SOCKETS_PER_USER }, () => interviewer.client.socket());
    await Promise.all(sockets.map(connected));
    const extra = interviewer.client.socket();
    expect(await refusalOf(extra)).toMatchObject({ reason: 'too_many_connections' });
    // A tab closes: a new one may connect.
    sockets.pop()!.disconnect();
    const replacement = interviewer.client.socket();
    await eventually(async () => {
      if (!replacement.connected) replacement.connect();
      await connected(replacement);
    });
    sockets.push(replacement);

    // Joins of the board are counted per user, not per socket: twelve sockets do not give
    // twelve times the budget.
    const answers = await Promise.all(sockets.map((socket) => socket.emitWithAck('board:join', { interviewId })));
    const refused = answers.filter((answer) => !answer.ok);
    expect(refused.length).toBe(0);
    const again = await Promise.all(sockets.map((socket) => socket.emitWithAck('board:join', { interviewId })));
    expect(again.filter((answer) => !answer.ok).length).toBeGreaterThan(0);
    for (const socket of sockets) socket.disconnect();
  });

  it('refuses a non-participant and an unauthenticated socket', async () => {
    const { interviewId } = await interviewWithCandidate();
    const stranger = await signedInClient(server, 'stranger');
    const socket = realSocket(stranger);
    await connected(socket as never);
    const answer = await socket.emitWithAck('board:join', { interviewId });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not_found' } });
    socket.close();

    const anonymous = io(server.url, { auth: { protocolVersion: PROTOCOL_VERSION }, transports: ['websocket'], forceNew: true, reconnection: false });
    const refusal = await new Promise<{ reason: string }>((resolve) =>
      anonymous.once('connect_error', (error) => resolve((error as Error & { data: { reason: string } }).data)),
    );
    expect(refusal.reason).toBe('unauthenticated');
    anonymous.close();
  });

  it('refuses malformed and oversized messages without harming the room', async () => {
    const { interviewer, candidate, interviewId } = await interviewWithCandidate();
    const a = boardClient(interviewer, interviewId);
    const b = boardClient(candidate, interviewId);
    await Promise.all([a.loaded, b.loaded]);

    const refusals: unknown[] = [];
    a.socket.on('board:refused', (refusal) => refusals.push(refusal));
    a.socket.emit('board:message', 'not json at all' as never);
    a.socket.emit('board:message', { type: 'push' } as never);
    a.socket.emit('board:message', 'x'.repeat(BOARD_MAX_FRAME_BYTES + 1) as never);
    await eventually(() => expect(refusals.length).toBeGreaterThan(0));

    // Both still edit and see each other's edits.
    a.store.put([makeGeoShape('after-garbage-a', 1, 1)]);
    b.store.put([makeGeoShape('after-garbage-b', 2, 2, 'a2')]);
    const expected = ['shape:after-garbage-a', 'shape:after-garbage-b'];
    await eventually(() => expect(a.shapeIds()).toEqual(expected));
    await eventually(() => expect(b.shapeIds()).toEqual(expected));
    expect(a.syncErrors).toEqual([]);
  });

  it('edits made while briefly offline are sent when the connection returns', async () => {
    const { interviewer, candidate, interviewId } = await interviewWithCandidate();
    const a = boardClient(interviewer, interviewId);
    const b = boardClient(candidate, interviewId);
    await Promise.all([a.loaded, b.loaded]);

    a.socket.disconnect();
    a.store.put([makeGeoShape('drawn-offline', 30, 30)]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(b.shapeIds()).toEqual([]);

    a.socket.connect();
    await eventually(() => expect(b.shapeIds()).toEqual(['shape:drawn-offline']), 10_000);
    expect(a.shapeIds()).toEqual(['shape:drawn-offline']);
  });

  it('a graceful stop and a new start give back the same board; an ended interview is read-only', async () => {
    const { interviewer, candidate, interviewId } = await interviewWithCandidate();
    const a = boardClient(interviewer, interviewId);
    await a.loaded;
    a.store.put([makeGeoShape('kept-1', 10, 10), makeGeoShape('kept-2', 90, 90, 'a2')]);
    // Stop well within the archive's one-second delay: what is archived comes from the final
    // write that a graceful stop performs (and the board file has it anyway).
    await new Promise((resolve) => setTimeout(resolve, 300));
    a.close();
    server = await server.restart();

    const b = boardClient(candidate, interviewId);
    await b.loaded;
    expect(b.shapeIds()).toEqual(['shape:kept-1', 'shape:kept-2']);

    await server.services.prisma.interview.update({ where: { id: interviewId }, data: { status: 'ended' } });
    const c = boardClient(interviewer, interviewId);
    await c.loaded;
    expect(c.joins.at(-1)?.isReadonly).toBe(true);
    c.store.put([makeGeoShape('not-allowed', 5, 5, 'a3')]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(b.shapeIds()).toEqual(['shape:kept-1', 'shape:kept-2']);
  });
});
