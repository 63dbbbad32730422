import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { boardAt, buildFrames, shapesOf } from '@/lib/domain/board-replay';
import type { TBoardTimeline } from '@/lib/protocol/review';
import { applyTimerCommand } from '@/lib/use-cases/timer';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { acceptInviteAs, createInterviewAs, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';
import { authenticatedBoardSocket, connectBoardClient, eventually, installTldrawNodeGlobals, makeGeoShape, type TBoardTestClient } from '../helpers/tldraw-node';
import { loadArchivedBoard } from '@/lib/use-cases/load-board';
import { useCaseContext } from '@/lib/use-cases/context';

// The replay's timeline through the real server: draw with tldraw's sync client, let the board
// store save, end the interview, then rebuild the board from what the route answers.
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timeline(person: TSignedInClient, interviewId: string) {
  return person.client.request(`/api/interviews/${interviewId}/board-timeline`);
}

describe('the board timeline for the replay', () => {
  it('rebuilds the board at any moment; participants only', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const candidate = await signedInClient(server, 'cand');
    const stranger = await signedInClient(server, 'stranger');
    const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
    await acceptInviteAs(candidate, inviteToken);
    const prisma = server.services.prisma;
    expect((await applyTimerCommand(useCaseContext(prisma, interviewer.userId), { interviewId, command: { type: 'start' } })).ok).toBe(true);

    const a = boardClient(interviewer, interviewId);
    await a.loaded;
    a.store.put([makeGeoShape('first', 10, 10)]);
    await eventually(() => expect(a.shapeIds()).toEqual(['shape:first']));
    const countBoardEvents = () => prisma.timelineEvent.count({ where: { interviewId, kind: 'board' } });
    await eventually(async () => expect(await countBoardEvents()).toBeGreaterThan(0), 5000);
    await sleep(1300);
    expect((await applyTimerCommand(useCaseContext(prisma, interviewer.userId), { interviewId, command: { type: 'next' } })).ok).toBe(true);
    const before = await countBoardEvents();
    a.store.put([makeGeoShape('second', 200, 200, 'a2')]);
    await eventually(async () => expect(await countBoardEvents()).toBeGreaterThan(before), 5000);
    await sleep(300);
    expect((await applyTimerCommand(useCaseContext(prisma, interviewer.userId), { interviewId, command: { type: 'end' } })).ok).toBe(true);

    expect((await timeline(stranger, interviewId)).status).toBe(404);
    expect((await timeline(stranger, 'no-such-interview')).status).toBe(404);

    for (const person of [interviewer, candidate]) {
      const response = await timeline(person, interviewId);
      expect(response.status).toBe(200);
      const { data } = (await response.json()) as { data: TBoardTimeline };
      expect(data.events.length).toBeGreaterThanOrEqual(2);
      expect(data.keyframes.length).toBeGreaterThanOrEqual(1);
      expect(data.markers.map((m) => m.kind)).toEqual(['phase', 'phase', 'end']);

      const frames = buildFrames(data);
      const early = boardAt(frames, frames.start);
      expect(shapesOf(early).map((s) => s.id)).toEqual(['shape:first']);
      const phase2 = data.markers[1]!.at;
      expect(shapesOf(boardAt(frames, phase2)).map((s) => s.id)).toEqual(['shape:first']);

      const final = boardAt(frames, data.markers.at(-1)!.at);
      expect(shapesOf(final).map((s) => s.id).sort()).toEqual(['shape:first', 'shape:second']);
      const stored = await loadArchivedBoard(prisma, interviewId);
      const storedDocs = stored?.snapshot.documents ?? [];
      expect(final).toEqual(Object.fromEntries(storedDocs.map((d) => [d.state.id, d.state])));
    }

    // The timeline is repetitive JSON that grows with activity: it goes out compressed to a
    // browser that accepts gzip (Next's `compress`), and as is to a client that does not.
    const gzipped = await interviewer.client.request(`/api/interviews/${interviewId}/board-timeline`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    const plain = await interviewer.client.request(`/api/interviews/${interviewId}/board-timeline`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await gzipped.json()).toEqual(await plain.json());
  });

  it('places an edit made just before a marker before it, though the archive writes it after', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const candidate = await signedInClient(server, 'cand');
    const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
    await acceptInviteAs(candidate, inviteToken);
    const prisma = server.services.prisma;
    expect((await applyTimerCommand(useCaseContext(prisma, interviewer.userId), { interviewId, command: { type: 'start' } })).ok).toBe(true);
    const a = boardClient(interviewer, interviewId);
    const b = boardClient(candidate, interviewId);
    await Promise.all([a.loaded, b.loaded]);

    // The server committed the shape once the other person has it; the archive writes it up to a
    // second later, after the end (whose final write comes later still).
    a.store.put([makeGeoShape('late', 10, 10)]);
    await eventually(() => expect(b.shapeIds()).toEqual(['shape:late']));
    expect((await applyTimerCommand(useCaseContext(prisma, interviewer.userId), { interviewId, command: { type: 'end' } })).ok).toBe(true);
    await eventually(async () => expect(await prisma.timelineEvent.count({ where: { interviewId, kind: 'board' } })).toBeGreaterThan(0), 5000);

    const { data } = (await (await timeline(interviewer, interviewId)).json()) as { data: TBoardTimeline };
    const end = data.markers.at(-1)!;
    expect(end.kind).toBe('end');
    expect(data.events.every((event) => event.at <= end.at)).toBe(true);
    expect(shapesOf(boardAt(buildFrames(data), end.at)).map((s) => s.id)).toEqual(['shape:late']);
  });
});

describe('timeline rows this server cannot read', () => {
  it('are left out of the replay and the export, which still answer', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const { interviewId } = await createInterviewAs(server, interviewer);
    const prisma = server.services.prisma;
    expect((await applyTimerCommand(useCaseContext(prisma, interviewer.userId), { interviewId, command: { type: 'start' } })).ok).toBe(true);
    const actorId = interviewer.userId;
    await prisma.timelineEvent.createMany({
      data: [
        { interviewId, actorId, kind: 'hint:revealed', payload: { index: 0 } },
        // An old or damaged row of each sort: a wrong payload, a kind no longer written.
        { interviewId, actorId, kind: 'hint:revealed', payload: { index: 'second' } },
        { interviewId, actorId, kind: 'board', payload: { sinceClock: 'x', clock: 2 } },
        { interviewId, actorId, kind: 'chat', payload: { text: 5 } },
        { interviewId, actorId, kind: 'legacy:thing', payload: {} },
      ],
    });
    expect((await applyTimerCommand(useCaseContext(prisma, interviewer.userId), { interviewId, command: { type: 'end' } })).ok).toBe(true);

    const replay = await timeline(interviewer, interviewId);
    expect(replay.status).toBe(200);
    const ZTimeline = z.object({ data: z.object({ events: z.array(z.unknown()), markers: z.array(z.object({ kind: z.string(), label: z.string() })) }) });
    const { data } = ZTimeline.parse(await replay.json());
    expect(data.events).toEqual([]);
    expect(data.markers.map((m) => m.label)).toEqual(['Phase 1', 'Hint 1', 'End']);

    const exported = await interviewer.client.request(`/api/interviews/${interviewId}/export.json`);
    expect(exported.status).toBe(200);
    const ZExport = z.object({ timeline: z.array(z.object({ kind: z.string(), data: z.record(z.string(), z.unknown()) })) });
    const kinds = ZExport.parse(await exported.json()).timeline.map((event) => event.kind);
    expect(kinds).not.toContain('chat');
    expect(kinds).not.toContain('legacy:thing');
    expect(kinds.filter((kind) => kind === 'hint:revealed')).toHaveLength(0);
  });
});
