import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIMENSION_IDS, type TScorecardInput } from '@/lib/domain/rubric';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { submitScorecard } from '@/lib/use-cases/submit-scorecard';
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

/** A complete, valid scorecard: every dimension scored `score`, with a comment naming it. */
function scorecardInput(score: number, overrides: Partial<TScorecardInput> = {}): TScorecardInput {
  return {
    scores: Object.fromEntries(DIMENSION_IDS.map((id) => [id, { score, comment: `${id}: scored ${score}` }])) as TScorecardInput['scores'],
    levelEstimate: 'L5',
    recommendation: 'yes',
    summary: `Summary for a ${score}`,
    ...overrides,
  };
}

type TRoom = { interviewer: TSignedInClient; candidate: TSignedInClient; interviewId: string };

/** An interview with its candidate seated and the interview started. */
async function startedInterview(): Promise<TRoom> {
  const interviewer = await signedInClient(server, 'ivr');
  const candidate = await signedInClient(server, 'cand');
  const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
  expect((await acceptInviteAs(candidate, inviteToken)).status).toBe(200);
  // The lifecycle has its own tests (room.test.ts); here it is only the precondition.
  await server.services.prisma.interview.update({ where: { id: interviewId }, data: { status: 'live', startedAt: new Date() } });
  return { interviewer, candidate, interviewId };
}

function submitAs(person: TSignedInClient, interviewId: string, body: unknown): Promise<Response> {
  return person.client.request(`/api/interviews/${interviewId}/scorecards`, { method: 'POST', json: body });
}

async function listAs(person: TSignedInClient, interviewId: string) {
  const response = await person.client.request(`/api/interviews/${interviewId}/scorecards`);
  return { status: response.status, body: (await response.json()) as { ok: boolean; data?: { role: string; versions: Array<Record<string, unknown>> } } };
}

describe('submitting a scorecard', () => {
  it('stores v1 as submitted; a correction is v2 and leaves v1 unchanged', async () => {
    const { interviewer, interviewId } = await startedInterview();
    const prisma = server.services.prisma;

    const first = scorecardInput(3, { summary: '  Solid L5 design.  ' });
    const created = await submitAs(interviewer, interviewId, first);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ ok: true, data: { version: 1 } });

    const v1 = await prisma.scorecard.findUniqueOrThrow({ where: { interviewId_version: { interviewId, version: 1 } } });
    expect(v1).toMatchObject({
      interviewerId: interviewer.userId,
      levelEstimate: 'L5',
      recommendation: 'yes',
      summary: 'Solid L5 design.',
      scores: first.scores,
    });
    expect(await prisma.timelineEvent.findMany({ where: { interviewId, kind: 'scorecard:submitted' }, select: { payload: true, actorId: true } })).toEqual([
      { payload: { version: 1 }, actorId: interviewer.userId },
    ]);

    // The interview ends; the interviewer corrects the scorecard afterwards.
    await prisma.interview.update({ where: { id: interviewId }, data: { status: 'ended', endedAt: new Date() } });
    const correction = scorecardInput(2, { levelEstimate: 'L4', recommendation: 'no', summary: 'Down-level to L4.' });
    const corrected = await submitAs(interviewer, interviewId, correction);
    expect(corrected.status).toBe(201);
    expect(await corrected.json()).toEqual({ ok: true, data: { version: 2 } });

    const rows = await prisma.scorecard.findMany({ where: { interviewId }, orderBy: { version: 'asc' } });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(v1);
    expect(rows[1]).toMatchObject({ version: 2, levelEstimate: 'L4', recommendation: 'no', summary: 'Down-level to L4.', scores: correction.scores });
    expect(await prisma.timelineEvent.count({ where: { interviewId, kind: 'scorecard:submitted' } })).toBe(2);

    // The interviewer reads every version, newest first.
    const list = await listAs(interviewer, interviewId);
    expect(list.status).toBe(200);
    expect(list.body.data?.role).toBe('interviewer');
    expect(list.body.data?.versions.map((v) => [v.version, v.summary])).toEqual([
      [2, 'Down-level to L4.'],
      [1, 'Solid L5 design.'],
    ]);
  });

  it('refuses invalid input and stores nothing', async () => {
    const { interviewer, interviewId } = await startedInterview();
    const valid = scorecardInput(3);
    const { communication: _dropped, ...fiveDimensions } = valid.scores;
    const cases: Array<[string, unknown, RegExp]> = [
      ['score 5', { ...valid, scores: { ...valid.scores, estimation: { score: 5, comment: '' } } }, /Estimation: give a score from 1 to 4/],
      ['score 2.5', { ...valid, scores: { ...valid.scores, estimation: { score: 2.5, comment: '' } } }, /Estimation/],
      ['a missing dimension', { ...valid, scores: fiveDimensions }, /Communication and leadership: give a score/],
      ['an unknown dimension', { ...valid, scores: { ...valid.scores, charisma: { score: 4, comment: '' } } }, /./],
      ['a bad recommendation', { ...valid, recommendation: 'maybe' }, /recommendation/],
      ['a bad level estimate', { ...valid, levelEstimate: 'L7' }, /levelEstimate/],
      ['a missing recommendation', { scores: valid.scores, levelEstimate: 'L5' }, /recommendation/],
      ['an extra field', { ...valid, version: 7 }, /./],
      ['an overlong comment', { ...valid, scores: { ...valid.scores, requirements: { score: 3, comment: 'x'.repeat(2001) } } }, /Requirements and scoping/],
    ];
    for (const [label, body, message] of cases) {
      const response = await submitAs(interviewer, interviewId, body);
      expect(response.status, label).toBe(400);
      const answer = (await response.json()) as { ok: boolean; error: { code: string; message: string } };
      expect(answer.error.code, label).toBe('invalid_input');
      expect(answer.error.message, label).toMatch(message);
    }
    const notJson = await interviewer.client.request(`/api/interviews/${interviewId}/scorecards`, {
      method: 'POST',
      body: '{"scores":',
      headers: { 'content-type': 'application/json', origin: server.url },
    });
    expect(notJson.status).toBe(400);

    expect(await server.services.prisma.scorecard.count({ where: { interviewId } })).toBe(0);
    expect(await server.services.prisma.timelineEvent.count({ where: { interviewId, kind: 'scorecard:submitted' } })).toBe(0);
  });

  it('only the interviewer submits: the candidate gets 403, anyone else 404, no session 401, another site 403', async () => {
    const { candidate, interviewer, interviewId } = await startedInterview();
    const stranger = await signedInClient(server, 'stranger');
    const body = scorecardInput(4, { levelEstimate: 'above_L5', recommendation: 'strong_yes' });

    const byCandidate = await submitAs(candidate, interviewId, body);
    expect(byCandidate.status).toBe(403);
    expect(await byCandidate.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await submitAs(stranger, interviewId, body)).status).toBe(404);
    expect((await submitAs(stranger, 'no-such-interview', body)).status).toBe(404);
    const anonymous = await fetch(`${server.url}/api/interviews/${interviewId}/scorecards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(body),
    });
    expect(anonymous.status).toBe(401);
    const crossSite = await interviewer.client.request(`/api/interviews/${interviewId}/scorecards`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    expect(await server.services.prisma.scorecard.count({ where: { interviewId } })).toBe(0);

    // Reading follows the same rule for strangers.
    expect((await listAs(stranger, interviewId)).status).toBe(404);
    expect((await fetch(`${server.url}/api/interviews/${interviewId}/scorecards`)).status).toBe(401);
  });

  it('refuses a scorecard before the interview has started', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const { interviewId } = await createInterviewAs(server, interviewer);
    const response = await submitAs(interviewer, interviewId, scorecardInput(3));
    expect(response.status).toBe(409);
    expect(await server.services.prisma.scorecard.count({ where: { interviewId } })).toBe(0);
  });

  // On PGlite the server handles these one at a time; on PostgreSQL (TEST_DATABASE_URL) they
  // race for real. The next test forces the collision deterministically.
  it('submissions sent at once all get stored, each with its own version', async () => {
    const { interviewer, interviewId } = await startedInterview();
    const responses = await Promise.all([1, 2, 3].map((score) => submitAs(interviewer, interviewId, scorecardInput(score))));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
    const versions = await Promise.all(responses.map(async (r) => ((await r.json()) as { data: { version: number } }).data.version));
    expect(versions.sort()).toEqual([1, 2, 3]);
    const rows = await server.services.prisma.scorecard.findMany({ where: { interviewId }, orderBy: { version: 'asc' } });
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3]);
  });
});

/**
 * The real client, except that scorecard.aggregate reports no versions for the first `staleReads`
 * calls: as if another submission took the version between our read and our write.
 */
function withStaleVersionReads(prisma: PrismaClient, staleReads: number): PrismaClient {
  let left = staleReads;
  const bind = (target: object, prop: string | symbol) => {
    const value = Reflect.get(target, prop) as unknown;
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  };
  const scorecard = new Proxy(prisma.scorecard, {
    get(target, prop) {
      if (prop === 'aggregate' && left > 0) {
        left -= 1;
        return async () => ({ _max: { version: null } });
      }
      return bind(target, prop);
    },
  });
  return new Proxy(prisma, { get: (target, prop) => (prop === 'scorecard' ? scorecard : bind(target, prop)) });
}

describe('when another submission takes the version first', () => {
  it('the unique index refuses the duplicate version and the submission becomes the next one, atomically', async () => {
    const { interviewer, interviewId } = await startedInterview();
    const prisma = server.services.prisma;
    expect((await submitAs(interviewer, interviewId, scorecardInput(3))).status).toBe(201);
    const v1 = await prisma.scorecard.findUniqueOrThrow({ where: { interviewId_version: { interviewId, version: 1 } } });

    const result = await submitScorecard(useCaseContext(withStaleVersionReads(prisma, 1), interviewer.userId), { ...scorecardInput(2, { summary: 'late' }), interviewId: interviewId });
    expect(result).toEqual({ ok: true, data: { version: 2 } });
    const rows = await prisma.scorecard.findMany({ where: { interviewId }, orderBy: { version: 'asc' } });
    expect(rows.map((r) => [r.version, r.summary])).toEqual([
      [1, v1.summary],
      [2, 'late'],
    ]);
    expect(rows[0]).toEqual(v1);
    // The failed attempt's timeline event was rolled back with its row.
    const events = await prisma.timelineEvent.findMany({ where: { interviewId, kind: 'scorecard:submitted' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.payload)).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('is stamped with the clock it is given, row and timeline event alike', async () => {
    const { interviewer, interviewId } = await startedInterview();
    const prisma = server.services.prisma;
    const at = Date.UTC(2031, 0, 2, 3, 4, 5);
    const result = await submitScorecard(useCaseContext(prisma, interviewer.userId, at), { ...scorecardInput(3), interviewId });
    expect(result).toEqual({ ok: true, data: { version: 1 } });
    expect((await prisma.scorecard.findFirstOrThrow({ where: { interviewId } })).createdAt.getTime()).toBe(at);
    const event = await prisma.timelineEvent.findFirstOrThrow({ where: { interviewId, kind: 'scorecard:submitted' } });
    expect(event.at.getTime()).toBe(at);
  });

  it('answers conflict when every attempt collides, storing nothing more', async () => {
    const { interviewer, interviewId } = await startedInterview();
    const prisma = server.services.prisma;
    expect((await submitAs(interviewer, interviewId, scorecardInput(3))).status).toBe(201);
    const result = await submitScorecard(useCaseContext(withStaleVersionReads(prisma, 100), interviewer.userId), { ...scorecardInput(2), interviewId: interviewId });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await prisma.scorecard.count({ where: { interviewId } })).toBe(1);
    expect(await prisma.timelineEvent.count({ where: { interviewId, kind: 'scorecard:submitted' } })).toBe(1);
  });
});

describe('what the candidate reads', () => {
  // Blind release (feedback.test.ts covers the rule): here the candidate has given feedback on an
  // ended interview, so the first scorecard releases both.
  it('nothing before the first submission, then only the latest version', async () => {
    const { interviewer, candidate, interviewId } = await startedInterview();
    await server.services.prisma.interview.update({ where: { id: interviewId }, data: { status: 'ended', endedAt: new Date() } });
    const feedback = await candidate.client.request(`/api/interviews/${interviewId}/feedback`, {
      method: 'POST',
      json: { clarity: 4, helpfulness: 4, fairness: 5, comment: '' },
    });
    expect(feedback.status).toBe(201);

    const before = await listAs(candidate, interviewId);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ ok: true, data: { role: 'candidate', versions: [], isReleased: false } });

    await submitAs(interviewer, interviewId, scorecardInput(3, { summary: 'FIRST-VERSION-MARKER' }));
    const afterV1 = await listAs(candidate, interviewId);
    expect(afterV1.body.data?.versions).toEqual([
      expect.objectContaining({ version: 1, summary: 'FIRST-VERSION-MARKER', levelEstimate: 'L5', recommendation: 'yes' }),
    ]);

    await submitAs(interviewer, interviewId, scorecardInput(4, { summary: 'SECOND-VERSION', levelEstimate: 'above_L5', recommendation: 'strong_yes' }));
    const afterV2 = await candidate.client.request(`/api/interviews/${interviewId}/scorecards`);
    const text = await afterV2.text();
    // Only the latest version, and not a trace of the earlier one.
    expect(JSON.parse(text)).toMatchObject({ ok: true, data: { versions: [{ version: 2, summary: 'SECOND-VERSION' }] } });
    expect((JSON.parse(text) as { data: { versions: unknown[] } }).data.versions).toHaveLength(1);
    expect(text).not.toContain('FIRST-VERSION-MARKER');
    expect(text).not.toContain(interviewer.userId);

    // The candidate's room page carries no scorecard data at all: the section loads it from the route.
    const page = await candidate.client.request(`/interviews/${interviewId}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('data-testid="interview-status"');
    expect(html).not.toContain('FIRST-VERSION-MARKER');
    expect(html).not.toContain('SECOND-VERSION');
  });
});
