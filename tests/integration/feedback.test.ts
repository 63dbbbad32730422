import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIMENSION_IDS, type TScorecardInput } from '@/lib/domain/rubric';
import { RELEASE_AFTER_MS } from '@/lib/domain/release';
import { getFeedback, submitFeedback } from '@/lib/use-cases/feedback';
import { getScorecards, submitScorecard } from '@/lib/use-cases/submit-scorecard';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { acceptInviteAs, createInterviewAs, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';
import { useCaseContext } from '@/lib/use-cases/context';

let server: TTestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

const FEEDBACK = { clarity: 4, helpfulness: 5, fairness: 3, comment: '  FEEDBACK-MARKER: clear prompt, good hints.  ' };

const SCORECARD: TScorecardInput = {
  scores: Object.fromEntries(DIMENSION_IDS.map((id) => [id, { score: 3, comment: '' }])) as TScorecardInput['scores'],
  levelEstimate: 'L5',
  recommendation: 'yes',
  summary: 'SCORECARD-MARKER',
};

type TRoom = { interviewer: TSignedInClient; candidate: TSignedInClient; interviewId: string; endedAt: Date };

/** An interview with its candidate seated, started, and (unless `isEnded` is false) ended. */
async function interview({ isEnded = true } = {}): Promise<TRoom> {
  const interviewer = await signedInClient(server, 'ivr');
  const candidate = await signedInClient(server, 'cand');
  const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
  expect((await acceptInviteAs(candidate, inviteToken)).status).toBe(200);
  // The lifecycle has its own tests (room.test.ts); here it is only the precondition.
  const endedAt = new Date();
  await server.services.prisma.interview.update({
    where: { id: interviewId },
    data: isEnded ? { status: 'ended', startedAt: new Date(endedAt.getTime() - 60_000), endedAt } : { status: 'live', startedAt: new Date() },
  });
  return { interviewer, candidate, interviewId, endedAt };
}

function postFeedback(person: TSignedInClient, interviewId: string, body: unknown): Promise<Response> {
  return person.client.request(`/api/interviews/${interviewId}/feedback`, { method: 'POST', json: body });
}

async function readFeedback(person: TSignedInClient, interviewId: string) {
  const response = await person.client.request(`/api/interviews/${interviewId}/feedback`);
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as { ok: boolean; data?: { role: string; isReleased: boolean; feedback: Record<string, unknown> | null } } };
}

async function readScorecards(person: TSignedInClient, interviewId: string) {
  const response = await person.client.request(`/api/interviews/${interviewId}/scorecards`);
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as { ok: boolean; data?: { versions: Array<Record<string, unknown>>; isReleased?: boolean } } };
}

function submitScorecardAs(person: TSignedInClient, interviewId: string): Promise<Response> {
  return person.client.request(`/api/interviews/${interviewId}/scorecards`, { method: 'POST', json: SCORECARD });
}

describe('submitting feedback', () => {
  it('the candidate submits once: stored trimmed, a second submission is refused and changes nothing', async () => {
    const { candidate, interviewId } = await interview();
    const created = await postFeedback(candidate, interviewId, FEEDBACK);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ ok: true, data: { clarity: 4, helpfulness: 5, fairness: 3, comment: 'FEEDBACK-MARKER: clear prompt, good hints.' } });

    const again = await postFeedback(candidate, interviewId, { ...FEEDBACK, clarity: 1, comment: 'changed my mind' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ ok: false, error: { code: 'conflict', message: 'You have already submitted your feedback.' } });

    const rows = await server.services.prisma.feedback.findMany({ where: { interviewId } });
    expect(rows).toEqual([
      expect.objectContaining({ candidateId: candidate.userId, clarity: 4, helpfulness: 5, fairness: 3, comment: 'FEEDBACK-MARKER: clear prompt, good hints.' }),
    ]);

    // The candidate reads their own feedback back at once.
    const own = await readFeedback(candidate, interviewId);
    expect(own.body.data).toMatchObject({ role: 'candidate', isReleased: false, feedback: { clarity: 4, comment: 'FEEDBACK-MARKER: clear prompt, good hints.' } });
    expect(own.text).not.toContain(candidate.userId);
  });

  it('the interviewer gets 403, anyone else 404, no session 401, another site 403; nothing is stored', async () => {
    const { interviewer, candidate, interviewId } = await interview();
    const stranger = await signedInClient(server, 'stranger');

    const byInterviewer = await postFeedback(interviewer, interviewId, FEEDBACK);
    expect(byInterviewer.status).toBe(403);
    expect(await byInterviewer.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await postFeedback(stranger, interviewId, FEEDBACK)).status).toBe(404);
    expect((await postFeedback(stranger, 'no-such-interview', FEEDBACK)).status).toBe(404);
    const anonymous = await fetch(`${server.url}/api/interviews/${interviewId}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(FEEDBACK),
    });
    expect(anonymous.status).toBe(401);
    const crossSite = await candidate.client.request(`/api/interviews/${interviewId}/feedback`, {
      method: 'POST',
      body: JSON.stringify(FEEDBACK),
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect(await server.services.prisma.feedback.count({ where: { interviewId } })).toBe(0);

    expect((await readFeedback(stranger, interviewId)).status).toBe(404);
    expect((await fetch(`${server.url}/api/interviews/${interviewId}/feedback`)).status).toBe(401);
  });

  it('refuses invalid ratings and an overlong comment', async () => {
    const { candidate, interviewId } = await interview();
    const cases: Array<[string, unknown]> = [
      ['a 0', { ...FEEDBACK, clarity: 0 }],
      ['a 6', { ...FEEDBACK, fairness: 6 }],
      ['a 2.5', { ...FEEDBACK, helpfulness: 2.5 }],
      ['a string', { ...FEEDBACK, clarity: '4' }],
      ['a missing rating', { clarity: 4, helpfulness: 5, comment: '' }],
      ['an extra field', { ...FEEDBACK, candidateId: 'someone' }],
      ['a 2001-character comment', { ...FEEDBACK, comment: 'x'.repeat(2001) }],
    ];
    for (const [label, body] of cases) {
      const response = await postFeedback(candidate, interviewId, body);
      expect(response.status, label).toBe(400);
      expect(await response.json(), label).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await server.services.prisma.feedback.count({ where: { interviewId } })).toBe(0);
    // The limit itself is allowed.
    expect((await postFeedback(candidate, interviewId, { ...FEEDBACK, comment: 'x'.repeat(2000) })).status).toBe(201);
  });

  it('refuses feedback before the interview has ended', async () => {
    const { candidate, interviewId } = await interview({ isEnded: false });
    const response = await postFeedback(candidate, interviewId, FEEDBACK);
    expect(response.status).toBe(409);
    expect(await server.services.prisma.feedback.count({ where: { interviewId } })).toBe(0);
  });
});

describe('blind release', () => {
  it('neither side reads the other until both have submitted; then both do', async () => {
    const { interviewer, candidate, interviewId } = await interview();

    // The interviewer scores first: the candidate still reads nothing.
    expect((await submitScorecardAs(interviewer, interviewId)).status).toBe(201);
    const heldScorecard = await readScorecards(candidate, interviewId);
    expect(heldScorecard.status).toBe(200);
    expect(heldScorecard.body).toEqual({ ok: true, data: { role: 'candidate', versions: [], isReleased: false } });
    expect(heldScorecard.text).not.toContain('SCORECARD-MARKER');
    const candidatePage = await (await candidate.client.request(`/interviews/${interviewId}`)).text();
    expect(candidatePage).not.toContain('SCORECARD-MARKER');

    // Before the candidate submits, the interviewer reads no feedback either (there is none).
    expect((await readFeedback(interviewer, interviewId)).body.data).toMatchObject({ role: 'interviewer', isReleased: false, feedback: null });

    // The candidate submits: both released.
    expect((await postFeedback(candidate, interviewId, FEEDBACK)).status).toBe(201);
    const released = await readScorecards(candidate, interviewId);
    expect(released.body.data).toMatchObject({ isReleased: true, versions: [{ version: 1, summary: 'SCORECARD-MARKER' }] });
    const feedback = await readFeedback(interviewer, interviewId);
    expect(feedback.body.data).toMatchObject({ role: 'interviewer', isReleased: true, feedback: { clarity: 4, helpfulness: 5, fairness: 3 } });
    expect(feedback.text).toContain('FEEDBACK-MARKER');
    expect(feedback.text).not.toContain(candidate.userId);
  });

  it('the interviewer reads nothing while only the candidate has submitted', async () => {
    const { interviewer, candidate, interviewId } = await interview();
    expect((await postFeedback(candidate, interviewId, FEEDBACK)).status).toBe(201);

    const held = await readFeedback(interviewer, interviewId);
    expect(held.status).toBe(200);
    expect(held.body).toEqual({ ok: true, data: { role: 'interviewer', isEnded: true, isReleased: false, feedback: null } });
    expect(held.text).not.toContain('FEEDBACK-MARKER');
    const interviewerPage = await (await interviewer.client.request(`/interviews/${interviewId}`)).text();
    expect(interviewerPage).not.toContain('FEEDBACK-MARKER');
    // The candidate still reads nothing on their side: there is no scorecard and no release.
    expect((await readScorecards(candidate, interviewId)).body.data).toMatchObject({ versions: [], isReleased: false });

    // The interviewer scores: released to both.
    expect((await submitScorecardAs(interviewer, interviewId)).status).toBe(201);
    expect((await readFeedback(interviewer, interviewId)).text).toContain('FEEDBACK-MARKER');
    expect((await readScorecards(candidate, interviewId)).text).toContain('SCORECARD-MARKER');
  });

  it('seven days after the end (injected clock), each side is released even when only the other submitted', async () => {
    const prisma = server.services.prisma;
    const justBefore = (endedAt: Date) => endedAt.getTime() + RELEASE_AFTER_MS - 1;
    const justAfter = (endedAt: Date) => endedAt.getTime() + RELEASE_AFTER_MS + 1;

    // Only the interviewer scored: the candidate reads the scorecard after a week.
    const scored = await interview();
    expect(await submitScorecard(useCaseContext(prisma, scored.interviewer.userId), { ...SCORECARD, interviewId: scored.interviewId })).toEqual({ ok: true, data: { version: 1 } });
    const scorecardsAt = (userId: string, now: number) => getScorecards(useCaseContext(prisma, userId, now), { interviewId: scored.interviewId });
    expect(await scorecardsAt(scored.candidate.userId, justBefore(scored.endedAt))).toEqual({
      ok: true,
      data: { role: 'candidate', versions: [], isReleased: false },
    });
    expect(await scorecardsAt(scored.candidate.userId, justAfter(scored.endedAt))).toMatchObject({
      ok: true,
      data: { isReleased: true, versions: [{ version: 1, summary: 'SCORECARD-MARKER' }] },
    });

    // Only the candidate gave feedback: the interviewer reads it after a week.
    const rated = await interview();
    const submitted = await submitFeedback(useCaseContext(prisma, rated.candidate.userId, rated.endedAt.getTime() + 1000), { ...FEEDBACK, interviewId: rated.interviewId });
    expect(submitted).toMatchObject({ ok: true, data: { clarity: 4, submittedAt: rated.endedAt.getTime() + 1000 } });
    const feedbackAt = (userId: string, now: number) => getFeedback(useCaseContext(prisma, userId, now), { interviewId: rated.interviewId });
    expect(await feedbackAt(rated.interviewer.userId, justBefore(rated.endedAt))).toMatchObject({
      ok: true,
      data: { isReleased: false, feedback: null },
    });
    expect(await feedbackAt(rated.interviewer.userId, justAfter(rated.endedAt))).toMatchObject({
      ok: true,
      data: { isReleased: true, feedback: { clarity: 4, helpfulness: 5, fairness: 3, comment: 'FEEDBACK-MARKER: clear prompt, good hints.' } },
    });
    // Strangers stay out whatever the clock says.
    const stranger = await signedInClient(server, 'stranger');
    const notFound = { ok: false, error: { code: 'not_found', message: 'Interview not found.' } };
    expect(await feedbackAt(stranger.userId, justAfter(rated.endedAt))).toEqual(notFound);
    expect(await scorecardsAt(stranger.userId, justAfter(scored.endedAt))).toEqual(notFound);
  });

  it('a running interview releases nothing, even with a clock far in the future', async () => {
    const { interviewer, candidate, interviewId } = await interview({ isEnded: false });
    const prisma = server.services.prisma;
    expect((await submitScorecardAs(interviewer, interviewId)).status).toBe(201);
    const farFuture = Date.now() + 10 * RELEASE_AFTER_MS;
    expect(await getScorecards(useCaseContext(prisma, candidate.userId, farFuture), { interviewId })).toEqual({
      ok: true,
      data: { role: 'candidate', versions: [], isReleased: false },
    });
  });
});
