import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZPromptCopy } from '@/lib/domain/interview';
import { DIMENSION_IDS } from '@/lib/domain/rubric';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { acceptInviteAs, createInterviewAs, joinedSocket, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';
import { fingerprint } from '../helpers/fingerprint';

// "What a strong answer covered": the candidate's review carries the prompt's answer key (key
// points with the ticked ones, follow-ups, the whole hint ladder, the L4 and L5 sketches) once
// the scorecard is released to them, and not a character of it before. The check is on what the
// server sends (the page's HTML and flight data, the JSON export), not on what the page shows.

let server: TTestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

/** Everything the candidate's browser gets about the review: the page (HTML, RSC payload) and the JSON export. */
async function reviewPayloads(person: TSignedInClient, interviewId: string): Promise<string> {
  const html = await person.client.request(`/interviews/${interviewId}/review`);
  expect(html.status).toBe(200);
  // Next answers a bare RSC request with a redirect to its cache-busting address: follow it as client navigation does.
  let flight = await person.client.request(`/interviews/${interviewId}/review`, { headers: { RSC: '1' } });
  for (let hop = 0; hop < 3 && flight.status >= 300 && flight.status < 400 && flight.headers.get('location'); hop++) {
    flight = await person.client.request(flight.headers.get('location')!, { headers: { RSC: '1' } });
  }
  expect(flight.status).toBe(200);
  expect(flight.headers.get('content-type') ?? '').toContain('text/x-component');
  const exported = await person.client.request(`/api/interviews/${interviewId}/export.json`);
  expect(exported.status).toBe(200);
  return [await html.text(), await flight.text(), await exported.text()].join('\n');
}

async function exportBody(person: TSignedInClient, interviewId: string) {
  const response = await person.client.request(`/api/interviews/${interviewId}/export.json`);
  return (await response.json()) as { isReleased: boolean; prompt: { guide: Record<string, unknown> | null } };
}

/** A live interview where the interviewer ticks key points 0 and 2 and reveals hint 0, then ends it. */
async function playedInterview() {
  const interviewer = await signedInClient(server, 'ivr');
  const candidate = await signedInClient(server, 'cand');
  const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
  expect((await acceptInviteAs(candidate, inviteToken)).status).toBe(200);
  const copy = ZPromptCopy.parse((await server.services.prisma.interview.findUniqueOrThrow({ where: { id: interviewId } })).promptCopy);
  const ivr = await joinedSocket(interviewer, interviewId);
  expect(await ivr.emitWithAck('interview:start', { interviewId })).toMatchObject({ ok: true });
  for (const index of [0, 2]) expect(await ivr.emitWithAck('guide:check', { interviewId, index, checked: true })).toMatchObject({ ok: true });
  expect(await ivr.emitWithAck('hint:reveal', { interviewId, index: 0 })).toMatchObject({ ok: true });
  expect(await ivr.emitWithAck('interview:end', { interviewId })).toMatchObject({ ok: true });
  ivr.close();
  const guide = copy.guide;
  const secrets: Array<[string, string]> = [
    ...guide.keyPoints.map((text, i): [string, string] => [`key point ${i}`, text]),
    ...guide.followUps.map((text, i): [string, string] => [`follow-up ${i}`, text]),
    // Hint 0 was revealed in the room, so the candidate has it already.
    ...guide.hints.slice(1).map((text, i): [string, string] => [`hint ${i + 1}`, text]),
    ['L4 answer', guide.l4Answer],
    ['L5 answer', guide.l5Answer],
  ];
  for (const [label, text] of secrets) expect(fingerprint(text).length, `${label} has a usable fingerprint`).toBeGreaterThanOrEqual(20);
  return { interviewer, candidate, interviewId, copy, secrets };
}

async function submitScorecard(interviewer: TSignedInClient, interviewId: string) {
  const scores = Object.fromEntries(DIMENSION_IDS.map((id) => [id, { score: 3, comment: '' }]));
  const response = await interviewer.client.request(`/api/interviews/${interviewId}/scorecards`, {
    method: 'POST',
    json: { scores, levelEstimate: 'L5', recommendation: 'yes', summary: 'Solid.' },
  });
  expect(response.status).toBe(201);
}

async function submitFeedback(candidate: TSignedInClient, interviewId: string) {
  const response = await candidate.client.request(`/api/interviews/${interviewId}/feedback`, {
    method: 'POST',
    json: { clarity: 4, helpfulness: 4, fairness: 4, comment: '' },
  });
  expect(response.status).toBe(201);
}

describe("the answer key in the candidate's review", () => {
  it('is absent before the release (scored but no feedback, feedback but not scored) and complete after it', async () => {
    const { interviewer, candidate, interviewId, copy, secrets } = await playedInterview();

    // Ended, nothing submitted.
    const atEnd = await reviewPayloads(candidate, interviewId);
    // Scored, the candidate's feedback not in yet: still held back.
    await submitScorecard(interviewer, interviewId);
    const scored = await reviewPayloads(candidate, interviewId);
    for (const [label, text] of secrets) {
      expect(atEnd.includes(fingerprint(text)), `${label} before anything was submitted`).toBe(false);
      expect(scored.includes(fingerprint(text)), `${label} once scored, before the feedback`).toBe(false);
    }
    expect(scored).toContain('answer-key-held-back');
    expect(await exportBody(candidate, interviewId)).toMatchObject({ isReleased: false, prompt: { guide: null } });
    // The interviewer has it all along (the search finds what it looks for).
    const interviewerView = await reviewPayloads(interviewer, interviewId);
    for (const [label, text] of secrets) expect(interviewerView.includes(fingerprint(text)), `${label} for the interviewer`).toBe(true);

    // The feedback releases the scorecard, and the answer key with it.
    await submitFeedback(candidate, interviewId);
    const released = await reviewPayloads(candidate, interviewId);
    for (const [label, text] of secrets) expect(released.includes(fingerprint(text)), `${label} after the release`).toBe(true);
    expect(released).not.toContain('answer-key-held-back');
    const body = await exportBody(candidate, interviewId);
    expect(body).toMatchObject({
      isReleased: true,
      prompt: {
        guide: {
          keyPoints: copy.guide.keyPoints,
          followUps: copy.guide.followUps,
          hints: copy.guide.hints,
          l4Answer: copy.guide.l4Answer,
          l5Answer: copy.guide.l5Answer,
          checkedKeyPoints: [0, 2],
        },
      },
    });
  });

  it('is released a week after the end without feedback, unless the candidate has an upcoming interview on the prompt', async () => {
    const { interviewer, candidate, interviewId, secrets } = await playedInterview();
    await submitScorecard(interviewer, interviewId);
    const prisma = server.services.prisma;
    // A week and a minute ago: released by the rule's deadline.
    const endedAt = new Date(Date.now() - 7 * 24 * 60 * 60_000 - 60_000);
    await prisma.interview.update({ where: { id: interviewId }, data: { endedAt, startedAt: new Date(endedAt.getTime() - 45 * 60_000) } });
    const [needleLabel, needleText] = secrets.at(-1)!;
    expect((await reviewPayloads(candidate, interviewId)).includes(fingerprint(needleText)), `${needleLabel} once the week is over`).toBe(true);

    // Another interviewer schedules the same prompt with this candidate: the key stays hidden until that one ends.
    const other = await signedInClient(server, 'ivr2');
    const upcoming = await createInterviewAs(server, other);
    expect((await acceptInviteAs(candidate, upcoming.inviteToken)).status).toBe(200);
    const locked = await reviewPayloads(candidate, interviewId);
    for (const [label, text] of secrets) expect(locked.includes(fingerprint(text)), `${label} while an interview on the prompt is ahead`).toBe(false);
    expect(locked).toContain('answer-key-locked');
    expect(await exportBody(candidate, interviewId)).toMatchObject({ isReleased: true, prompt: { guide: null } });

    await prisma.interview.update({ where: { id: upcoming.interviewId }, data: { status: 'ended', startedAt: new Date(), endedAt: new Date() } });
    expect((await reviewPayloads(candidate, interviewId)).includes(fingerprint(needleText))).toBe(true);
  });
});
