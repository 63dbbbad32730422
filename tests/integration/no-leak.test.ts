import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZPromptCopy } from '@/lib/domain/interview';
import type { TStoredGuide } from '@/lib/domain/prompt';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { connected, type TClientSocket } from '../helpers/http-client';
import { acceptInviteAs, createInterviewAs, joinedSocket, nextEvent, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';
import { fingerprint } from '../helpers/fingerprint';

// The guide (key points, follow-ups, the hint ladder, L4/L5 answers) and the interviewer's notes
// must never reach the candidate's browser: not in a socket frame, not in an ack, not in a page's
// HTML or the React flight data inside it. This test plays a whole interview, records everything
// the candidate's browser could receive, and searches it for each secret.

let server: TTestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

type TRecorder = { frames: string[]; pages: string[] };

/** A socket whose every incoming packet (events and acks alike) is recorded as text. */
async function recordedSocket(person: TSignedInClient, recorder: TRecorder): Promise<TClientSocket> {
  const socket = person.client.socket();
  socket.onAny((event, ...args) => recorder.frames.push(JSON.stringify([event, ...args])));
  // The manager sees the decoded packets before the socket dispatches them, including ack
  // packets (which onAny does not show).
  socket.io.on('packet', (packet) => recorder.frames.push(JSON.stringify(packet)));
  await connected(socket);
  return socket;
}

/** An ack answered to the candidate, recorded too (belt and braces next to the packet hook). */
async function ask(socket: TClientSocket, recorder: TRecorder, event: string, payload: unknown): Promise<{ ok: boolean; error?: { code: string }; data?: unknown }> {
  const emit = socket.emitWithAck as unknown as (e: string, p: unknown) => Promise<{ ok: boolean; error?: { code: string }; data?: unknown }>;
  const result = await emit.call(socket, event, payload);
  recorder.frames.push(JSON.stringify(result));
  return result;
}

/** A page as the browser loads it (HTML with the flight data inlined), and its RSC payload as client navigation fetches it. */
async function loadPage(person: TSignedInClient, path: string): Promise<string[]> {
  const html = await person.client.request(path);
  expect(html.status, `${path} as HTML`).toBe(200);
  const flight = await followRedirects(person, path, { RSC: '1' });
  expect(flight.status, `${path} as RSC`).toBe(200);
  expect(flight.headers.get('content-type') ?? '').toContain('text/x-component');
  return [await html.text(), await flight.text()];
}

async function followRedirects(person: TSignedInClient, path: string, headers: Record<string, string>): Promise<Response> {
  let response = await person.client.request(path, { headers });
  for (let hop = 0; hop < 3 && response.status >= 300 && response.status < 400; hop++) {
    const location = response.headers.get('location');
    if (!location) break;
    response = await person.client.request(location, { headers });
  }
  return response;
}

describe('the candidate never receives the guide or the notes', () => {
  it('during a whole interview: socket frames, acks, pages and flight data', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const candidate = await signedInClient(server, 'cand');
    const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
    expect(await (await acceptInviteAs(candidate, inviteToken)).json()).toMatchObject({ ok: true, data: { role: 'candidate' } });
    const row = await server.services.prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
    const copy = ZPromptCopy.parse(row.promptCopy);
    const guide: TStoredGuide = copy.guide;
    expect(guide.hints.length).toBeGreaterThanOrEqual(2);

    const seen: TRecorder = { frames: [], pages: [] };
    const marker = randomUUID().slice(0, 8);
    const noteTexts = [
      `Private note ${marker} one: skipped the capacity estimate entirely`,
      `Private note ${marker} two: "strong" on <locking> & retries`,
      `Private note ${marker} three, typed just before the end`,
    ];

    // The candidate is in the room before anything happens, so every broadcast reaches them.
    const cand = await recordedSocket(candidate, seen);
    expect(await ask(cand, seen, 'room:join', { interviewId })).toMatchObject({ ok: true });
    expect(await ask(cand, seen, 'guide:sync', { interviewId })).toEqual({ ok: true, data: { revealedHints: [], interviewer: null } });
    seen.pages.push(...(await loadPage(candidate, `/interviews/${interviewId}`)));

    const ivr = await joinedSocket(interviewer, interviewId);
    // A second tab of the interviewer: private changes must reach it (and only the interviewer).
    const ivrTab2 = await joinedSocket(interviewer, interviewId);

    // Start. (The timer work routes "interview:start" through the phase timer; same event name.)
    expect(await ivr.emitWithAck('interview:start', { interviewId })).toMatchObject({ ok: true });

    // Key points: tick three, untick one.
    const checkedOnTab2 = nextEvent<{ checkedKeyPoints: number[] }>(ivrTab2, 'guide:checked', (p) => p.checkedKeyPoints.join() === '0,2');
    for (const index of [0, 1, 2]) {
      expect(await ivr.emitWithAck('guide:check', { interviewId, index, checked: true })).toMatchObject({ ok: true });
    }
    expect(await ivr.emitWithAck('guide:check', { interviewId, index: 1, checked: false })).toEqual({ ok: true, data: { checkedKeyPoints: [0, 2] } });
    expect((await checkedOnTab2).checkedKeyPoints).toEqual([0, 2]);

    // Notes: created empty and typed into (as the panel does), and created with text.
    const savedOnTab2 = nextEvent<{ note: { text: string } }>(ivrTab2, 'note:saved', (p) => p.note.text === noteTexts[0]);
    const created = await ivr.emitWithAck('note:save', { interviewId, text: '' });
    if (!created.ok) throw new Error(created.error.message);
    expect(await ivr.emitWithAck('note:save', { interviewId, id: created.data.id, text: noteTexts[0]! })).toMatchObject({ ok: true });
    expect(await ivr.emitWithAck('note:save', { interviewId, text: noteTexts[1]! })).toMatchObject({ ok: true });
    await savedOnTab2;

    // Hint 0 is revealed: it must arrive. Hints 1+ are never revealed.
    const hintArrives = nextEvent<{ hints: Array<{ index: number; text: string }> }>(cand, 'hint:revealed');
    expect(await ivr.emitWithAck('hint:reveal', { interviewId, index: 0 })).toMatchObject({ ok: true });
    expect((await hintArrives).hints).toEqual([{ index: 0, text: guide.hints[0] }]);

    // The candidate trying the interviewer's commands gets refusals, and nothing in them.
    const createdId = created.data.id;
    for (const [event, payload] of [
      ['hint:reveal', { interviewId, index: 1 }],
      ['guide:check', { interviewId, index: 3, checked: true }],
      ['note:save', { interviewId, text: 'candidate note' }],
      ['note:save', { interviewId, id: createdId, text: 'overwritten by the candidate' }],
      ['note:delete', { interviewId, id: createdId }],
    ] as const) {
      expect(await ask(cand, seen, event, payload), event).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await ask(cand, seen, 'guide:sync', { interviewId })).toEqual({
      ok: true,
      data: { revealedHints: [{ index: 0, text: guide.hints[0] }], interviewer: null },
    });

    // Chat both ways.
    expect(await ask(cand, seen, 'chat:send', { interviewId, text: 'Shall I start with requirements?' })).toMatchObject({ ok: true });
    expect(await ivr.emitWithAck('chat:send', { interviewId, text: 'Yes please.' })).toMatchObject({ ok: true });

    // Pages mid-interview (the revealed hint is part of the candidate's view now).
    const midPages = await loadPage(candidate, `/interviews/${interviewId}`);
    seen.pages.push(...midPages, ...(await loadPage(candidate, '/dashboard')));

    // ---- Scorecard (rubric work): submit a scorecard here and add any unsubmitted text the ----
    // ---- interviewer typed to SCORECARD_SECRETS; the searches below then cover it too.      ----
    const SCORECARD_SECRETS: string[] = [];

    // A last note, then the end; afterwards the record is closed (a refusal carries nothing private).
    expect(await ivr.emitWithAck('note:save', { interviewId, text: noteTexts[2]! })).toMatchObject({ ok: true });
    const ended = nextEvent<{ status: string }>(cand, 'room:updated', (p) => p.status === 'ended');
    expect(await ivr.emitWithAck('interview:end', { interviewId })).toMatchObject({ ok: true });
    await ended;
    expect(await ivr.emitWithAck('guide:check', { interviewId, index: 4, checked: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    seen.pages.push(...(await loadPage(candidate, `/interviews/${interviewId}`)), ...(await loadPage(candidate, '/dashboard')));
    // A last round trip: every frame sent to the candidate before it has arrived once it answers.
    expect(await ask(cand, seen, 'guide:sync', { interviewId })).toMatchObject({ ok: true });

    const secrets: Array<[string, string]> = [
      ...guide.keyPoints.map((text, i): [string, string] => [`key point ${i}`, text]),
      ...guide.followUps.map((text, i): [string, string] => [`follow-up ${i}`, text]),
      ...guide.hints.slice(1).map((text, i): [string, string] => [`unrevealed hint ${i + 1}`, text]),
      ['L4 answer', guide.l4Answer],
      ['L5 answer', guide.l5Answer],
      ...noteTexts.map((text, i): [string, string] => [`note ${i}`, text]),
      ...SCORECARD_SECRETS.map((text, i): [string, string] => [`scorecard text ${i}`, text]),
    ];

    // The search can find what it looks for: every secret is on the interviewer's own page.
    const interviewerPage = (await loadPage(interviewer, `/interviews/${interviewId}`)).join('\n');
    for (const [label, text] of secrets) {
      const needle = fingerprint(text);
      expect(needle.length, `${label} has a usable fingerprint`).toBeGreaterThanOrEqual(20);
      // A secret that the statement gives away is no secret; the prompt data would be wrong.
      expect(copy.statement.includes(needle), `${label} is not in the statement`).toBe(false);
      expect(interviewerPage.includes(needle), `${label} is on the interviewer's page`).toBe(true);
    }

    const frames = seen.frames.join('\n');
    const pages = seen.pages.join('\n');
    expect(seen.frames.length).toBeGreaterThan(10);
    for (const [label, text] of secrets) {
      const needle = fingerprint(text);
      expect(frames.includes(needle), `${label} reached the candidate's socket`).toBe(false);
      expect(pages.includes(needle), `${label} is in a page the candidate loaded`).toBe(false);
    }
    // ... while what the candidate may see does arrive, through both paths.
    const revealed = fingerprint(guide.hints[0]!);
    expect(frames.includes(revealed), 'the revealed hint reached the candidate').toBe(true);
    expect(midPages.join('\n').includes(revealed), "the revealed hint is on the candidate's page").toBe(true);
    expect(pages.includes(fingerprint(copy.statement)), 'the statement is on the page').toBe(true);

    for (const socket of [cand, ivr, ivrTab2]) socket.close();
  });
});
