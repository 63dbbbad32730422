// The call's recording (issue 12): consent stored on the server and broadcast to the room (both
// must agree; one decline records nothing), chunks of each person's own track appended in order
// and idempotently within limits, the audio for the two participants only (404 for anyone else),
// the files gone with the account, and malformed payloads refused without changing anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_RECORDING_CHUNK_BYTES } from '@/lib/domain/recording';
import { chunkKey, deleteExpiredRecordings, deleteOrphanRecordingChunks } from '@/lib/use-cases/recording';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { Browserish, type TClientSocket } from '../helpers/http-client';
import { acceptInviteAs, createInterviewAs, joinedSocket, nextEvent, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';

let server: TTestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

type TUntyped = { timeout: (ms: number) => { emitWithAck: (event: string, ...args: unknown[]) => Promise<unknown> } };
const ZAck = z.union([z.object({ ok: z.literal(true), data: z.unknown() }), z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string().min(1) }) })]);
const ZState = z.object({ id: z.string(), status: z.enum(['proposed', 'active', 'declined', 'stopped']), consentedBy: z.array(z.string()), startedAt: z.number().nullable(), stoppedAt: z.number().nullable() });

async function emit(socket: TClientSocket, event: string, payload: unknown) {
  return ZAck.parse(await (socket as unknown as TUntyped).timeout(10_000).emitWithAck(event, payload));
}
const code = (result: z.infer<typeof ZAck>) => (result.ok ? 'ok' : result.error.code);
const stateOf = (result: z.infer<typeof ZAck>) => {
  if (!result.ok) throw new Error(result.error.message);
  return ZState.parse(result.data);
};

type TPair = { interviewer: TSignedInClient; candidate: TSignedInClient; stranger: TSignedInClient; interviewId: string };
async function livePair(label: string): Promise<TPair> {
  const [interviewer, candidate, stranger] = await Promise.all([signedInClient(server, `${label}-ivr`), signedInClient(server, `${label}-cand`), signedInClient(server, `${label}-x`)]);
  const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
  expect((await acceptInviteAs(candidate, inviteToken)).status).toBe(200);
  await server.services.prisma.interview.update({ where: { id: interviewId }, data: { status: 'live', startedAt: new Date() } });
  return { interviewer, candidate, stranger, interviewId };
}

/** Both agree: the interviewer proposes, the candidate accepts. Returns the recording's id. */
async function consented(pair: TPair) {
  const ivr = await joinedSocket(pair.interviewer, pair.interviewId);
  const cand = await joinedSocket(pair.candidate, pair.interviewId);
  const proposed = stateOf(await emit(ivr, 'recording:propose', { interviewId: pair.interviewId }));
  const active = stateOf(await emit(cand, 'recording:answer', { interviewId: pair.interviewId, recordingId: proposed.id, accept: true }));
  expect(active.status).toBe('active');
  return { ivr, cand, recordingId: proposed.id };
}

const openTrack = (who: TSignedInClient, interviewId: string, recordingId: string) =>
  who.client.request(`/api/interviews/${interviewId}/recordings`, { method: 'POST', json: { recordingId } });
const postChunk = (who: Browserish, interviewId: string, trackId: string, index: number | string, bytes: Uint8Array, origin = who.baseUrl) =>
  who.request(`/api/interviews/${interviewId}/recordings/${trackId}/${index}`, { method: 'POST', body: new Blob([new Uint8Array(bytes)]), headers: { 'content-type': 'application/octet-stream', origin } });
const chunk = (index: number, size = 1000) => new Uint8Array(size).fill(index + 1);
const ZOpened = z.object({ data: z.object({ trackId: z.string(), startedAt: z.number() }) });

describe('recording consent', () => {
  it('starts only when both agreed, with both told at each step and the start on the server clock', async () => {
    const pair = await livePair('consent');
    const ivr = await joinedSocket(pair.interviewer, pair.interviewId);
    const cand = await joinedSocket(pair.candidate, pair.interviewId);
    const heardProposal = nextEvent<{ recording: z.infer<typeof ZState> }>(cand, 'recording:state');
    const proposed = stateOf(await emit(ivr, 'recording:propose', { interviewId: pair.interviewId }));
    expect(proposed).toMatchObject({ status: 'proposed', consentedBy: [pair.interviewer.userId], startedAt: null });
    expect((await heardProposal).recording.status).toBe('proposed');
    // Only one consent: nothing may be recorded yet.
    expect((await openTrack(pair.interviewer, pair.interviewId, proposed.id)).status).toBe(409);
    // Proposing again changes nothing.
    expect(stateOf(await emit(ivr, 'recording:propose', { interviewId: pair.interviewId })).consentedBy).toEqual([pair.interviewer.userId]);

    const heardActive = nextEvent<{ recording: z.infer<typeof ZState> }>(ivr, 'recording:state', (p) => p.recording.status === 'active');
    const before = Date.now();
    const active = stateOf(await emit(cand, 'recording:answer', { interviewId: pair.interviewId, recordingId: proposed.id, accept: true }));
    expect(active.status).toBe('active');
    expect(active.startedAt).toBeGreaterThanOrEqual(before - 5);
    expect((await heardActive).recording.id).toBe(proposed.id);
    // A reload sees it in the room's state.
    const again = await joinedSocket(pair.candidate, pair.interviewId);
    const joined = ZAck.parse(await (again as unknown as TUntyped).timeout(10_000).emitWithAck('room:join', { interviewId: pair.interviewId }));
    expect(joined.ok && (joined.data as { recording: { status: string } }).recording.status).toBe('active');

    // Either stops it.
    const stopped = stateOf(await emit(cand, 'recording:stop', { interviewId: pair.interviewId, recordingId: proposed.id }));
    expect(stopped.status).toBe('stopped');
    expect((await openTrack(pair.interviewer, pair.interviewId, proposed.id)).status).toBe(409);
    for (const socket of [ivr, cand, again]) socket.close();
  });

  it('records nothing when one person declines', async () => {
    const pair = await livePair('decline');
    const ivr = await joinedSocket(pair.interviewer, pair.interviewId);
    const cand = await joinedSocket(pair.candidate, pair.interviewId);
    const proposed = stateOf(await emit(cand, 'recording:propose', { interviewId: pair.interviewId }));
    const declined = stateOf(await emit(ivr, 'recording:answer', { interviewId: pair.interviewId, recordingId: proposed.id, accept: false }));
    expect(declined.status).toBe('declined');
    // Accepting after the decline does not bring it back.
    expect(stateOf(await emit(ivr, 'recording:answer', { interviewId: pair.interviewId, recordingId: proposed.id, accept: true })).status).toBe('declined');
    for (const who of [pair.interviewer, pair.candidate]) expect((await openTrack(who, pair.interviewId, proposed.id)).status).toBe(409);
    expect(await server.services.prisma.recordingTrack.count({ where: { interviewId: pair.interviewId } })).toBe(0);
    ivr.close();
    cand.close();
  });

  it('refuses strangers and malformed payloads, changing nothing', async () => {
    const pair = await livePair('malformed');
    const { ivr, cand, recordingId } = await consented(pair);
    const strangerSocket = await (async () => {
      const socket = pair.stranger.client.socket();
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      return socket;
    })();
    const before = await server.services.prisma.recording.findMany({ where: { interviewId: pair.interviewId }, orderBy: { id: 'asc' } });
    expect(code(await emit(strangerSocket, 'recording:propose', { interviewId: pair.interviewId }))).toBe('not_found');
    expect(code(await emit(strangerSocket, 'recording:stop', { interviewId: pair.interviewId, recordingId }))).toBe('not_found');
    for (const payload of [
      { interviewId: pair.interviewId, recordingId, accept: 'yes' },
      { interviewId: pair.interviewId, recordingId: '', accept: false },
      { interviewId: pair.interviewId, recordingId, accept: false, extra: 1 },
      { interviewId: pair.interviewId },
      'x'.repeat(10_000),
      null,
    ]) {
      expect(code(await emit(cand, 'recording:answer', payload))).toBe('invalid_input');
      expect(code(await emit(ivr, 'recording:stop', payload))).toBe('invalid_input');
    }
    expect(await server.services.prisma.recording.findMany({ where: { interviewId: pair.interviewId }, orderBy: { id: 'asc' } })).toEqual(before);
    // A stranger cannot open a track either, nor upload to one, nor read one.
    expect((await openTrack(pair.stranger, pair.interviewId, recordingId)).status).toBe(404);
    const opened = ZOpened.parse(await (await openTrack(pair.interviewer, pair.interviewId, recordingId)).json()).data;
    expect((await postChunk(pair.interviewer.client, pair.interviewId, opened.trackId, 0, chunk(0))).status).toBe(200);
    expect((await postChunk(pair.stranger.client, pair.interviewId, opened.trackId, 1, chunk(1))).status).toBe(404);
    // The other participant cannot write into someone else's voice.
    expect((await postChunk(pair.candidate.client, pair.interviewId, opened.trackId, 1, chunk(1))).status).toBe(404);
    expect((await postChunk(pair.interviewer.client, pair.interviewId, opened.trackId, 1, chunk(1), 'https://evil.example')).status).toBe(403);
    for (const index of ['-1', 'x', '1.5']) expect((await postChunk(pair.interviewer.client, pair.interviewId, opened.trackId, index, chunk(1))).status).toBe(400);
    expect((await pair.interviewer.client.request(`/api/interviews/${pair.interviewId}/recordings`, { method: 'POST', json: { recordingId, extra: true } })).status).toBe(400);
    const track = await server.services.prisma.recordingTrack.findUniqueOrThrow({ where: { id: opened.trackId } });
    expect(track).toMatchObject({ chunkCount: 1, bytes: 1000 });
    for (const socket of [ivr, cand, strangerSocket]) socket.close();
  });
});

describe('recording chunks and audio', () => {
  it('appends chunks in order and idempotently, and serves the audio to the two participants only', async () => {
    const pair = await livePair('chunks');
    const { ivr, cand, recordingId } = await consented(pair);
    const response = await openTrack(pair.candidate, pair.interviewId, recordingId);
    expect(response.status).toBe(201);
    const { trackId, startedAt } = ZOpened.parse(await response.json()).data;
    const row = await server.services.prisma.recordingTrack.findUniqueOrThrow({ where: { id: trackId } });
    expect(row.startedAt.getTime()).toBe(startedAt);

    const c = pair.candidate.client;
    expect((await postChunk(c, pair.interviewId, trackId, 0, chunk(0))).status).toBe(200);
    // A gap is refused: chunks arrive in order.
    expect((await postChunk(c, pair.interviewId, trackId, 2, chunk(2))).status).toBe(409);
    expect((await postChunk(c, pair.interviewId, trackId, 1, chunk(1))).status).toBe(200);
    // A retried index (its answer was lost) is acknowledged and not stored twice.
    const retried = await postChunk(c, pair.interviewId, trackId, 1, chunk(1));
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ ok: true, data: { index: 1, isDuplicate: true, chunkCount: 2 } });
    // Retries racing each other store it once too.
    const raced = await Promise.all(Array.from({ length: 4 }, () => postChunk(c, pair.interviewId, trackId, 2, chunk(2))));
    expect(raced.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const stored = await server.services.prisma.recordingTrack.findUniqueOrThrow({ where: { id: trackId } });
    expect(stored).toMatchObject({ chunkCount: 3, bytes: 3000 });
    // Empty and oversized chunks are refused and change nothing.
    expect((await postChunk(c, pair.interviewId, trackId, 3, new Uint8Array(0))).status).toBe(400);
    expect((await postChunk(c, pair.interviewId, trackId, 3, new Uint8Array(MAX_RECORDING_CHUNK_BYTES + 1))).status).toBe(413);
    expect(await server.services.prisma.recordingTrack.findUniqueOrThrow({ where: { id: trackId } })).toMatchObject({ chunkCount: 3, bytes: 3000 });
    expect(await server.services.blobs.get(chunkKey(trackId, 3))).toBeNull();

    // The audio: the chunks in order, for both participants; 404 for a stranger and for nobody signed in.
    const expected = Buffer.concat([chunk(0), chunk(1), chunk(2)]);
    const url = `/api/interviews/${pair.interviewId}/recordings/${trackId}`;
    for (const who of [pair.candidate.client, pair.interviewer.client]) {
      const audio = await who.request(url);
      expect(audio.status).toBe(200);
      expect(audio.headers.get('content-type')).toBe('audio/webm');
      expect(Buffer.from(await audio.arrayBuffer()).equals(expected)).toBe(true);
    }
    const ranged = await pair.interviewer.client.request(url, { headers: { range: 'bytes=1000-1999' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(Buffer.from(chunk(1)))).toBe(true);
    expect((await pair.stranger.client.request(url)).status).toBe(404);
    expect((await new Browserish(server.url).request(url)).status).toBe(404);
    expect((await pair.stranger.client.request(`/api/interviews/${pair.interviewId}/recordings`)).status).toBe(404);
    const list = await pair.interviewer.client.request(`/api/interviews/${pair.interviewId}/recordings`);
    expect(await list.json()).toMatchObject({ ok: true, data: [{ id: trackId, userId: pair.candidate.userId, startedAt, bytes: 3000, url }] });
    ivr.close();
    cand.close();
  });

  it("takes the browser's reading of the server clock for a track's start, within bounds", async () => {
    const pair = await livePair('stamp');
    const { ivr, cand, recordingId } = await consented(pair);
    const consentAt = (await server.services.prisma.recording.findUniqueOrThrow({ where: { id: recordingId } })).startedAt!.getTime();
    const open = async (startedAt: number) => ZOpened.parse(await (await pair.interviewer.client.request(`/api/interviews/${pair.interviewId}/recordings`, { method: 'POST', json: { recordingId, startedAt } })).json()).data.startedAt;
    // A moment after both agreed: taken as it is.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await open(consentAt + 100)).toBe(consentAt + 100);
    // Before the consent: the consent's moment. In the future or long ago: the server's own time.
    expect(await open(consentAt - 5000)).toBe(consentAt);
    for (const claimed of [Date.now() + 3_600_000, Date.now() - 3_600_000]) {
      const before = Date.now();
      const stamped = await open(claimed);
      expect(stamped).toBeGreaterThanOrEqual(before - 5);
      expect(stamped).toBeLessThanOrEqual(Date.now() + 5);
    }
    ivr.close();
    cand.close();
  });

  it('holds an interview to its recording quota', async () => {
    const pair = await livePair('quota');
    const { ivr, cand, recordingId } = await consented(pair);
    const { trackId } = ZOpened.parse(await (await openTrack(pair.interviewer, pair.interviewId, recordingId)).json()).data;
    // Pretend the other voice already holds all but 10 bytes of the quota.
    const other = await server.services.prisma.recordingTrack.create({ data: { recordingId, interviewId: pair.interviewId, userId: pair.candidate.userId, startedAt: new Date(), chunkCount: 0, bytes: 100 * 1024 * 1024 - 10 } });
    const refused = await postChunk(pair.interviewer.client, pair.interviewId, trackId, 0, chunk(0, 11));
    expect(refused.status).toBe(413);
    expect(await server.services.blobs.get(chunkKey(trackId, 0))).toBeNull();
    expect((await postChunk(pair.interviewer.client, pair.interviewId, trackId, 0, chunk(0, 10))).status).toBe(200);
    await server.services.prisma.recordingTrack.delete({ where: { id: other.id } });
    ivr.close();
    cand.close();
  });

  it("deletes a person's recorded voice, rows and files, with their account", async () => {
    const pair = await livePair('delete');
    const { ivr, cand, recordingId } = await consented(pair);
    const { trackId } = ZOpened.parse(await (await openTrack(pair.candidate, pair.interviewId, recordingId)).json()).data;
    for (const index of [0, 1]) expect((await postChunk(pair.candidate.client, pair.interviewId, trackId, index, chunk(index))).status).toBe(200);
    expect(await server.services.blobs.get(chunkKey(trackId, 1))).not.toBeNull();
    ivr.close();
    cand.close();
    const deleted = await pair.candidate.client.request('/api/account/delete', { method: 'POST', json: { confirmEmail: pair.candidate.user.email, password: pair.candidate.user.password } });
    expect(deleted.status).toBe(200);
    expect(await server.services.prisma.recordingTrack.count({ where: { id: trackId } })).toBe(0);
    expect(await server.services.blobs.get(chunkKey(trackId, 0))).toBeNull();
    expect(await server.services.blobs.get(chunkKey(trackId, 1))).toBeNull();
    expect((await pair.interviewer.client.request(`/api/interviews/${pair.interviewId}/recordings/${trackId}`)).status).toBe(404);
  });

  it('deletes recordings past the retention period, rows and files, and keeps the others', async () => {
    const pair = await livePair('retention');
    const { ivr, cand, recordingId } = await consented(pair);
    const { trackId } = ZOpened.parse(await (await openTrack(pair.interviewer, pair.interviewId, recordingId)).json()).data;
    expect((await postChunk(pair.interviewer.client, pair.interviewId, trackId, 0, chunk(0))).status).toBe(200);
    ivr.close();
    cand.close();
    const { prisma, blobs } = server.services;
    const now = Date.now();
    // 0 keeps everything; 30 days keeps a recording made today.
    expect(await deleteExpiredRecordings(prisma, blobs, now + 400 * 86_400_000, 0)).toBe(0);
    expect(await deleteExpiredRecordings(prisma, blobs, now, 30)).toBe(0);
    expect(await blobs.get(chunkKey(trackId, 0))).not.toBeNull();
    // 31 days later it is past a 30-day retention.
    expect(await deleteExpiredRecordings(prisma, blobs, now + 31 * 86_400_000, 30)).toBeGreaterThanOrEqual(1);
    expect(await prisma.recording.count({ where: { id: recordingId } })).toBe(0);
    expect(await prisma.recordingTrack.count({ where: { id: trackId } })).toBe(0);
    expect(await blobs.get(chunkKey(trackId, 0))).toBeNull();
    expect((await pair.interviewer.client.request(`/api/interviews/${pair.interviewId}/recordings`)).status).toBe(200);
  });

  it('deletes the recordings with the interview (the sweep removes their files)', async () => {
    const pair = await livePair('delete-interview');
    const { ivr, cand, recordingId } = await consented(pair);
    const { trackId } = ZOpened.parse(await (await openTrack(pair.interviewer, pair.interviewId, recordingId)).json()).data;
    expect((await postChunk(pair.interviewer.client, pair.interviewId, trackId, 0, chunk(0))).status).toBe(200);
    ivr.close();
    cand.close();
    await server.services.prisma.interview.delete({ where: { id: pair.interviewId } });
    expect(await server.services.prisma.recording.count({ where: { interviewId: pair.interviewId } })).toBe(0);
    expect(await deleteOrphanRecordingChunks(server.services.prisma, server.services.blobs)).toBeGreaterThanOrEqual(1);
    expect(await server.services.blobs.get(chunkKey(trackId, 0))).toBeNull();
  });
});
