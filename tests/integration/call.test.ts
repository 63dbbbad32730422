// The in-room call's signalling (issue 12): offers, answers and candidates relayed between the two
// participants of an interview over their room sockets, and nobody else; refused after the end,
// malformed and oversized ones refused without harming the room; TURN credentials minted by the
// server in coturn's use-auth-secret scheme, for participants only.
import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_SDP_CHARS } from '@/lib/protocol/call';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { connected, type TClientSocket } from '../helpers/http-client';
import { acceptInviteAs, createInterviewAs, joinedSocket, nextEvent, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';

const TURN_SECRET = 'call-test-static-auth-secret-0123456789';
const TURN_URL = 'turn:127.0.0.1:3478?transport=udp';
const TTL_SECONDS = 600;

let server: TTestServer;
beforeAll(async () => {
  server = await startTestServer({ TURN_URLS: TURN_URL, STUN_URLS: 'stun:127.0.0.1:3478', TURN_SECRET, TURN_TTL_SECONDS: String(TTL_SECONDS) });
});
afterAll(async () => {
  await server?.cleanup();
});

type TUntyped = { timeout: (ms: number) => { emitWithAck: (event: string, ...args: unknown[]) => Promise<unknown> } };
const ZAck = z.union([z.object({ ok: z.literal(true), data: z.unknown() }), z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string().min(1) }) })]);
const ZJoined = z.object({
  iceServers: z.array(z.object({ urls: z.array(z.string()), username: z.string().optional(), credential: z.string().optional() })),
  iceServersTtlSeconds: z.number().nullable(),
  iceTransportPolicy: z.enum(['all', 'relay']),
  isPolite: z.boolean(),
  peerUserId: z.string().nullable(),
});

/** Sends an event the way any client could (no types) and returns the parsed ack. */
async function call(socket: TClientSocket, event: string, payload: unknown) {
  return ZAck.parse(await (socket as unknown as TUntyped).timeout(10_000).emitWithAck(event, payload));
}
const code = (result: z.infer<typeof ZAck>) => (result.ok ? 'ok' : result.error.code);
const newSession = () => randomBytes(12).toString('base64url');

const OFFER = { kind: 'description', description: { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n' } };
const CANDIDATE = { kind: 'candidate', candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };

/** Collects every call:* event a socket receives. */
function recorder(socket: TClientSocket) {
  const events: Array<{ event: string; payload: unknown }> = [];
  (socket as unknown as { onAny: (listener: (event: string, payload: unknown) => void) => void }).onAny((event, payload) => {
    if (event.startsWith('call:')) events.push({ event, payload });
  });
  return events;
}

type TPair = { interviewer: TSignedInClient; candidate: TSignedInClient; interviewId: string };
async function livePair(label: string): Promise<TPair> {
  const [interviewer, candidate] = await Promise.all([signedInClient(server, `${label}-ivr`), signedInClient(server, `${label}-cand`)]);
  const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
  expect((await acceptInviteAs(candidate, inviteToken)).status).toBe(200);
  await server.services.prisma.interview.update({ where: { id: interviewId }, data: { status: 'live', startedAt: new Date() } });
  return { interviewer, candidate, interviewId };
}

async function inCall(person: TSignedInClient, interviewId: string) {
  const socket = await joinedSocket(person, interviewId);
  const session = newSession();
  const joined = await call(socket, 'call:join', { interviewId, session });
  if (!joined.ok) throw new Error(`call:join: ${joined.error.message}`);
  return { socket, session, joined: ZJoined.parse(joined.data) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('call signalling', () => {
  it('relays offer, answer and candidates between the two participants, and tells each when the other joins', async () => {
    const { interviewer, candidate, interviewId } = await livePair('relay');
    const ivr = await inCall(interviewer, interviewId);
    const peerJoined = nextEvent<{ session: string; fromUserId: string }>(ivr.socket, 'call:peer-joined');
    const cand = await inCall(candidate, interviewId);
    expect(await peerJoined).toMatchObject({ interviewId, session: cand.session, fromUserId: candidate.userId });
    // One polite side: the candidate (stored role, not the client's say).
    expect(cand.joined).toMatchObject({ isPolite: true, peerUserId: interviewer.userId });
    expect(ivr.joined).toMatchObject({ isPolite: false, peerUserId: candidate.userId });

    const offerArrives = nextEvent<Record<string, unknown>>(ivr.socket, 'call:signal');
    expect(code(await call(cand.socket, 'call:signal', { interviewId, from: cand.session, to: null, signal: OFFER }))).toBe('ok');
    expect(await offerArrives).toEqual({ interviewId, from: cand.session, to: null, signal: OFFER, fromUserId: candidate.userId });

    const answer = { kind: 'description', description: { type: 'answer', sdp: 'v=0\r\n' } };
    const answerArrives = nextEvent<Record<string, unknown>>(cand.socket, 'call:signal');
    expect(code(await call(ivr.socket, 'call:signal', { interviewId, from: ivr.session, to: cand.session, signal: answer }))).toBe('ok');
    expect(await answerArrives).toMatchObject({ from: ivr.session, to: cand.session, signal: answer, fromUserId: interviewer.userId });

    const candidates = nextEvent<Record<string, unknown>>(cand.socket, 'call:signal', (p) => (p.signal as { kind: string }).kind === 'candidate');
    expect(code(await call(ivr.socket, 'call:signal', { interviewId, from: ivr.session, to: cand.session, signal: CANDIDATE }))).toBe('ok');
    expect(await candidates).toMatchObject({ signal: CANDIDATE });

    // Hanging up tells the other.
    const left = nextEvent<{ session: string }>(cand.socket, 'call:peer-left');
    expect(code(await call(ivr.socket, 'call:leave', { interviewId, session: ivr.session }))).toBe('ok');
    expect(await left).toMatchObject({ session: ivr.session });
    // …and a socket that left the call may not signal until it joins again.
    expect(code(await call(ivr.socket, 'call:signal', { interviewId, from: ivr.session, to: cand.session, signal: CANDIDATE }))).toBe('forbidden');
    ivr.socket.close();
    cand.socket.close();
  });

  it('a second tab takes the call over: the first tab is told, and the peer sees the new session', async () => {
    const { interviewer, candidate, interviewId } = await livePair('tabs');
    const first = await inCall(candidate, interviewId);
    const ivr = await inCall(interviewer, interviewId);
    const moved = nextEvent<{ session: string }>(first.socket, 'call:moved');
    const peerJoined = nextEvent<{ session: string }>(ivr.socket, 'call:peer-joined');
    const second = await inCall(candidate, interviewId);
    expect((await moved).session).toBe(second.session);
    expect((await peerJoined).session).toBe(second.session);
    for (const socket of [first.socket, second.socket, ivr.socket]) socket.close();
  });

  it('refuses strangers and the candidate of another interview, who hear nothing of the call', async () => {
    const { interviewer, candidate, interviewId } = await livePair('strangers');
    const other = await livePair('strangers-other');
    const stranger = await signedInClient(server, 'stranger');
    const ivr = await inCall(interviewer, interviewId);
    const cand = await inCall(candidate, interviewId);
    const heardByIvr = recorder(ivr.socket);

    for (const outsider of [stranger, other.candidate]) {
      const socket = outsider.client.socket();
      await connected(socket);
      const heard = recorder(socket);
      const session = newSession();
      const joined = await call(socket, 'call:join', { interviewId, session });
      // The same answer as for a missing interview, and no ICE servers (no TURN credential).
      expect(joined).toEqual({ ok: false, error: { code: 'not_found', message: 'Interview not found.' } });
      expect(code(await call(socket, 'call:signal', { interviewId, from: session, to: cand.session, signal: OFFER }))).toBe('forbidden');
      expect(code(await call(socket, 'call:leave', { interviewId, session }))).toBe('not_found');
      // Signals of the interview's two participants never reach the outsider.
      expect(code(await call(cand.socket, 'call:signal', { interviewId, from: cand.session, to: ivr.session, signal: OFFER }))).toBe('ok');
      await pause(200);
      expect(heard).toEqual([]);
      socket.close();
    }
    // The interviewer heard the candidate's two offers, and nothing from the outsiders.
    expect(heardByIvr.map((e) => [e.event, (e.payload as { fromUserId: string }).fromUserId])).toEqual([
      ['call:signal', candidate.userId],
      ['call:signal', candidate.userId],
    ]);
    ivr.socket.close();
    cand.socket.close();
  });

  it('refuses to join or signal once the interview has ended', async () => {
    const { interviewer, candidate, interviewId } = await livePair('ended');
    const ivr = await inCall(interviewer, interviewId);
    const cand = await inCall(candidate, interviewId);
    const heardByCand = recorder(cand.socket);
    expect(code(await call(ivr.socket, 'interview:end', { interviewId }))).toBe('ok');
    expect(code(await call(ivr.socket, 'call:signal', { interviewId, from: ivr.session, to: cand.session, signal: OFFER }))).toBe('conflict');
    expect(code(await call(cand.socket, 'call:join', { interviewId, session: newSession() }))).toBe('conflict');
    await pause(200);
    expect(heardByCand.filter((e) => e.event === 'call:signal')).toEqual([]);
    ivr.socket.close();
    cand.socket.close();
  });

  it('refuses malformed and oversized signals with invalid_input, and the call and room go on', async () => {
    const { interviewer, candidate, interviewId } = await livePair('malformed');
    const ivr = await inCall(interviewer, interviewId);
    const cand = await inCall(candidate, interviewId);
    const heardByIvr = recorder(ivr.socket);
    const base = { interviewId, from: cand.session, to: ivr.session };
    const bad: unknown[] = [
      null,
      'offer',
      { ...base },
      { ...base, signal: { kind: 'description', description: { type: 'offer', sdp: 'x'.repeat(MAX_SDP_CHARS + 1) } } },
      { ...base, signal: { kind: 'description', description: { type: 'pranswer', sdp: 'v=0' } } },
      { ...base, signal: { kind: 'description', description: { type: 'offer', sdp: 'v=0', extra: 1 } } },
      { ...base, signal: { kind: 'candidate', candidate: { candidate: 'x'.repeat(5000) } } },
      { ...base, signal: { kind: 'candidate', candidate: { candidate: 'c', sdpMLineIndex: -1 } } },
      { ...base, signal: { kind: 'shout', text: 'hi' } },
      { ...base, signal: OFFER, fromUserId: interviewer.userId },
      { ...base, from: 'short', signal: OFFER },
      { ...base, to: '../../x', signal: OFFER },
      { ...base, interviewId: 'a b', signal: OFFER },
    ];
    for (const payload of bad) expect(code(await call(cand.socket, 'call:signal', payload)), JSON.stringify(payload).slice(0, 120)).toBe('invalid_input');
    // Someone else's session as "from": refused, not relayed as theirs.
    expect(code(await call(cand.socket, 'call:signal', { ...base, from: ivr.session, signal: OFFER }))).toBe('forbidden');

    // A message over socket.io's 1 MB limit cuts off that socket only.
    const closed = new Promise<string>((resolve) => cand.socket.once('disconnect', (reason) => resolve(reason)));
    (cand.socket as unknown as { emit: (e: string, p: unknown) => void }).emit('call:signal', { ...base, signal: { kind: 'description', description: { type: 'offer', sdp: 'x'.repeat(1_100_000) } } });
    expect(await closed).toBe('transport close');
    expect(ivr.socket.connected).toBe(true);
    expect(heardByIvr).toEqual([]);

    // The candidate comes back; the call and the room still work.
    const again = await inCall(candidate, interviewId);
    const arrives = nextEvent<Record<string, unknown>>(ivr.socket, 'call:signal');
    expect(code(await call(again.socket, 'call:signal', { interviewId, from: again.session, to: ivr.session, signal: OFFER }))).toBe('ok');
    expect(await arrives).toMatchObject({ from: again.session, signal: OFFER });
    const chat = nextEvent<{ message: { text: string } }>(again.socket, 'chat:message');
    expect(code(await call(ivr.socket, 'chat:send', { interviewId, text: 'still here' }))).toBe('ok');
    expect((await chat).message.text).toBe('still here');
    ivr.socket.close();
    again.socket.close();
  });

  it('bounds the rate of signals per person: a burst past the budget is refused, the rest relayed', async () => {
    const { interviewer, candidate, interviewId } = await livePair('rate');
    const ivr = await inCall(interviewer, interviewId);
    const cand = await inCall(candidate, interviewId);
    const heardByIvr = recorder(ivr.socket);
    const results = await Promise.all(
      Array.from({ length: 100 }, () => call(cand.socket, 'call:signal', { interviewId, from: cand.session, to: ivr.session, signal: CANDIDATE })),
    );
    const codes = results.map(code);
    const relayed = codes.filter((c) => c === 'ok').length;
    expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThan(0);
    // The burst (60) plus what refilled while the 100 arrived (10/s).
    expect(relayed).toBeGreaterThanOrEqual(60);
    expect(relayed).toBeLessThan(100);
    await pause(300);
    expect(heardByIvr.filter((e) => e.event === 'call:signal')).toHaveLength(relayed);
    ivr.socket.close();
    cand.socket.close();
  });
});

describe('ICE servers', () => {
  it('gives each participant STUN and a TURN credential minted with HMAC-SHA1 over "expiry:userId", expiring after TURN_TTL_SECONDS', async () => {
    const { interviewer, candidate, interviewId } = await livePair('turn');
    const before = Math.floor(Date.now() / 1000);
    for (const person of [interviewer, candidate]) {
      const { socket, joined } = await inCall(person, interviewId);
      expect(joined.iceServersTtlSeconds).toBe(TTL_SECONDS);
      const [stun, turn] = joined.iceServers;
      expect(stun).toEqual({ urls: ['stun:127.0.0.1:3478'] });
      expect(turn?.urls).toEqual([TURN_URL]);
      const [expiry, userId] = turn!.username!.split(':');
      expect(userId).toBe(person.userId);
      expect(Number(expiry)).toBeGreaterThanOrEqual(before + TTL_SECONDS);
      expect(Number(expiry)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + TTL_SECONDS);
      // What coturn computes from its static-auth-secret.
      expect(turn!.credential).toBe(createHmac('sha1', TURN_SECRET).update(turn!.username!).digest('base64'));
      expect(turn!.credential).not.toBe(createHmac('sha1', 'another-secret-another-secret').update(turn!.username!).digest('base64'));
      // The secret itself never goes out.
      expect(JSON.stringify(joined)).not.toContain(TURN_SECRET);
      socket.close();
    }
  });
});
