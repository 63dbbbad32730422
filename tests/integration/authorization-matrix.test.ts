// Issue 9, "tests that stay": who may do what, as ONE table. Five actors (anonymous, a signed-in
// stranger, the candidate of another interview, the candidate, the interviewer) x every page,
// every API route (per method) and every socket event, each cell the outcome expected. The test
// also lists the route files under app/ and the events the server registers on a socket, and fails
// when one of them has no row (or a row names something that no longer exists): a new route or
// event cannot land without someone deciding who may use it.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as syncCore from '@tldraw/sync-core';
import { createTLSchema } from '@tldraw/tlschema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DIMENSION_IDS } from '@/lib/domain/rubric';
import type { TRealtimeServer } from '@/server/realtime';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { Browserish, connected, type TClientSocket } from '../helpers/http-client';
import { acceptInviteAs, createInterviewAs, firstPromptId, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';

const ACTORS = ['anonymous', 'stranger', 'otherCandidate', 'candidate', 'interviewer'] as const;
type TActor = (typeof ACTORS)[number];

/**
 * A cell: an HTTP status; 'sign-in' (a page that sends the visitor to sign in), '→/path' (a page
 * that redirects elsewhere, ids as `[id]`); for socket events
 * 'ok' or the ack's error code, 'no-socket' (the handshake is refused: anonymous), or what the
 * row's probe reports for an event without an ack.
 */
type TOutcome = number | string;
/** Outcomes in ACTORS order: anonymous, stranger, otherCandidate, candidate, interviewer. */
type TCells = readonly [TOutcome, TOutcome, TOutcome, TOutcome, TOutcome];

type TFixtures = {
  /** Live interview: the interviewer and the candidate. */
  live: string;
  /** Ended interview, same two people, scorecard and a note stored. */
  ended: string;
  /** Another interview whose lifecycle and invite rows may change (start, end, regenerate). */
  spare: string;
  /** The other candidate's interview, with another interviewer. */
  other: string;
  inviteToken: () => Promise<string>;
  /** An image uploaded to the live interview. */
  assetId: string;
  /** A prompt the interviewer wrote; and one the delete row may delete. */
  ownPrompt: string;
  disposablePrompt: string;
  /** A note of the interviewer's in the live interview. */
  noteId: string;
  /** An active recording of the live interview, and the interviewer's track in it (one chunk). */
  recordingId: string;
  trackId: string;
};

type THttpRequest = { path: string; method?: 'GET' | 'POST'; json?: unknown; body?: Uint8Array; contentType?: string };
type THttpRow = { kind: 'page' | 'api'; route: string; method: 'GET' | 'POST'; request: (fx: TFixtures, actor: TActor) => THttpRequest; cells: TCells };
type TSocketRow = { kind: 'socket'; event: string; probe: (socket: TClientSocket, fx: TFixtures) => Promise<TOutcome>; cells: TCells };
type TRow = THttpRow | TSocketRow;

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const WEBM_CHUNK = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 1, 2, 3, 4]);
const scorecard = () => ({
  scores: Object.fromEntries(DIMENSION_IDS.map((id) => [id, { score: 3, comment: `${id} ok` }])),
  levelEstimate: 'L5',
  recommendation: 'yes',
  summary: 'Matrix',
});
const promptInput = (title: string) => ({
  kind: 'concept',
  title,
  statement: 'Explain how a write-ahead log makes a database crash-safe.',
  topics: ['lsm-tree', 'memtable'],
  difficulty: 3,
  minutes: 18,
  guide: {
    keyPoints: ['Append before apply', 'fsync on commit', 'Replay on start', 'Checkpoints bound replay', 'Group commit'],
    followUps: ['What if fsync lies?', 'How big may the log grow?', 'How do replicas use it?'],
    hints: ['Think about a crash mid-write', 'What must reach the disk first?', 'Sequential appends are cheap'],
    l4Answer: 'Log first, then apply; replay after a crash.',
    l5Answer: 'Adds checkpoints, group commit, torn writes and replication from the log.',
  },
});

// Shorthands for the common shapes of a row.
// Signing in or up again is pointless once signed in: the dashboard instead.
const GUEST_PAGE: TCells = [200, '→/dashboard', '→/dashboard', '→/dashboard', '→/dashboard'];
const SIGNED_IN_PAGE: TCells = ['sign-in', 200, 200, 200, 200];
const PARTICIPANT_PAGE: TCells = ['sign-in', 404, 404, 200, 200];
const INTERVIEWER_PAGE: TCells = ['sign-in', 404, 404, 404, 200];
const page = (route: string, cells: TCells, at: (fx: TFixtures) => string = () => route): THttpRow => ({ kind: 'page', route, method: 'GET', request: (fx) => ({ path: at(fx) }), cells });
const api = (method: 'GET' | 'POST', route: string, cells: TCells, request: (fx: TFixtures, actor: TActor) => THttpRequest): THttpRow => ({ kind: 'api', route, method, request, cells });
const socketRow = (event: string, cells: TCells, probe: TSocketRow['probe']): TSocketRow => ({ kind: 'socket', event, probe, cells });

const NO_SOCKET = 'no-socket';
const CALL_SESSION = 'matrix-call-session';

/** The table. Columns: anonymous, stranger, candidate of another interview, candidate, interviewer. */
const TABLE: TRow[] = [
  // ---------- pages ----------
  page('/', GUEST_PAGE),
  page('/sign-in', GUEST_PAGE),
  page('/sign-up', GUEST_PAGE),
  // Anyone may read who invites them; those already in the interview go straight to its room.
  page('/invite/[token]', [200, 200, 200, '→/interviews/[id]', '→/interviews/[id]'], () => '/invite/TOKEN'),
  page('/dashboard', SIGNED_IN_PAGE),
  page('/interviews/new', SIGNED_IN_PAGE),
  page('/progress', SIGNED_IN_PAGE),
  page('/settings', SIGNED_IN_PAGE),
  page('/prompts', SIGNED_IN_PAGE),
  page('/prompts/new', SIGNED_IN_PAGE),
  page('/practice', SIGNED_IN_PAGE),
  // Calibration's reference sessions are the same for every signed-in user.
  page('/calibration', SIGNED_IN_PAGE),
  page('/calibration/[id]', SIGNED_IN_PAGE, () => '/calibration/rate-limiter-a'),
  page('/interviews/[id]', PARTICIPANT_PAGE, (fx) => `/interviews/${fx.live}`),
  page('/interviews/[id]/review', PARTICIPANT_PAGE, (fx) => `/interviews/${fx.ended}/review`),
  // A prompt someone wrote is theirs alone.
  page('/prompts/[id]', INTERVIEWER_PAGE, (fx) => `/prompts/${fx.ownPrompt}`),
  page('/prompts/[id]/edit', INTERVIEWER_PAGE, (fx) => `/prompts/${fx.ownPrompt}/edit`),

  // ---------- API routes ----------
  api('GET', '/api/health', [200, 200, 200, 200, 200], () => ({ path: '/api/health' })),
  api('GET', '/api/auth/[...nextauth]', [200, 200, 200, 200, 200], () => ({ path: '/api/auth/session' })),
  // Auth.js's POSTs need its CSRF token: without one, it sends everyone back with an error.
  api('POST', '/api/auth/[...nextauth]', [302, 302, 302, 302, 302], () => ({ path: '/api/auth/signout', method: 'POST', json: {} })),
  // An invalid form: it reaches validation whoever sends it (sign-up needs no session).
  api('POST', '/api/signup', [400, 400, 400, 400, 400], () => ({ path: '/api/signup', method: 'POST', json: { name: 'x', email: 'not-an-email', password: 'short' } })),
  // Wrong confirmations: the session's own account only, and never anyone else's.
  api('POST', '/api/account/password', [401, 400, 400, 400, 400], () => ({ path: '/api/account/password', method: 'POST', json: { currentPassword: 'not-the-password', newPassword: 'a-new-password-123' } })),
  api('POST', '/api/account/delete', [401, 400, 400, 400, 400], () => ({ path: '/api/account/delete', method: 'POST', json: { confirmEmail: 'someone-else@example.test', password: 'x' } })),
  api('POST', '/api/interviews', [401, 201, 201, 201, 201], () => ({ path: '/api/interviews', method: 'POST', json: { promptId: PROMPT_ID.value, level: 'L4', durationMinutes: 45 } })),
  api('GET', '/api/prompts', [401, 200, 200, 200, 200], () => ({ path: '/api/prompts' })),
  api('POST', '/api/prompts', [401, 201, 201, 201, 201], (_fx, actor) => ({ path: '/api/prompts', method: 'POST', json: promptInput(`Matrix prompt by ${actor}`) })),
  api('GET', '/api/prompts/[id]', [401, 404, 404, 404, 200], (fx) => ({ path: `/api/prompts/${fx.ownPrompt}` })),
  api('POST', '/api/prompts/[id]', [401, 404, 404, 404, 200], (fx) => ({ path: `/api/prompts/${fx.ownPrompt}`, method: 'POST', json: promptInput('Matrix prompt, edited') })),
  api('POST', '/api/prompts/[id]/delete', [401, 404, 404, 404, 200], (fx) => ({ path: `/api/prompts/${fx.disposablePrompt}/delete`, method: 'POST', json: {} })),
  // Whoever holds the link may use it; the seat is taken, so a third person is refused, while the
  // candidate and the interviewer keep their roles (and get the room's id).
  api('POST', '/api/invites/[token]/accept', [401, 409, 409, 200, 200], () => ({ path: '/api/invites/TOKEN/accept', method: 'POST', json: {} })),
  api('POST', '/api/interviews/[id]/assets', [401, 404, 404, 201, 201], (fx) => ({ path: `/api/interviews/${fx.live}/assets`, method: 'POST', body: PNG, contentType: 'image/png' })),
  // An image answers 404 to anyone who may not see it, signed in or not: it does not say it exists.
  // The call's recording: participants open tracks of their own voice while both consent; only
  // one's own track takes chunks; the audio is the two participants' alone (404 for everyone else).
  api('GET', '/api/interviews/[id]/recordings', [401, 404, 404, 200, 200], (fx) => ({ path: `/api/interviews/${fx.live}/recordings` })),
  api('POST', '/api/interviews/[id]/recordings', [401, 404, 404, 201, 201], (fx) => ({ path: `/api/interviews/${fx.live}/recordings`, method: 'POST', json: { recordingId: fx.recordingId } })),
  api('GET', '/api/interviews/[id]/recordings/[trackId]', [404, 404, 404, 200, 200], (fx) => ({ path: `/api/interviews/${fx.live}/recordings/${fx.trackId}` })),
  api('POST', '/api/interviews/[id]/recordings/[trackId]/[index]', [401, 404, 404, 404, 200], (fx) => ({ path: `/api/interviews/${fx.live}/recordings/${fx.trackId}/0`, method: 'POST', body: WEBM_CHUNK })),
  api('GET', '/api/assets/[id]', [404, 404, 404, 200, 200], (fx) => ({ path: `/api/assets/${fx.assetId}` })),
  api('GET', '/api/calibration/[id]/board-timeline', [401, 200, 200, 200, 200], () => ({ path: '/api/calibration/rate-limiter-a/board-timeline' })),
  api('POST', '/api/calibration/[id]', [401, 201, 201, 201, 201], () => ({ path: '/api/calibration/rate-limiter-a', method: 'POST', json: scorecard() })),
  api('GET', '/api/interviews/[id]/board-timeline', [401, 404, 404, 200, 200], (fx) => ({ path: `/api/interviews/${fx.ended}/board-timeline` })),
  api('GET', '/api/interviews/[id]/export.json', [401, 404, 404, 200, 200], (fx) => ({ path: `/api/interviews/${fx.ended}/export.json` })),
  api('GET', '/api/interviews/[id]/scorecards', [401, 404, 404, 200, 200], (fx) => ({ path: `/api/interviews/${fx.ended}/scorecards` })),
  api('POST', '/api/interviews/[id]/scorecards', [401, 404, 404, 403, 201], (fx) => ({ path: `/api/interviews/${fx.ended}/scorecards`, method: 'POST', json: scorecard() })),
  api('GET', '/api/interviews/[id]/feedback', [401, 404, 404, 200, 200], (fx) => ({ path: `/api/interviews/${fx.ended}/feedback` })),
  api('POST', '/api/interviews/[id]/feedback', [401, 404, 404, 201, 403], (fx) => ({ path: `/api/interviews/${fx.ended}/feedback`, method: 'POST', json: { clarity: 4, helpfulness: 4, fairness: 5, comment: '' } })),
  api('POST', '/api/interviews/[id]/notes/share', [401, 404, 404, 403, 200], (fx) => ({ path: `/api/interviews/${fx.ended}/notes/share`, method: 'POST', json: { isShared: true } })),
  api('GET', '/api/scorecards.csv', [401, 200, 200, 200, 200], () => ({ path: '/api/scorecards.csv' })),
  // The lobby is one's own: anyone signed in has a place (or none); an invalid entry reaches
  // validation, so no actor is queued (and paired with another) by the matrix.
  api('GET', '/api/lobby', [401, 200, 200, 200, 200], () => ({ path: '/api/lobby' })),
  api('POST', '/api/lobby', [401, 400, 400, 400, 400], () => ({ path: '/api/lobby', method: 'POST', json: { role: 'boss', level: 'L4', durationMinutes: 45 } })),
  api('POST', '/api/lobby/leave', [401, 200, 200, 200, 200], () => ({ path: '/api/lobby/leave', method: 'POST', json: {} })),
  api('POST', '/api/lobby/ready', [401, 404, 404, 404, 404], () => ({ path: '/api/lobby/ready', method: 'POST', json: { matchId: 'no-such-match' } })),
  api('GET', '/api/slots', [401, 200, 200, 200, 200], () => ({ path: '/api/slots' })),
  // An offer in the past reaches validation (nothing is offered to the other actors).
  api('POST', '/api/slots', [401, 400, 400, 400, 400], () => ({ path: '/api/slots', method: 'POST', json: { startsAt: '2020-01-01T10:00:00Z', durationMinutes: 45, ownerRole: 'interviewer', level: 'L4' } })),
  api('GET', '/api/slots/reminders', [401, 200, 200, 200, 200], () => ({ path: '/api/slots/reminders' })),
  // A slot nobody has: the same 404 for everyone signed in (slots of one's own have their own tests).
  api('POST', '/api/slots/[id]/book', [401, 404, 404, 404, 404], () => ({ path: '/api/slots/no-such-slot/book', method: 'POST', json: {} })),
  api('POST', '/api/slots/[id]/cancel', [401, 404, 404, 404, 404], () => ({ path: '/api/slots/no-such-slot/cancel', method: 'POST', json: { reason: 'matrix' } })),
  api('GET', '/api/slots/[id]/calendar.ics', [401, 404, 404, 404, 404], () => ({ path: '/api/slots/no-such-slot/calendar.ics' })),
  // Only about the other person of one's own interview.
  api('POST', '/api/interviews/[id]/block', [401, 404, 404, 200, 200], (fx) => ({ path: `/api/interviews/${fx.ended}/block`, method: 'POST', json: {} })),
  api('POST', '/api/interviews/[id]/report', [401, 404, 404, 201, 201], (fx) => ({ path: `/api/interviews/${fx.ended}/report`, method: 'POST', json: { reason: 'matrix' } })),

  // ---------- socket events ----------
  socketRow('session:whoami', [NO_SOCKET, 'ok', 'ok', 'ok', 'ok'], (socket) => ack(socket, 'session:whoami')),
  socketRow('clock:sync', [NO_SOCKET, 'ok', 'ok', 'ok', 'ok'], (socket) => ack(socket, 'clock:sync', { clientSentAt: 1 })),
  socketRow('room:join', [NO_SOCKET, 'not_found', 'not_found', 'ok', 'ok'], (socket, fx) => ack(socket, 'room:join', { interviewId: fx.live })),
  // No ack: leaving is the sender's own business. Probe: the socket still answers afterwards.
  socketRow('room:leave', [NO_SOCKET, 'ok', 'ok', 'ok', 'ok'], async (socket, fx) => {
    await ack(socket, 'room:join', { interviewId: fx.live });
    untyped(socket).emit('room:leave', { interviewId: fx.live });
    return ack(socket, 'session:whoami');
  }),
  // Chat and the call link need the room joined, which only participants can.
  socketRow('chat:send', [NO_SOCKET, 'forbidden', 'forbidden', 'ok', 'ok'], async (socket, fx) => {
    await ack(socket, 'room:join', { interviewId: fx.live });
    return ack(socket, 'chat:send', { interviewId: fx.live, text: 'matrix' });
  }),
  socketRow('room:set-call-link', [NO_SOCKET, 'forbidden', 'forbidden', 'ok', 'ok'], async (socket, fx) => {
    await ack(socket, 'room:join', { interviewId: fx.live });
    return ack(socket, 'room:set-call-link', { interviewId: fx.live, callLink: 'https://meet.example.com/matrix' });
  }),
  socketRow('interview:start', [NO_SOCKET, 'not_found', 'not_found', 'forbidden', 'ok'], (socket, fx) => ack(socket, 'interview:start', { interviewId: fx.spare })),
  socketRow('timer:command', [NO_SOCKET, 'not_found', 'not_found', 'forbidden', 'ok'], (socket, fx) => ack(socket, 'timer:command', { interviewId: fx.live, command: { type: 'extend', minutes: 1 } })),
  socketRow('invite:manage', [NO_SOCKET, 'not_found', 'not_found', 'forbidden', 'ok'], (socket, fx) => ack(socket, 'invite:manage', { interviewId: fx.spare, action: 'regenerate' })),
  // Both may resync; only the interviewer's answer holds the interviewer's part (notes, checklist).
  socketRow('guide:sync', [NO_SOCKET, 'not_found', 'not_found', 'ok:revealed hints only', 'ok:with interviewer part'], async (socket, fx) => {
    const raw = await untyped(socket).timeout(10_000).emitWithAck('guide:sync', { interviewId: fx.live });
    const result = ZAck.parse(raw);
    if (!result.ok) return result.error.code;
    const data = z.object({ revealedHints: z.array(z.unknown()), interviewer: z.object({ notes: z.array(z.unknown()) }).nullable() }).parse(result.data);
    return data.interviewer ? 'ok:with interviewer part' : 'ok:revealed hints only';
  }),
  socketRow('guide:check', [NO_SOCKET, 'not_found', 'not_found', 'forbidden', 'ok'], (socket, fx) => ack(socket, 'guide:check', { interviewId: fx.live, index: 0, checked: true })),
  socketRow('hint:reveal', [NO_SOCKET, 'not_found', 'not_found', 'forbidden', 'ok'], (socket, fx) => ack(socket, 'hint:reveal', { interviewId: fx.live, index: 0 })),
  socketRow('note:save', [NO_SOCKET, 'not_found', 'not_found', 'forbidden', 'ok'], (socket, fx) => ack(socket, 'note:save', { interviewId: fx.live, text: 'matrix note' })),
  socketRow('note:delete', [NO_SOCKET, 'not_found', 'not_found', 'forbidden', 'ok'], (socket, fx) => ack(socket, 'note:delete', { interviewId: fx.live, id: fx.noteId })),
  socketRow('board:join', [NO_SOCKET, 'not_found', 'not_found', 'ok', 'ok'], (socket, fx) => ack(socket, 'board:join', { interviewId: fx.live })),
  // The probe: after trying to open the board, a tldraw connect request; participants get the
  // document ('connect'), the others are told to open the board first ('not_joined').
  socketRow('board:message', [NO_SOCKET, 'not_joined', 'not_joined', 'connect', 'connect'], async (socket, fx) => {
    await ack(socket, 'board:join', { interviewId: fx.live });
    return boardAnswer(socket);
  }),
  // No ack. Probe: after leaving, a frame is refused as coming from no board.
  socketRow('board:leave', [NO_SOCKET, 'not_joined', 'not_joined', 'not_joined', 'not_joined'], async (socket, fx) => {
    const joined = z.object({ data: z.object({ sessionId: z.string() }).optional() }).parse(await untyped(socket).emitWithAck('board:join', { interviewId: fx.live }));
    untyped(socket).emit('board:leave', joined.data ? { sessionId: joined.data.sessionId } : undefined);
    return boardAnswer(socket);
  }),
  // The call: participants of a live interview only (ICE servers and TURN credentials with it);
  // a signal needs the call joined, which only participants can; relayed to the other one.
  socketRow('call:join', [NO_SOCKET, 'not_found', 'not_found', 'ok', 'ok'], (socket, fx) => ack(socket, 'call:join', { interviewId: fx.live, session: CALL_SESSION })),
  socketRow('call:signal', [NO_SOCKET, 'forbidden', 'forbidden', 'ok', 'ok'], async (socket, fx) => {
    await ack(socket, 'call:join', { interviewId: fx.live, session: CALL_SESSION });
    return ack(socket, 'call:signal', { interviewId: fx.live, from: CALL_SESSION, to: null, signal: { kind: 'media', audio: true, video: false } });
  }),
  socketRow('call:leave', [NO_SOCKET, 'not_found', 'not_found', 'ok', 'ok'], (socket, fx) => ack(socket, 'call:leave', { interviewId: fx.live, session: CALL_SESSION })),
  // After the end nobody signals: the call is over with the interview.
  // (call:join on the ended interview: call.test.ts.)
  // Recording consent: participants only; proposing or agreeing to an active recording changes
  // nothing; stop last (it ends the live interview's recording).
  socketRow('recording:propose', [NO_SOCKET, 'not_found', 'not_found', 'ok', 'ok'], (socket, fx) => ack(socket, 'recording:propose', { interviewId: fx.live })),
  socketRow('recording:answer', [NO_SOCKET, 'not_found', 'not_found', 'ok', 'ok'], (socket, fx) => ack(socket, 'recording:answer', { interviewId: fx.live, recordingId: fx.recordingId, accept: true })),
  socketRow('recording:stop', [NO_SOCKET, 'not_found', 'not_found', 'ok', 'ok'], (socket, fx) => ack(socket, 'recording:stop', { interviewId: fx.live, recordingId: fx.recordingId })),
  // interview:end last among the spare interview's rows: it closes its record.
  socketRow('interview:end', [NO_SOCKET, 'not_found', 'not_found', 'forbidden', 'ok'], (socket, fx) => ack(socket, 'interview:end', { interviewId: fx.spare })),
];

type TRealtime = { io: TRealtimeServer };

// socket.io's own events, which are not application events.
const RESERVED_EVENTS = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'error', 'newListener', 'removeListener']);

const ZAck = z.union([z.object({ ok: z.literal(true), data: z.unknown() }), z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) })]);

type TUntypedSocket = {
  emit: (event: string, ...args: unknown[]) => void;
  emitWithAck: (event: string, ...args: unknown[]) => Promise<unknown>;
  timeout: (ms: number) => { emitWithAck: (event: string, ...args: unknown[]) => Promise<unknown> };
};
/** The socket without the protocol's types: rows send what they like and parse what comes back. */
const untyped = (socket: TClientSocket) => socket as unknown as TUntypedSocket;

async function ack(socket: TClientSocket, event: string, payload?: unknown): Promise<TOutcome> {
  const timed = untyped(socket).timeout(10_000);
  const raw = payload === undefined ? await timed.emitWithAck(event) : await timed.emitWithAck(event, payload);
  const result = ZAck.parse(raw);
  return result.ok ? 'ok' : result.error.code;
}

const ZBoardAnswer = z.union([z.object({ refused: z.object({ code: z.string() }) }), z.object({ message: z.string() })]);

/** Sends a tldraw connect request and reports the first answer: its type, or the refusal code. */
function boardAnswer(socket: TClientSocket): Promise<TOutcome> {
  const untyped = socket as unknown as { on: (e: string, l: (payload: unknown) => void) => void; off: (e: string, l: (payload: unknown) => void) => void; emit: (e: string, p: unknown) => void };
  return new Promise((resolve) => {
    const done = (answer: unknown) => {
      untyped.off('board:refused', onRefused);
      untyped.off('board:message', onMessage);
      const parsed = ZBoardAnswer.parse(answer);
      if ('refused' in parsed) return resolve(parsed.refused.code);
      resolve(z.object({ type: z.string() }).parse(JSON.parse(parsed.message)).type);
    };
    const onRefused = (refused: unknown) => done({ refused });
    const onMessage = (message: unknown) => done({ message });
    untyped.on('board:refused', onRefused);
    untyped.on('board:message', onMessage);
    const protocolVersion = (syncCore as unknown as { getTlsyncProtocolVersion: () => number }).getTlsyncProtocolVersion();
    untyped.emit('board:message', JSON.stringify({ type: 'connect', connectRequestId: 'matrix', lastServerClock: 0, protocolVersion, schema: createTLSchema().serialize() }));
  });
}

// ---------- what exists: route files and registered socket events ----------

const APP_DIR = path.resolve(import.meta.dirname, '..', '..', 'app');

/** Every page and every route handler method under app/, as the table names them. */
function routesInApp(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^page\.(tsx|ts|jsx|js)$/.test(entry.name) || /^route\.(ts|js)$/.test(entry.name)) found.push(full);
    }
  };
  walk(APP_DIR);
  return found.flatMap((file) => {
    // Route groups `(name)` do not appear in the address.
    const segments = path.relative(APP_DIR, path.dirname(file)).split(path.sep).filter((segment) => segment && !/^\(.*\)$/.test(segment));
    const route = `/${segments.join('/')}`;
    if (path.basename(file).startsWith('page.')) return [`page ${route}`];
    const source = readFileSync(file, 'utf8');
    const methods = new Set<string>();
    for (const match of source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(match[1]!);
    for (const match of source.matchAll(/export\s+const\s*\{([^}]*)\}/g)) {
      for (const name of match[1]!.split(',').map((part) => part.trim().split(/\s+as\s+/).at(-1)!)) if (/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(name)) methods.add(name);
    }
    for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
      for (const name of match[1]!.split(',').map((part) => part.trim().split(/\s+as\s+/).at(-1)!)) if (/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(name)) methods.add(name);
    }
    if (methods.size === 0) throw new Error(`${file}: no exported HTTP method found; teach this test how it exports them`);
    return [...methods].map((method) => `${method} ${route}`);
  });
}

const rowKey = (row: TRow) => (row.kind === 'socket' ? `event ${row.event}` : row.kind === 'page' ? `page ${row.route}` : `${row.method} ${row.route}`);

// ---------- the run ----------

let server: TTestServer;
const PROMPT_ID = { value: '' };
let fixtures: TFixtures;
const clients = {} as Record<TActor, Browserish>;

beforeAll(async () => {
  server = await startTestServer();
  const prisma = server.services.prisma;
  PROMPT_ID.value = await firstPromptId(server);
  const person = (label: string) => signedInClient(server, `matrix-${label}`);
  const [interviewer, candidate, stranger, otherCandidate, otherInterviewer] = await Promise.all([person('ivr'), person('cand'), person('stranger'), person('othercand'), person('otherivr')]);
  const seat = async (who: TSignedInClient) => {
    const made = await createInterviewAs(server, interviewer);
    expect((await acceptInviteAs(who, made.inviteToken)).status).toBe(200);
    return made.interviewId;
  };
  const live = await seat(candidate);
  const ended = await seat(candidate);
  const spare = await seat(candidate);
  const otherMade = await createInterviewAs(server, otherInterviewer);
  expect((await acceptInviteAs(otherCandidate, otherMade.inviteToken)).status).toBe(200);

  await prisma.interview.update({ where: { id: live }, data: { status: 'live', startedAt: new Date() } });
  const uploaded = await interviewer.client.request(`/api/interviews/${live}/assets`, { method: 'POST', body: new Blob([new Uint8Array(PNG)]), headers: { 'content-type': 'image/png', origin: server.url } });
  expect(uploaded.status).toBe(201);
  const assetId = z.object({ data: z.object({ id: z.string() }) }).parse(await uploaded.json()).data.id;
  const note = await prisma.note.create({ data: { interviewId: live, authorId: interviewer.userId, text: 'to delete', atMs: 0 }, select: { id: true } });
  const recording = await prisma.recording.create({
    data: { interviewId: live, proposedById: interviewer.userId, consentedBy: [interviewer.userId, candidate.userId], status: 'active', startedAt: new Date() },
    select: { id: true },
  });
  const opened = await interviewer.client.request(`/api/interviews/${live}/recordings`, { method: 'POST', json: { recordingId: recording.id } });
  expect(opened.status).toBe(201);
  const trackId = z.object({ data: z.object({ trackId: z.string() }) }).parse(await opened.json()).data.trackId;
  const firstChunk = await interviewer.client.request(`/api/interviews/${live}/recordings/${trackId}/0`, { method: 'POST', body: new Blob([new Uint8Array(WEBM_CHUNK)]), headers: { origin: server.url } });
  expect(firstChunk.status).toBe(200);

  // The ended interview: a scorecard and a note stored before the end.
  await prisma.interview.update({ where: { id: ended }, data: { status: 'live', startedAt: new Date(Date.now() - 60_000) } });
  expect((await interviewer.client.request(`/api/interviews/${ended}/scorecards`, { method: 'POST', json: scorecard() })).status).toBe(201);
  await prisma.note.create({ data: { interviewId: ended, authorId: interviewer.userId, text: 'a note', atMs: 0 } });
  await prisma.interview.update({ where: { id: ended }, data: { status: 'ended', endedAt: new Date() } });

  const writePrompt = async (title: string) => {
    const response = await interviewer.client.request('/api/prompts', { method: 'POST', json: promptInput(title) });
    expect(response.status).toBe(201);
    return z.object({ data: z.object({ id: z.string() }) }).parse(await response.json()).data.id;
  };
  fixtures = {
    live,
    ended,
    spare,
    other: otherMade.interviewId,
    inviteToken: async () => (await prisma.interview.findUniqueOrThrow({ where: { id: live }, select: { inviteToken: true } })).inviteToken!,
    assetId,
    ownPrompt: await writePrompt('Matrix own prompt'),
    disposablePrompt: await writePrompt('Matrix disposable prompt'),
    noteId: note.id,
    recordingId: recording.id,
    trackId,
  };
  clients.anonymous = new Browserish(server.url);
  clients.stranger = stranger.client;
  clients.otherCandidate = otherCandidate.client;
  clients.candidate = candidate.client;
  clients.interviewer = interviewer.client;
});

afterAll(async () => {
  await server?.cleanup();
});

async function httpOutcome(row: THttpRow, actor: TActor): Promise<TOutcome> {
  const request = row.request(fixtures, actor);
  const token = request.path.includes('TOKEN') ? await fixtures.inviteToken() : '';
  const target = request.path.replace('TOKEN', token);
  const client = clients[actor];
  const response =
    request.body !== undefined
      ? await client.request(target, { method: request.method ?? 'GET', body: new Blob([new Uint8Array(request.body)]), headers: { 'content-type': request.contentType ?? 'application/octet-stream', origin: server.url } })
      : await client.request(target, { method: request.method ?? 'GET', ...(request.json !== undefined ? { json: request.json } : {}) });
  await response.arrayBuffer();
  const location = response.headers.get('location') ?? '';
  if (row.kind === 'page' && response.status >= 300 && response.status < 400) {
    const pathname = new URL(location, server.url).pathname;
    return pathname === '/sign-in' ? 'sign-in' : `→${pathname.replace(/^\/interviews\/[^/]+/, '/interviews/[id]')}`;
  }
  return response.status;
}

async function socketOutcome(row: TSocketRow, actor: TActor): Promise<TOutcome> {
  const socket = clients[actor].socket();
  try {
    await connected(socket);
  } catch {
    socket.close();
    return NO_SOCKET;
  }
  try {
    return await row.probe(socket, fixtures);
  } finally {
    socket.close();
  }
}

describe('authorization matrix', () => {
  it('has one row for every page, route method and socket event, and none for what does not exist', async () => {
    const tableKeys = TABLE.map(rowKey);
    expect(new Set(tableKeys).size, 'duplicate rows').toBe(tableKeys.length);

    // Events as the server registered them on a live socket (the handlers, not a list kept by hand).
    const probe = clients.interviewer.socket();
    await connected(probe);
    const whoami = await probe.emitWithAck('session:whoami');
    // The registry's type shows routes only what they use; the object is createRealtimeServer's.
    const { io } = server.services.realtime as unknown as TRealtime;
    const serverSocket = [...io.sockets.sockets.values()].find((socket) => socket.data.user.id === (whoami.ok ? whoami.data.id : ''));
    const events = serverSocket!.eventNames().map(String).filter((name) => !RESERVED_EVENTS.has(name));
    probe.close();

    const existing = [...routesInApp(), ...events.map((event) => `event ${event}`)].sort();
    expect(events.length).toBeGreaterThan(10);
    expect(existing.filter((key) => !tableKeys.includes(key)), 'pages, routes or events without a row in the table').toEqual([]);
    expect(tableKeys.filter((key) => !existing.includes(key)), 'rows for pages, routes or events that do not exist').toEqual([]);
  });

  // A hang guard, not a speed check: 16 s on a quiet machine, 60 s with the load average at 24.
  it('gives every actor the expected outcome on every page, route and event', { timeout: 300_000 }, async () => {
    const mismatches: string[] = [];
    let cells = 0;
    for (const row of TABLE) {
      for (const [index, actor] of ACTORS.entries()) {
        const actual = row.kind === 'socket' ? await socketOutcome(row, actor) : await httpOutcome(row, actor);
        cells++;
        if (actual !== row.cells[index]) mismatches.push(`${rowKey(row)} as ${actor}: expected ${row.cells[index]}, got ${actual}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(cells).toBe(TABLE.length * ACTORS.length);
  });
});
