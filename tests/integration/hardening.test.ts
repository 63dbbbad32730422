// Abuse and bad input on the room (issue 9 #10, #12, #13): limits that do not multiply with
// sockets, a chat history that keeps both people, text PostgreSQL cannot store refused with a 400,
// and an ended interview's record closed for both people.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import type { TClientSocket } from '../helpers/http-client';
import { acceptInviteAs, createInterviewAs, joinedSocket, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';

let server: TTestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

type TRoom = { interviewId: string; interviewer: TSignedInClient; candidate: TSignedInClient; ivr: TClientSocket; cand: TClientSocket };

async function room(): Promise<TRoom & { close: () => void }> {
  const [interviewer, candidate] = await Promise.all([signedInClient(server, 'ivr'), signedInClient(server, 'cand')]);
  const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
  await acceptInviteAs(candidate, inviteToken);
  const [ivr, cand] = await Promise.all([joinedSocket(interviewer, interviewId), joinedSocket(candidate, interviewId)]);
  return { interviewId, interviewer, candidate, ivr, cand, close: () => [ivr, cand].forEach((socket) => socket.close()) };
}

/** Everything a write could change in an interview, to compare before and after a refusal. */
async function recordOf(interviewId: string) {
  const prisma = server.services.prisma;
  const [interview, timeline, notes, assets] = await Promise.all([
    prisma.interview.findUniqueOrThrow({ where: { id: interviewId }, select: { callLink: true, checkedKeyPoints: true, revealedHints: true, inviteToken: true, status: true } }),
    prisma.timelineEvent.count({ where: { interviewId } }),
    prisma.note.findMany({ where: { interviewId }, select: { id: true, text: true }, orderBy: { id: 'asc' } }),
    prisma.asset.count({ where: { interviewId } }),
  ]);
  return { interview, timeline, notes, assets };
}

const NUL = 'before\u0000after';
const LONE_SURROGATE = 'before\ud800after';

describe('text a database cannot store (NUL, lone surrogates)', () => {
  it('chat and notes refuse it with invalid_input and store nothing', async () => {
    const { interviewId, ivr, cand, close } = await room();
    const before = await recordOf(interviewId);
    for (const text of [NUL, LONE_SURROGATE]) {
      expect(await cand.emitWithAck('chat:send', { interviewId, text })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('not allowed') } });
      expect(await ivr.emitWithAck('note:save', { interviewId, text })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await ivr.emitWithAck('room:set-call-link', { interviewId, callLink: `https://meet.example.com/${text}` })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await cand.emitWithAck('room:join', { interviewId: '\u0000' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await recordOf(interviewId)).toEqual(before);
    // The sockets are fine afterwards.
    expect(await cand.emitWithAck('chat:send', { interviewId, text: 'still here' })).toMatchObject({ ok: true });
    close();
  });

  it('names and prompts refuse it with a 400 and create nothing', async () => {
    const author = await signedInClient(server, 'author');
    const [users, prompts] = [await server.services.prisma.user.count(), await server.services.prisma.prompt.count()];
    for (const text of [NUL, LONE_SURROGATE]) {
      const signUp = await author.client.request('/api/signup', { method: 'POST', json: { name: text, email: `x${Date.now()}@example.test`, password: 'a-long-password' } });
      expect(signUp.status).toBe(400);
      expect(await signUp.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { name: expect.stringContaining('not allowed') } } });
      const prompt = await author.client.request('/api/prompts', { method: 'POST', json: { kind: 'concept', title: text, statement: text } });
      expect(prompt.status).toBe(400);
    }
    // A URL carries UTF-8 only, so of the two only NUL can arrive in a query.
    expect((await author.client.request('/api/prompts?q=before%00after')).status).toBe(400);
    expect(await server.services.prisma.user.count()).toBe(users);
    expect(await server.services.prisma.prompt.count()).toBe(prompts);
  });
});

describe('ids that are not ids', () => {
  it('answers %00, %ff and junk ids in API paths with a clear 400', async () => {
    const { interviewId, interviewer, close } = await room();
    const before = await recordOf(interviewId);
    for (const id of ['%00', '%ff', '%', 'a%27b', 'x'.repeat(65)]) {
      for (const [method, path] of [
        ['GET', `/api/interviews/${id}/scorecards`],
        ['POST', `/api/interviews/${id}/scorecards`],
        ['GET', `/api/interviews/${id}/feedback`],
        ['POST', `/api/interviews/${id}/feedback`],
        ['GET', `/api/interviews/${id}/export.json`],
        ['GET', `/api/interviews/${id}/board-timeline`],
        ['POST', `/api/interviews/${id}/notes/share`],
        ['POST', `/api/interviews/${id}/assets`],
        ['GET', `/api/prompts/${id}`],
        ['POST', `/api/prompts/${id}`],
        ['POST', `/api/prompts/${id}/delete`],
        ['GET', `/api/assets/${id}`],
      ] as const) {
        const response = await interviewer.client.request(path, method === 'POST' ? { method, json: {} } : {});
        expect(response.status, `${method} ${path}`).toBe(400);
        expect(await response.json(), `${method} ${path}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }
    }
    // A page with an undecodable address is a 400 too, not a bare 500.
    expect((await interviewer.client.request('/interviews/%ff')).status).toBe(400);
    expect(await recordOf(interviewId)).toEqual(before);
    close();
  });
});

describe('chat limits', () => {
  it('one budget per person and interview, however many sockets they open', async () => {
    const { interviewId, candidate, close } = await room();
    const sockets = await Promise.all(Array.from({ length: 10 }, () => joinedSocket(candidate, interviewId)));
    // Each socket alone is within its own event budget (20 in a burst): together they are not.
    const answers = await Promise.all(sockets.flatMap((socket, i) => Array.from({ length: 5 }, (_, j) => socket.emitWithAck('chat:send', { interviewId, text: `flood ${i}.${j}` }))));
    const accepted = answers.filter((answer) => answer.ok).length;
    expect(accepted).toBeLessThanOrEqual(12);
    expect(answers.find((answer) => !answer.ok)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    const stored = await server.services.prisma.timelineEvent.count({ where: { interviewId, kind: 'chat', actorId: candidate.userId } });
    expect(stored).toBe(accepted);
    sockets.forEach((socket) => socket.close());
    close();
  });

  it('the history keeps both people: a flood by one does not push the other out', async () => {
    const { interviewId, interviewer, candidate, ivr, close } = await room();
    expect(await ivr.emitWithAck('chat:send', { interviewId, text: 'Welcome, shall we start?' })).toMatchObject({ ok: true });
    // 250 older messages from the candidate, stored directly (the rate limit would take minutes).
    await server.services.prisma.timelineEvent.createMany({
      data: Array.from({ length: 250 }, (_, i) => ({ interviewId, kind: 'chat', payload: { text: `spam ${i}` }, actorId: candidate.userId })),
    });
    const late = await joinedSocket(interviewer, interviewId);
    const joined = await late.emitWithAck('room:join', { interviewId });
    if (!joined.ok) throw new Error(joined.error.message);
    const mine = joined.data.chat.filter((message) => message.authorId === interviewer.userId);
    const theirs = joined.data.chat.filter((message) => message.authorId === candidate.userId);
    expect(mine.map((message) => message.text)).toEqual(['Welcome, shall we start?']);
    expect(theirs).toHaveLength(200);
    expect(theirs.at(-1)?.text).toBe('spam 249');
    // Oldest first, as the panel shows them.
    const ids = joined.data.chat.map((message) => BigInt(message.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    late.close();
    close();
  });
});

describe('after the end', () => {
  it('the record is closed for both: no chat, call link, notes, key points or new invite link', async () => {
    const { interviewId, interviewer, ivr, cand, close } = await room();
    expect(await ivr.emitWithAck('interview:start', { interviewId })).toMatchObject({ ok: true });
    const note = await ivr.emitWithAck('note:save', { interviewId, text: 'written during the interview' });
    if (!note.ok) throw new Error(note.error.message);
    expect(await ivr.emitWithAck('interview:end', { interviewId })).toMatchObject({ ok: true });
    const before = await recordOf(interviewId);

    const closed = { ok: false, error: { code: 'conflict', message: expect.stringContaining('record is closed') } };
    expect(await cand.emitWithAck('chat:send', { interviewId, text: 'one more thing' })).toMatchObject(closed);
    expect(await ivr.emitWithAck('chat:send', { interviewId, text: 'one more thing' })).toMatchObject(closed);
    expect(await cand.emitWithAck('room:set-call-link', { interviewId, callLink: 'https://evil.example/x' })).toMatchObject(closed);
    expect(await ivr.emitWithAck('room:set-call-link', { interviewId, callLink: '' })).toMatchObject(closed);
    expect(await ivr.emitWithAck('note:save', { interviewId, text: 'afterthought' })).toMatchObject(closed);
    expect(await ivr.emitWithAck('note:save', { interviewId, id: note.data.id, text: 'rewritten' })).toMatchObject(closed);
    expect(await ivr.emitWithAck('note:delete', { interviewId, id: note.data.id })).toMatchObject(closed);
    expect(await ivr.emitWithAck('guide:check', { interviewId, index: 0, checked: true })).toMatchObject(closed);
    expect(await ivr.emitWithAck('hint:reveal', { interviewId, index: 0 })).toMatchObject(closed);
    expect(await ivr.emitWithAck('invite:manage', { interviewId, action: 'regenerate' })).toMatchObject(closed);
    // Timer commands answer "nothing changed" (they are idempotent by design).
    const timer = await ivr.emitWithAck('timer:command', { interviewId, command: { type: 'start' } });
    expect(timer.ok && timer.data.changed).toBe(false);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const upload = await interviewer.client.request(`/api/interviews/${interviewId}/assets`, { method: 'POST', body: png, headers: { origin: server.url } });
    expect(upload.status).toBe(403);
    expect(await recordOf(interviewId)).toEqual(before);

    // Revoking the invite link only closes a door, and stays possible.
    expect(await ivr.emitWithAck('invite:manage', { interviewId, action: 'revoke' })).toMatchObject({ ok: true, data: { inviteToken: null } });
    close();
  });
});
