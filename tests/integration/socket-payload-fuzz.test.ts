// Issue 9, "tests that stay": a seeded fuzz of every socket event the server handles. For each
// event (as registered on a live socket: a new event without a spec here fails the test), payloads
// that are wrong by construction: not an object, a field of the wrong type, a string with NUL or
// a lone surrogate, an oversized string, nesting 5,000 deep, a missing field, an extra field
// (`__proto__` among them), and the acknowledgement missing, alone, or after an extra argument.
// The server must answer every acknowledged one with a clear `invalid_input` error, stay up, keep
// the room working for the people in it, and leave the database as it was. Repeatable: the seed
// and the number of payloads per event come from SOCKET_FUZZ_SEED / SOCKET_FUZZ_PAYLOADS.
import * as syncCore from '@tldraw/sync-core';
import { createTLSchema } from '@tldraw/tlschema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TRealtimeServer } from '@/server/realtime';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { connected, type TClientSocket } from '../helpers/http-client';
import { acceptInviteAs, createInterviewAs, joinedSocket, nextEvent, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';
import { seededRandom } from '../helpers/seeded-random';

const SEED = Number(process.env.SOCKET_FUZZ_SEED ?? 9009);
const PAYLOADS_PER_EVENT = Number(process.env.SOCKET_FUZZ_PAYLOADS ?? 30);

/** What a field must be, so that the fuzz can pick values it is not. */
type TField = 'id' | 'chatText' | 'noteText' | 'callLink' | 'index' | 'number' | 'bool' | 'inviteAction' | 'command' | 'sessionId' | 'callSession' | 'callSignal';
type TSpec = {
  /** Whether the event answers through an acknowledgement. */
  hasAck: boolean;
  /** Payload arguments the event takes before the ack (0: none, e.g. session:whoami). */
  payloads: 0 | 1;
  /** A valid payload (never sent as such), which the fuzz breaks one way at a time. */
  valid: (fx: TFixtures) => Record<string, unknown>;
  fields: Record<string, TField>;
  optional?: string[];
};
type TFixtures = { interviewId: string; noteId: string; boardSessionId: string };

const SPECS: Record<string, TSpec> = {
  'session:whoami': { hasAck: true, payloads: 0, valid: () => ({}), fields: {} },
  'clock:sync': { hasAck: true, payloads: 1, valid: () => ({ clientSentAt: 1 }), fields: { clientSentAt: 'number' } },
  'room:join': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId }), fields: { interviewId: 'id' } },
  'room:leave': { hasAck: false, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId }), fields: { interviewId: 'id' } },
  'chat:send': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId, text: 'hello' }), fields: { interviewId: 'id', text: 'chatText' } },
  'room:set-call-link': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId, callLink: 'https://meet.example.com/a' }), fields: { interviewId: 'id', callLink: 'callLink' } },
  'interview:start': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId }), fields: { interviewId: 'id' } },
  'interview:end': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId }), fields: { interviewId: 'id' } },
  'invite:manage': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId, action: 'regenerate' }), fields: { interviewId: 'id', action: 'inviteAction' } },
  'timer:command': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId, command: { type: 'pause' } }), fields: { interviewId: 'id', command: 'command' } },
  'guide:sync': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId }), fields: { interviewId: 'id' } },
  'guide:check': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId, index: 0, checked: true }), fields: { interviewId: 'id', index: 'index', checked: 'bool' } },
  'hint:reveal': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId, index: 0 }), fields: { interviewId: 'id', index: 'index' } },
  'note:save': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId, id: fx.noteId, text: 'note' }), fields: { interviewId: 'id', id: 'id', text: 'noteText' }, optional: ['id'] },
  'note:delete': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId, id: fx.noteId }), fields: { interviewId: 'id', id: 'id' } },
  'board:join': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId }), fields: { interviewId: 'id' } },
  'board:leave': { hasAck: false, payloads: 1, valid: (fx) => ({ sessionId: fx.boardSessionId }), fields: { sessionId: 'sessionId' }, optional: ['sessionId'] },
  'call:join': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId, session: CALL_SESSION }), fields: { interviewId: 'id', session: 'callSession' } },
  'call:leave': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId, session: CALL_SESSION }), fields: { interviewId: 'id', session: 'callSession' } },
  'call:signal': {
    hasAck: true,
    payloads: 1,
    valid: (fx) => ({ interviewId: fx.interviewId, from: CALL_SESSION, to: null, signal: { kind: 'description', description: { type: 'offer', sdp: 'v=0' } } }),
    fields: { interviewId: 'id', from: 'callSession', to: 'callSession', signal: 'callSignal' },
  },
  'recording:propose': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId }), fields: { interviewId: 'id' } },
  'recording:answer': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId, recordingId: 'fuzzrecording', accept: true }), fields: { interviewId: 'id', recordingId: 'id', accept: 'bool' } },
  'recording:stop': { hasAck: true, payloads: 1, valid: (fx) => ({ interviewId: fx.interviewId, recordingId: 'fuzzrecording' }), fields: { interviewId: 'id', recordingId: 'id' } },
  // Frames are text that tldraw parses; board-frame-fuzz.test.ts mutates real tldraw frames. Here:
  // what is not a frame at all.
  'board:message': { hasAck: false, payloads: 1, valid: () => ({}), fields: {} },
};

const CALL_SESSION = 'fuzz-call-session';

const RESERVED_EVENTS = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'error', 'newListener', 'removeListener']);

const HUGE = 'x'.repeat(300_000);
const NUL = 'before\u0000after';
const LONE_SURROGATE = 'before\ud800after';
// Nesting 5,000 deep overflows socket.io-client's own encoder (it walks payloads recursively), so
// calls go out as raw socket.io packets (rawCall) and these stand for JSON text spliced in there.
const DEPTH = 5000;
const DEEP_ARRAY = '\u0001deep-array\u0001';
const DEEP_OBJECT = '\u0001deep-object\u0001';
const DEEP_JSON: Record<string, string> = {
  [DEEP_ARRAY]: `${'['.repeat(DEPTH)}"bottom"${']'.repeat(DEPTH)}`,
  [DEEP_OBJECT]: `${'{"a":'.repeat(DEPTH)}"bottom"${'}'.repeat(DEPTH)}`,
};

/** Values no field accepts (whatever its type), and then values wrong for one kind of field. */
const ANY_WRONG: unknown[] = [null, [], {}, [1, 2], DEEP_ARRAY, DEEP_OBJECT];
const WRONG_FOR: Record<TField, unknown[]> = {
  id: [0, -1, true, '', '%00', NUL, LONE_SURROGATE, 'x'.repeat(65), '../etc/passwd', 'a b', HUGE],
  chatText: [0, true, '', '   ', NUL, LONE_SURROGATE, HUGE],
  noteText: [0, true, NUL, LONE_SURROGATE, HUGE],
  callLink: [0, true, NUL, LONE_SURROGATE, 'javascript:alert(1)', HUGE],
  index: ['0', -1, 1.5, 100, 1e308, true],
  number: ['1', true, HUGE],
  bool: ['true', 1, 0],
  inviteAction: ['delete', '', 1, HUGE],
  command: ['pause', { type: 'explode' }, { type: 'extend', minutes: 7 }, { type: 'pause', extra: 1 }, { type: NUL }],
  sessionId: [0, true, '', HUGE],
  callSession: [0, true, '', 'short', 'a b c d e f', NUL, LONE_SURROGATE, 'x'.repeat(65), HUGE],
  callSignal: [
    'offer',
    { kind: 'description', description: { type: 'pranswer', sdp: 'v=0' } },
    { kind: 'description', description: { type: 'offer', sdp: HUGE } },
    { kind: 'description', description: { type: 'offer', sdp: 'v=0', extra: 1 } },
    { kind: 'candidate', candidate: { candidate: HUGE } },
    { kind: 'candidate', candidate: { candidate: 'c', sdpMLineIndex: -1 } },
    { kind: 'media', audio: 'yes', video: false },
    { kind: 'shout' },
  ],
};
const EXTRA_KEYS = ['extra', '__proto__', 'constructor', 'userId', 'role', NUL, 'k'.repeat(1000)];
const TOP_LEVEL_JUNK: unknown[] = [null, 0, -1, 1e308, true, '', 'text', NUL, LONE_SURROGATE, HUGE, [], [1, 2, 3], DEEP_ARRAY, DEEP_OBJECT];

type TArrangement = 'payload+ack' | 'ack only' | 'payload+extra+ack' | 'no ack';
type TCase = { description: string; args: unknown[]; arrangement: TArrangement };

/** One malformed call of `event`, chosen by the generator. */
function malformedCase(rng: ReturnType<typeof seededRandom>, event: string, spec: TSpec, fx: TFixtures): TCase {
  const fieldNames = Object.keys(spec.fields);
  let payload: unknown;
  let description: string;
  const kind = spec.payloads === 0 || fieldNames.length === 0 ? 'junk' : rng.pick(['junk', 'wrong field', 'wrong field', 'extra field', 'missing field'] as const);
  if (kind === 'junk' || spec.payloads === 0) {
    payload = event === 'board:message' ? rng.pick([...TOP_LEVEL_JUNK.filter((value) => typeof value !== 'string' || value.length < 2), ...ANY_WRONG]) : rng.pick(TOP_LEVEL_JUNK);
    description = 'junk payload';
  } else if (kind === 'wrong field') {
    const field = rng.pick(fieldNames);
    payload = { ...spec.valid(fx), [field]: rng.pick([...WRONG_FOR[spec.fields[field]!], ...ANY_WRONG]) };
    description = `wrong ${field}`;
  } else if (kind === 'extra field') {
    const key = rng.pick(EXTRA_KEYS);
    payload = JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(rng.pick(['x', 1, null, { nested: true }]))},${JSON.stringify(spec.valid(fx)).slice(1)}`);
    description = `extra field ${JSON.stringify(key.slice(0, 20))}`;
  } else {
    const required = fieldNames.filter((field) => !spec.optional?.includes(field));
    if (required.length === 0) {
      payload = { ...spec.valid(fx), unexpected: true };
      description = 'extra field (nothing required)';
    } else {
      const field = rng.pick(required);
      const { [field]: _dropped, ...rest } = spec.valid(fx);
      payload = rest;
      description = `missing ${field}`;
    }
  }
  const arrangement: TArrangement = spec.hasAck ? rng.pick(['payload+ack', 'payload+ack', 'payload+ack', 'ack only', 'payload+extra+ack', 'no ack'] as const) : 'no ack';
  // An event without payload: its malformed calls carry one.
  if (spec.payloads === 0 && arrangement === 'ack only') return { description: 'junk before the ack', args: [payload], arrangement: 'payload+ack' };
  const args = arrangement === 'ack only' ? [] : arrangement === 'payload+extra+ack' ? [payload, rng.pick(TOP_LEVEL_JUNK)] : [payload];
  return { description: `${description} (${arrangement})`, args, arrangement };
}

const ZAnswer = z.union([z.object({ ok: z.literal(true), data: z.unknown() }), z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string().min(1) }) })]);

let nextAckId = 1_000_000;

/**
 * Sends `[event, ...args]` as a raw socket.io EVENT packet (with an ack id when `withAck`) and
 * resolves with the ack's first argument, or `undefined` after 5 s (a hang guard: an answer takes
 * milliseconds). Placeholders for deep
 * nesting are replaced by their JSON text.
 */
function rawCall(socket: TClientSocket, event: string, args: unknown[], withAck: boolean): Promise<unknown> {
  let json = JSON.stringify([event, ...args]);
  for (const [token, text] of Object.entries(DEEP_JSON)) json = json.split(JSON.stringify(token)).join(text);
  const engine = (socket as unknown as { io: { engine: { send: (data: string) => void; on: (e: string, l: (data: unknown) => void) => void; off: (e: string, l: (data: unknown) => void) => void } } }).io.engine;
  if (!withAck) {
    engine.send(`2${json}`);
    return Promise.resolve(undefined);
  }
  const id = nextAckId++;
  const prefix = `3${id}[`;
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish(undefined), 5_000);
    const onMessage = (data: unknown) => {
      if (typeof data === 'string' && data.startsWith(prefix)) finish(z.array(z.unknown()).parse(JSON.parse(data.slice(prefix.length - 1)))[0]);
    };
    const finish = (answer: unknown) => {
      clearTimeout(timer);
      engine.off('message', onMessage);
      resolve(answer);
    };
    engine.on('message', onMessage);
    engine.send(`2${id}${json}`);
  });
}

type TUntypedSocket = {
  emit: (event: string, ...args: unknown[]) => void;
  timeout: (ms: number) => { emitWithAck: (event: string, ...args: unknown[]) => Promise<unknown> };
};
const untyped = (socket: TClientSocket) => socket as unknown as TUntypedSocket;

let server: TTestServer;
let interviewer: TSignedInClient;
let candidate: TSignedInClient;
let fx: TFixtures;
/** The candidate in the room with the board open, through the whole fuzz. */
let anchor: TClientSocket;
let pinger: ReturnType<typeof setInterval> | undefined;

const tldrawProtocolVersion = () => (syncCore as unknown as { getTlsyncProtocolVersion: () => number }).getTlsyncProtocolVersion();

/** Sends one tldraw message over the board and resolves with the type of the next one that is not a pong. */
function boardReply(socket: TClientSocket, message: unknown): Promise<string> {
  const raw = socket as unknown as { on: (e: string, l: (data: unknown) => void) => void; off: (e: string, l: (data: unknown) => void) => void };
  return new Promise((resolve) => {
    const onMessage = (data: unknown) => {
      const type = z.object({ type: z.string() }).parse(JSON.parse(z.string().parse(data))).type;
      if (type === 'pong' && (message as { type: string }).type !== 'ping') return;
      raw.off('board:message', onMessage);
      resolve(type);
    };
    raw.on('board:message', onMessage);
    untyped(socket).emit('board:message', JSON.stringify(message));
  });
}

/**
 * Everything the fuzz could change: every table's size and the fuzzed interview's own rows. The
 * board engine's archive (BoardState, BoardSnapshot, "board" timeline events) is counted for this
 * file's interview only: other files share this server, and a board of theirs closes after its
 * grace period and stores its final keyframe whenever that comes (seen: one BoardSnapshot more
 * during the fuzz, in the PostgreSQL leg).
 */
async function databaseState() {
  const prisma = server.services.prisma;
  const ours = { interviewId: fx.interviewId };
  const counters: Record<string, () => Promise<number>> = {
    user: () => prisma.user.count(),
    revokedSession: () => prisma.revokedSession.count(),
    prompt: () => prisma.prompt.count(),
    interview: () => prisma.interview.count(),
    participant: () => prisma.participant.count(),
    boardState: () => prisma.boardState.count({ where: ours }),
    boardSnapshot: () => prisma.boardSnapshot.count({ where: ours }),
    timelineEvent: () => prisma.timelineEvent.count({ where: { kind: { not: 'board' } } }),
    boardTimelineEvent: () => prisma.timelineEvent.count({ where: { ...ours, kind: 'board' } }),
    scorecard: () => prisma.scorecard.count(),
    feedback: () => prisma.feedback.count(),
    asset: () => prisma.asset.count(),
    note: () => prisma.note.count(),
    recording: () => prisma.recording.count(),
    recordingTrack: () => prisma.recordingTrack.count(),
  };
  const counts: Record<string, number> = {};
  for (const [name, count] of Object.entries(counters)) counts[name] = await count();
  const [interview, participants, notes, timeline] = await Promise.all([
    prisma.interview.findUniqueOrThrow({ where: { id: fx.interviewId } }),
    prisma.participant.findMany({ where: { interviewId: fx.interviewId }, orderBy: { userId: 'asc' } }),
    prisma.note.findMany({ where: { interviewId: fx.interviewId }, orderBy: { id: 'asc' } }),
    prisma.timelineEvent.findMany({ where: { interviewId: fx.interviewId }, orderBy: { id: 'asc' } }),
  ]);
  return { counts, interview, participants, notes, timeline };
}

beforeAll(async () => {
  server = await startTestServer();
  [interviewer, candidate] = await Promise.all([signedInClient(server, 'fuzz-ivr'), signedInClient(server, 'fuzz-cand')]);
  const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
  expect((await acceptInviteAs(candidate, inviteToken)).status).toBe(200);
  await server.services.prisma.interview.update({ where: { id: interviewId }, data: { status: 'live', startedAt: new Date() } });
  const note = await server.services.prisma.note.create({ data: { interviewId, authorId: interviewer.userId, text: 'kept', atMs: 0 }, select: { id: true } });
  anchor = await joinedSocket(candidate, interviewId);
  const board = z.object({ ok: z.literal(true), data: z.object({ sessionId: z.string() }) }).parse(await untyped(anchor).timeout(10_000).emitWithAck('board:join', { interviewId }));
  fx = { interviewId, noteId: note.id, boardSessionId: board.data.sessionId };
  // The anchor is a tldraw client like a browser's: it connects its board session and pings, or
  // tldraw would drop the session (10 s without connecting, 20 s idle), close the room and store
  // a keyframe in the middle of the fuzz.
  expect(await boardReply(anchor, { type: 'connect', connectRequestId: 'anchor', lastServerClock: 0, protocolVersion: tldrawProtocolVersion(), schema: createTLSchema().serialize() })).toBe('connect');
  pinger = setInterval(() => untyped(anchor).emit('board:message', JSON.stringify({ type: 'ping' })), 3_000);
  // A new board's first archive write (its first keyframe) comes about a second after it opens:
  // wait for it, so that it is not taken for a change made by the fuzz.
  for (let tries = 0; (await server.services.prisma.boardSnapshot.count({ where: { interviewId } })) === 0; tries++) {
    if (tries > 300) throw new Error('the board was never archived');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});

afterAll(async () => {
  clearInterval(pinger);
  anchor?.close();
  await server?.cleanup();
});

describe(`socket payload fuzz (seed ${SEED}, ${PAYLOADS_PER_EVENT} payloads per event)`, () => {
  it('has a spec for every event the server registers', async () => {
    const probe = interviewer.client.socket();
    await connected(probe);
    const whoami = await probe.emitWithAck('session:whoami');
    const { io } = server.services.realtime as unknown as { io: TRealtimeServer };
    const serverSocket = [...io.sockets.sockets.values()].find((socket) => whoami.ok && socket.data.user.id === whoami.data.id);
    const events = serverSocket!.eventNames().map(String).filter((name) => !RESERVED_EVENTS.has(name)).sort();
    probe.close();
    expect(events).toEqual(Object.keys(SPECS).sort());
  });

  it('answers every malformed call with a clear error, stays up, keeps the room working and changes nothing', { timeout: 60_000 + PAYLOADS_PER_EVENT * 1000 }, async () => {
    const rng = seededRandom(SEED);
    const before = await databaseState();
    const problems: string[] = [];
    let sent = 0;
    let answered = 0;

    // A fresh socket every few calls: the per-socket event budget (20 in a burst) is not the subject.
    let socket: TClientSocket | undefined;
    let onSocket = 0;
    const current = async () => {
      if (!socket || onSocket >= 12 || !socket.connected) {
        socket?.close();
        socket = interviewer.client.socket();
        await connected(socket);
        onSocket = 0;
        // Chat and the call link need the room joined; a board frame needs the board open.
        expect(await socket.emitWithAck('room:join', { interviewId: fx.interviewId })).toMatchObject({ ok: true });
      }
      onSocket++;
      return socket;
    };

    let unanswered = 0;
    fuzz: for (const [event, spec] of Object.entries(SPECS)) {
      for (let i = 0; i < PAYLOADS_PER_EVENT; i++) {
        const call = malformedCase(rng, event, spec, fx);
        const target = await current();
        sent++;
        if (call.arrangement === 'no ack') {
          await rawCall(target, event, call.args, false);
          continue;
        }
        const raw = await rawCall(target, event, call.args, true);
        if (raw === undefined) {
          problems.push(`${event}, ${call.description}: no answer`);
          socket = undefined;
          // Each costs the whole wait: a few are enough to fail on.
          if (++unanswered >= 3) break fuzz;
          continue;
        }
        answered++;
        const answer = ZAnswer.safeParse(raw);
        if (!answer.success) problems.push(`${event}, ${call.description}: answer is not a result: ${JSON.stringify(raw).slice(0, 200)}`);
        else if (answer.data.ok) problems.push(`${event}, ${call.description}: accepted`);
        else if (answer.data.error.code !== 'invalid_input') problems.push(`${event}, ${call.description}: ${answer.data.error.code}: ${answer.data.error.message.slice(0, 200)}`);
      }
    }
    // Frames on an open board that are not frames: the board refuses them, the room goes on.
    const boardSocket = await current();
    expect(await untyped(boardSocket).timeout(10_000).emitWithAck('board:join', { interviewId: fx.interviewId })).toMatchObject({ ok: true });
    for (const frame of [null, 0, {}, [], DEEP_ARRAY, DEEP_OBJECT, '', 'x', '{', NUL, LONE_SURROGATE, `${'['.repeat(DEPTH)}`, HUGE]) {
      await rawCall(boardSocket, 'board:message', [frame], false);
      sent++;
    }
    socket?.close();

    expect(problems).toEqual([]);
    expect(await databaseState()).toEqual(before);

    // Up and serving, and the room works for the people in it.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(anchor.connected).toBe(true);
    expect(await boardReply(anchor, { type: 'ping' })).toBe('pong');
    const ivr = await joinedSocket(interviewer, fx.interviewId);
    const heard = nextEvent<{ message: { text: string } }>(anchor, 'chat:message', (payload) => payload.message.text === 'after the fuzz');
    expect(await ivr.emitWithAck('chat:send', { interviewId: fx.interviewId, text: 'after the fuzz' })).toMatchObject({ ok: true });
    expect((await heard).message.text).toBe('after the fuzz');
    ivr.close();
    expect(answered).toBeGreaterThan(Object.keys(SPECS).length * PAYLOADS_PER_EVENT * 0.5);
    console.log(`[socket fuzz] seed ${SEED}: ${sent} malformed calls, ${answered} answered with invalid_input`);
  });

  it('cuts off a socket that sends a message over socket.io’s 1 MB limit, and nobody else', async () => {
    const socket = interviewer.client.socket();
    await connected(socket);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    untyped(socket).emit('chat:send', { interviewId: fx.interviewId, text: 'x'.repeat(1_100_000) });
    expect(await closed).toBe('transport close');
    expect(anchor.connected).toBe(true);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
