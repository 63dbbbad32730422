import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZPromptCopy } from '@/lib/domain/interview';
import { DIMENSION_IDS, type TScorecardInput } from '@/lib/domain/rubric';
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

const SHARED_NOTE = 'SHARED-NOTE-MARKER good clarifying questions';
const PRIVATE_NOTE = 'PRIVATE-NOTE-MARKER weak on sharding';
const SCORECARD_SUMMARY = 'SCORECARD-SUMMARY-MARKER';

const SCORECARD: TScorecardInput = {
  scores: Object.fromEntries(DIMENSION_IDS.map((id, i) => [id, { score: (i % 4) + 1, comment: `comment, "${id}"` }])) as TScorecardInput['scores'],
  levelEstimate: 'L5',
  recommendation: 'yes',
  summary: SCORECARD_SUMMARY,
};

type TSession = { interviewer: TSignedInClient; candidate: TSignedInClient; interviewId: string; hintText: string; guideSecret: string };

/** An ended interview with a revealed hint, a shared and a private note; the lifecycle itself is tested elsewhere. */
async function endedSession(): Promise<TSession> {
  const interviewer = await signedInClient(server, 'ivr');
  const candidate = await signedInClient(server, 'cand');
  const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
  expect((await acceptInviteAs(candidate, inviteToken)).status).toBe(200);
  const prisma = server.services.prisma;
  const row = await prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
  const copy = ZPromptCopy.parse(row.promptCopy);
  const endedAt = new Date();
  const startedAt = new Date(endedAt.getTime() - 30 * 60_000);
  await prisma.interview.update({ where: { id: interviewId }, data: { status: 'ended', startedAt, endedAt, revealedHints: [0] } });
  await prisma.timelineEvent.create({ data: { interviewId, at: new Date(startedAt.getTime() + 5 * 60_000), kind: 'hint:revealed', payload: { index: 0 }, actorId: interviewer.userId } });
  for (const [text, isShared, atMs] of [[SHARED_NOTE, true, 60_000], [PRIVATE_NOTE, false, 120_000]] as const) {
    const note = await prisma.note.create({ data: { interviewId, authorId: interviewer.userId, atMs, text, isShared } });
    await prisma.timelineEvent.create({ data: { interviewId, kind: 'note', payload: { noteId: note.id }, actorId: interviewer.userId } });
  }
  // The last hint is never revealed: it stands for the whole guide the candidate must not get.
  return { interviewer, candidate, interviewId, hintText: copy.guide.hints[0]!, guideSecret: copy.guide.hints.at(-1)! };
}

async function exportJson(person: TSignedInClient, interviewId: string) {
  const response = await person.client.request(`/api/interviews/${interviewId}/export.json`);
  const text = await response.text();
  return { response, text, body: JSON.parse(text) as Record<string, unknown> };
}

async function markerKinds(person: TSignedInClient, interviewId: string): Promise<string[]> {
  const response = await person.client.request(`/api/interviews/${interviewId}/board-timeline`);
  expect(response.status).toBe(200);
  const { data } = (await response.json()) as { data: { markers: Array<{ kind: string }> } };
  return data.markers.map((marker) => marker.kind);
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (isQuoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') isQuoted = false;
      else field += c;
    } else if (c === '"') isQuoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field, 'the CSV ends with CRLF').toBe('');
  return rows;
}

describe('the review of an ended interview', () => {
  it('is 404 for a non-participant: page, JSON export; their CSV holds none of it', async () => {
    const { interviewer, interviewId } = await endedSession();
    expect((await submitScorecard(useCaseContext(server.services.prisma, interviewer.userId), { ...SCORECARD, interviewId: interviewId })).ok).toBe(true);
    const outsider = await signedInClient(server, 'out');
    expect((await outsider.client.request(`/interviews/${interviewId}/review`)).status).toBe(404);
    const exported = await outsider.client.request(`/api/interviews/${interviewId}/export.json`);
    expect(exported.status).toBe(404);
    expect(exported.headers.get('content-disposition')).toBeNull();
    const csv = await outsider.client.request('/api/scorecards.csv');
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).not.toContain(interviewId);
    expect(parseCsv(text)).toHaveLength(1);
  });

  it('is 404 while the interview has not ended, and 401 for the exports without a session', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const { interviewId } = await createInterviewAs(server, interviewer);
    expect((await interviewer.client.request(`/interviews/${interviewId}/review`)).status).toBe(404);
    expect((await interviewer.client.request(`/api/interviews/${interviewId}/export.json`)).status).toBe(404);
    const anonymous = await fetch(new URL('/api/scorecards.csv', server.url));
    expect(anonymous.status).toBe(401);
  });

  it('shows the candidate shared notes only, and the scorecard only once released', async () => {
    const { interviewer, candidate, interviewId, hintText, guideSecret } = await endedSession();
    expect((await submitScorecard(useCaseContext(server.services.prisma, interviewer.userId), { ...SCORECARD, interviewId: interviewId })).ok).toBe(true);

    // Before the release: no unshared note, no guide, no scorecard anywhere the candidate looks.
    const page = await candidate.client.request(`/interviews/${interviewId}/review`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('SHARED-NOTE-MARKER');
    expect(html).toContain('scorecard-held-back');
    const before = await exportJson(candidate, interviewId);
    expect(before.response.status).toBe(200);
    expect(before.response.headers.get('content-disposition')).toMatch(/^attachment; filename="mockroom-.+\.json"$/);
    for (const text of [html, before.text]) {
      expect(text).not.toContain('PRIVATE-NOTE-MARKER');
      expect(text).not.toContain(SCORECARD_SUMMARY);
      expect(text).not.toContain(guideSecret);
    }
    expect(before.body).toMatchObject({ scorecard: null, isReleased: false, prompt: { guide: null }, viewer: { role: 'candidate' } });
    // The replay's markers: the revealed hint for both, the private note for the interviewer only.
    expect(await markerKinds(candidate, interviewId)).toEqual(['hint', 'note']);
    expect(await markerKinds(interviewer, interviewId)).toEqual(['hint', 'note', 'note']);
    expect(before.text).not.toContain('scorecard:submitted');
    const csvBefore = parseCsv(await (await candidate.client.request('/api/scorecards.csv')).text());
    expect(csvBefore).toHaveLength(1);

    // The candidate's feedback releases the scorecard (the interviewer has scored).
    const feedback = await candidate.client.request(`/api/interviews/${interviewId}/feedback`, {
      method: 'POST',
      json: { clarity: 4, helpfulness: 4, fairness: 5, comment: 'FEEDBACK-MARKER' },
    });
    expect(feedback.status).toBe(201);
    const released = await (await candidate.client.request(`/interviews/${interviewId}/review`)).text();
    expect(released).toContain(SCORECARD_SUMMARY);
    expect(released).not.toContain('PRIVATE-NOTE-MARKER');
    const after = await exportJson(candidate, interviewId);
    expect(after.body).toMatchObject({ isReleased: true, scorecard: { version: 1, summary: SCORECARD_SUMMARY, levelEstimate: 'L5' } });
    expect(after.text).not.toContain('PRIVATE-NOTE-MARKER');
    expect(after.body.revealedHints).toEqual([{ index: 0, text: hintText, atMs: 5 * 60_000 }]);
    const noteEvents = (after.body.timeline as Array<{ kind: string; data: { text?: string } }>).filter((e) => e.kind === 'note');
    expect(noteEvents.map((e) => e.data.text)).toEqual([SHARED_NOTE]);
  });

  it('gives the interviewer everything, and note sharing is theirs alone', async () => {
    const { interviewer, candidate, interviewId, guideSecret } = await endedSession();
    const { body, text } = await exportJson(interviewer, interviewId);
    expect(body).toMatchObject({ format: 'mockroom-session', viewer: { role: 'interviewer' }, interview: { id: interviewId, level: 'L5' } });
    expect(text).toContain('PRIVATE-NOTE-MARKER');
    expect(text).toContain(guideSecret);
    expect(Object.keys(body)).toEqual(
      expect.arrayContaining(['prompt', 'scorecard', 'feedback', 'revealedHints', 'phases', 'notes', 'timeline', 'board']),
    );

    const share = (person: TSignedInClient, json: unknown) => person.client.request(`/api/interviews/${interviewId}/notes/share`, { method: 'POST', json });
    expect((await share(candidate, { isShared: true })).status).toBe(403);
    const shared = await share(interviewer, { isShared: true });
    expect(shared.status).toBe(200);
    expect(await (await candidate.client.request(`/interviews/${interviewId}/review`)).text()).toContain('PRIVATE-NOTE-MARKER');

    const privateNote = await server.services.prisma.note.findFirstOrThrow({ where: { interviewId, text: PRIVATE_NOTE } });
    expect((await share(interviewer, { noteId: privateNote.id, isShared: false })).status).toBe(200);
    expect(await markerKinds(candidate, interviewId)).toEqual(['hint', 'note']);
    const { text: candidateExport } = await exportJson(candidate, interviewId);
    expect(candidateExport).toContain('SHARED-NOTE-MARKER');
    expect(candidateExport).not.toContain('PRIVATE-NOTE-MARKER');
  });

  it('exports the scorecards as CSV: a header and one row per scorecard, quoted properly', async () => {
    const { interviewer, interviewId } = await endedSession();
    const prisma = server.services.prisma;
    expect((await submitScorecard(useCaseContext(prisma, interviewer.userId), { ...SCORECARD, interviewId: interviewId })).ok).toBe(true);
    // A correction: only the latest version is a row.
    expect((await submitScorecard(useCaseContext(prisma, interviewer.userId), { ...SCORECARD, levelEstimate: 'L4', interviewId: interviewId })).ok).toBe(true);
    const second = await createInterviewAs(server, interviewer);
    await prisma.interview.update({ where: { id: second.interviewId }, data: { status: 'ended', startedAt: new Date(), endedAt: new Date() } });
    // A title that needs quoting.
    const copy = ZPromptCopy.parse((await prisma.interview.findUniqueOrThrow({ where: { id: second.interviewId } })).promptCopy);
    await prisma.interview.update({ where: { id: second.interviewId }, data: { promptCopy: { ...copy, title: 'Design "X", with\nnewline' } } });
    expect((await submitScorecard(useCaseContext(prisma, interviewer.userId), { ...SCORECARD, interviewId: second.interviewId })).ok).toBe(true);

    const response = await interviewer.client.request('/api/scorecards.csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toContain('attachment');
    const rows = parseCsv(await response.text());
    const [header, ...data] = rows;
    expect(header).toEqual([
      'interview_id',
      'date',
      'prompt',
      'level',
      'role',
      ...DIMENSION_IDS.map((id) => `score_${id}`),
      'level_estimate',
      'recommendation',
      ...DIMENSION_IDS.map((id) => `comment_${id}`),
      'summary',
    ]);
    expect(data).toHaveLength(2);
    for (const row of data) expect(row).toHaveLength(header!.length);
    const byId = new Map(data.map((row) => [row[0], row]));
    expect(byId.get(interviewId)).toEqual([
      interviewId,
      expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      expect.any(String),
      'L5',
      'interviewer',
      ...DIMENSION_IDS.map((_, i) => String((i % 4) + 1)),
      // In the app's words, with the comments (quoted where they need it) and the summary.
      'L4',
      'Hire',
      ...DIMENSION_IDS.map((id) => `comment, "${id}"`),
      SCORECARD_SUMMARY,
    ]);
    expect(byId.get(second.interviewId)?.[2]).toBe('Design "X", with\nnewline');
  });
});
