import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZPromptCopy } from '@/lib/domain/interview';
import { topicLabel } from '@/lib/domain/prompt';
import { RELEASE_AFTER_MS } from '@/lib/domain/release';
import { DIMENSION_IDS, type TDimensionId } from '@/lib/domain/rubric';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { getProgress, PROGRESS_LIMIT } from '@/lib/use-cases/get-progress';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { acceptInviteAs, createInterviewAs, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';
import { useCaseContext } from '@/lib/use-cases/context';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

type TSixScores = [number, number, number, number, number, number];

let server: TTestServer;
let prisma: PrismaClient;
/** The moment the interviews are placed around; the release is asked at this or later `now`s. */
let NOW: number;
let candidate: TSignedInClient;
let firstInterviewer: TSignedInClient;
let secondInterviewer: TSignedInClient;
/** Two concept drills with no topic in common: the topic table then has one row per prompt. */
let prompts: Array<{ id: string; topics: string[] }>;
let ids: Record<'old' | 'fed' | 'withheld' | 'unscored' | 'live' | 'swapped' | 'damaged', string>;

/** Scores in rubric order. */
const OLD_SCORES: TSixScores = [2, 2, 2, 2, 2, 2];
const FED_SCORES: TSixScores = [4, 3, 3, 2, 3, 4];
const WITHHELD_SCORES: TSixScores = [1, 1, 1, 1, 1, 1];

function scorecard(values: TSixScores, summary = '') {
  return {
    scores: Object.fromEntries(DIMENSION_IDS.map((id, i) => [id, { score: values[i], comment: `${id} comment` }])),
    levelEstimate: 'L4',
    recommendation: 'no',
    summary,
  };
}

function byDimension(values: TSixScores): Record<TDimensionId, number> {
  return Object.fromEntries(DIMENSION_IDS.map((id, i) => [id, values[i]])) as Record<TDimensionId, number>;
}

/**
 * An interview of `interviewer` with `seated` as the candidate, through the real routes, then
 * ended at `endedAt` (the lifecycle has its own tests) under a recognisable title.
 */
async function interview(options: {
  interviewer: TSignedInClient;
  seated: TSignedInClient;
  promptId: string;
  title: string;
  endedAt: number | null;
}): Promise<string> {
  const { interviewId, inviteToken } = await createInterviewAs(server, options.interviewer, { promptId: options.promptId });
  expect((await acceptInviteAs(options.seated, inviteToken)).status).toBe(200);
  const row = await prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
  const promptCopy = { ...ZPromptCopy.parse(row.promptCopy), title: options.title };
  await prisma.interview.update({
    where: { id: interviewId },
    data:
      options.endedAt === null
        ? { promptCopy, status: 'live', startedAt: new Date(NOW - HOUR) }
        : { promptCopy, status: 'ended', startedAt: new Date(options.endedAt - HOUR), endedAt: new Date(options.endedAt) },
  });
  return interviewId;
}

async function score(interviewer: TSignedInClient, interviewId: string, values: TSixScores): Promise<void> {
  const response = await interviewer.client.request(`/api/interviews/${interviewId}/scorecards`, { method: 'POST', json: scorecard(values) });
  expect(response.status, await response.clone().text()).toBe(201);
}

async function giveFeedback(person: TSignedInClient, interviewId: string): Promise<void> {
  const response = await person.client.request(`/api/interviews/${interviewId}/feedback`, {
    method: 'POST',
    json: { clarity: 4, helpfulness: 4, fairness: 4, comment: '' },
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

beforeAll(async () => {
  server = await startTestServer();
  prisma = server.services.prisma;
  NOW = Date.now();
  [candidate, firstInterviewer, secondInterviewer] = await Promise.all([
    signedInClient(server, 'prog-cand'),
    signedInClient(server, 'prog-ivr1'),
    signedInClient(server, 'prog-ivr2'),
  ]);
  const concepts = await prisma.prompt.findMany({ where: { kind: 'concept', deletedAt: null }, orderBy: { slug: 'asc' }, take: 2 });
  prompts = concepts.map((p) => ({ id: p.id, topics: p.topics }));
  expect(prompts).toHaveLength(2);
  expect(prompts[0]!.topics.filter((t) => prompts[1]!.topics.includes(t))).toEqual([]);
  const first = prompts[0]!;
  const second = prompts[1]!;

  // Released by the week rule (no feedback, ended 20 days ago).
  const old = await interview({ interviewer: firstInterviewer, seated: candidate, promptId: first.id, title: 'PROGRESS-OLD', endedAt: NOW - 20 * DAY });
  await score(firstInterviewer, old, OLD_SCORES);
  // Released by both sides submitting; corrected once: the latest version counts.
  const fed = await interview({ interviewer: secondInterviewer, seated: candidate, promptId: second.id, title: 'PROGRESS-FED', endedAt: NOW - 3 * DAY });
  await score(secondInterviewer, fed, WITHHELD_SCORES);
  await score(secondInterviewer, fed, FED_SCORES);
  await giveFeedback(candidate, fed);
  // Held back: scored an hour ago, no feedback yet.
  const withheld = await interview({ interviewer: firstInterviewer, seated: candidate, promptId: first.id, title: 'PROGRESS-WITHHELD', endedAt: NOW - HOUR });
  await score(firstInterviewer, withheld, WITHHELD_SCORES);
  // Feedback but no scorecard: nothing to chart, ever.
  const unscored = await interview({ interviewer: secondInterviewer, seated: candidate, promptId: second.id, title: 'PROGRESS-UNSCORED', endedAt: NOW - 2 * DAY });
  await giveFeedback(candidate, unscored);
  // Scored while still live: not ended, so never released.
  const live = await interview({ interviewer: firstInterviewer, seated: candidate, promptId: first.id, title: 'PROGRESS-LIVE', endedAt: null });
  await score(firstInterviewer, live, WITHHELD_SCORES);
  // The candidate interviewed someone else: that scorecard is about the other person.
  const swapped = await interview({ interviewer: candidate, seated: firstInterviewer, promptId: second.id, title: 'PROGRESS-SWAPPED', endedAt: NOW - 5 * DAY });
  await score(candidate, swapped, [4, 4, 4, 4, 4, 4]);
  await giveFeedback(firstInterviewer, swapped);
  // A stored row that is not what submitScorecard writes: left out, the page still renders.
  const damaged = await interview({ interviewer: secondInterviewer, seated: candidate, promptId: first.id, title: 'PROGRESS-DAMAGED', endedAt: NOW - 10 * DAY });
  await prisma.scorecard.create({
    data: { interviewId: damaged, interviewerId: secondInterviewer.userId, version: 1, scores: { requirements: 'great' }, levelEstimate: 'L4', recommendation: 'no' },
  });
  await giveFeedback(candidate, damaged);

  ids = { old, fed, withheld, unscored, live, swapped, damaged };
}, 120_000);

afterAll(async () => {
  await server?.cleanup();
});

describe('getProgress', () => {
  it('lists the released scorecards of the interviews where the user was the candidate, oldest first', async () => {
    const progress = await getProgress(useCaseContext(prisma, candidate.userId, NOW));
    expect(progress.isCapped).toBe(false);
    expect(progress.entries.map((e) => e.interviewId)).toEqual([ids.old, ids.fed]);
    const [old, fed] = progress.entries;
    expect(old).toMatchObject({ title: 'PROGRESS-OLD', topics: prompts[0]!.topics, level: 'L5', endedAt: NOW - 20 * DAY, levelEstimate: 'L4' });
    expect(old!.scores).toEqual(byDimension(OLD_SCORES));
    expect(fed).toMatchObject({ title: 'PROGRESS-FED', topics: prompts[1]!.topics, endedAt: NOW - 3 * DAY });
    expect(fed!.scores).toEqual(byDimension(FED_SCORES));

    expect(progress.dimensions.map((d) => d.mean)).toEqual(DIMENSION_IDS.map((_, i) => (OLD_SCORES[i]! + FED_SCORES[i]!) / 2));
    expect(progress.dimensions[0]!.points.map((p) => [p.title, p.score])).toEqual([
      ['PROGRESS-OLD', 2],
      ['PROGRESS-FED', 4],
    ]);
    // The weakest topic first: the old interview's mean is 2, the corrected one's 19/6.
    expect(progress.topics.map((t) => [t.topic, t.interviews])).toEqual([
      ...prompts[0]!.topics.map((t) => [t, 1]),
      ...prompts[1]!.topics.map((t) => [t, 1]),
    ]);
    expect(progress.topics[0]!.mean).toBe(2);
    expect(progress.topics.at(-1)!.mean).toBeCloseTo(19 / 6, 12);
  });

  it('adds the held-back interview exactly a week after its end, without the candidate’s feedback', async () => {
    const releaseAt = NOW - HOUR + RELEASE_AFTER_MS;
    const before = await getProgress(useCaseContext(prisma, candidate.userId, releaseAt - 1));
    expect(before.entries.map((e) => e.interviewId)).toEqual([ids.old, ids.fed]);
    const after = await getProgress(useCaseContext(prisma, candidate.userId, releaseAt));
    expect(after.entries.map((e) => e.interviewId)).toEqual([ids.old, ids.fed, ids.withheld]);
    expect(after.entries[2]!.scores).toEqual(byDimension(WITHHELD_SCORES));
    // Never the unscored, the live, the swapped or the damaged one, however late.
    const muchLater = await getProgress(useCaseContext(prisma, candidate.userId, NOW + 365 * DAY));
    expect(muchLater.entries.map((e) => e.interviewId)).toEqual([ids.old, ids.fed, ids.withheld]);
  });

  it('counts an interview for its candidate only: never for the interviewer, never for anyone else', async () => {
    const asCandidateOnce = await getProgress(useCaseContext(prisma, firstInterviewer.userId, NOW + 365 * DAY));
    expect(asCandidateOnce.entries.map((e) => [e.interviewId, e.title])).toEqual([[ids.swapped, 'PROGRESS-SWAPPED']]);
    expect((await getProgress(useCaseContext(prisma, secondInterviewer.userId, NOW + 365 * DAY))).entries).toEqual([]);
    const stranger = await prisma.user.create({ data: { email: `progress-stranger-${Date.now()}@example.test` } });
    const none = await getProgress(useCaseContext(prisma, stranger.id, NOW + 365 * DAY));
    expect(none).toMatchObject({ entries: [], topics: [], isCapped: false });
    expect(none.dimensions.every((d) => d.points.length === 0 && d.mean === null)).toBe(true);
  });

  it(`reads at most the latest ${PROGRESS_LIMIT} scored interviews and says it was capped`, async () => {
    const heavy = await signedInClient(server, 'prog-heavy');
    // Ids sort with the end times; all ended well over a week ago, so all are released.
    await seedScoredInterviews(heavy, Array.from({ length: PROGRESS_LIMIT + 1 }, (_, i) => ({ id: `prog${String(i).padStart(4, '0')}`, endedAt: new Date(NOW - (400 - i) * DAY) })));

    const progress = await getProgress(useCaseContext(prisma, heavy.userId, NOW));
    expect(progress.isCapped).toBe(true);
    expect(progress.entries).toHaveLength(PROGRESS_LIMIT);
    // The oldest one is the one left out.
    expect(progress.entries[0]!.interviewId).toBe('prog0001');
    expect(progress.entries.at(-1)!.interviewId).toBe(`prog${String(PROGRESS_LIMIT).padStart(4, '0')}`);

    // includes(), not toContain(): a failure would print the whole 200-interview page.
    const html = await (await heavy.client.request('/progress')).text();
    expect(html.includes('data-testid="progress-capped"')).toBe(true);
    expect(html.includes(`Only your latest ${PROGRESS_LIMIT} scored interviews are included`)).toBe(true);
    expect(html.includes('/interviews/prog0000/review')).toBe(false);
    expect(html.includes('/interviews/prog0001/review')).toBe(true);
  });
});

describe('the progress cap and the blind release', () => {
  it(`counts only released scorecards toward the ${PROGRESS_LIMIT}: a scored one still held back neither shows nor caps`, async () => {
    const candidate = await signedInClient(server, 'prog-cap');
    // PROGRESS_LIMIT released long ago, and the newest ended yesterday, scored, without feedback yet.
    await seedScoredInterviews(
      candidate,
      Array.from({ length: PROGRESS_LIMIT + 1 }, (_, i) => ({
        id: `cap${String(i).padStart(4, '0')}`,
        endedAt: new Date(i === PROGRESS_LIMIT ? NOW - DAY : NOW - (400 - i) * DAY),
      })),
    );
    const heldBack = `cap${String(PROGRESS_LIMIT).padStart(4, '0')}`;

    // Saying "capped" here would tell the candidate that the newest interview has been scored.
    const before = await getProgress(useCaseContext(prisma, candidate.userId, NOW));
    expect(before.isCapped).toBe(false);
    expect(before.entries).toHaveLength(PROGRESS_LIMIT);
    expect(before.entries.map((e) => e.interviewId)).not.toContain(heldBack);
    expect(before.entries[0]!.interviewId).toBe('cap0000');

    // Their feedback releases it: now the oldest gives way and the page says so.
    await prisma.feedback.create({ data: { interviewId: heldBack, candidateId: candidate.userId, clarity: 4, helpfulness: 4, fairness: 4 } });
    const after = await getProgress(useCaseContext(prisma, candidate.userId, NOW));
    expect(after.isCapped).toBe(true);
    expect(after.entries.at(-1)!.interviewId).toBe(heldBack);
    expect(after.entries[0]!.interviewId).toBe('cap0001');
  });
});

/**
 * Ended interviews (one per row, with the given ids and end times) where `candidate` was the
 * candidate, each scored 3 everywhere by one partner; no feedback. Written directly: hundreds of
 * interviews through the API would only slow the test.
 */
async function seedScoredInterviews(candidate: TSignedInClient, rows: Array<{ id: string; endedAt: Date }>): Promise<void> {
  const { interviewId: templateId } = await createInterviewAs(server, candidate);
  const template = await prisma.interview.findUniqueOrThrow({ where: { id: templateId } });
  await prisma.interview.delete({ where: { id: templateId } });
  const partner = await prisma.user.create({ data: { email: `progress-partner-${rows[0]!.id}@example.test`, name: 'Partner' } });
  await prisma.interview.createMany({
    data: rows.map((row) => ({ id: row.id, promptCopy: template.promptCopy ?? {}, phasePlan: template.phasePlan ?? [], level: 'L4', status: 'ended', endedAt: row.endedAt })),
  });
  await prisma.participant.createMany({
    data: rows.flatMap((row) => [
      { interviewId: row.id, userId: candidate.userId, role: 'candidate' as const },
      { interviewId: row.id, userId: partner.id, role: 'interviewer' as const },
    ]),
  });
  await prisma.scorecard.createMany({
    data: rows.map((row) => ({ interviewId: row.id, interviewerId: partner.id, version: 1, ...scorecard([3, 3, 3, 3, 3, 3]) })),
  });
}

/** The `tagName` element around the first occurrence of `marker`, up to its closing tag (no nesting of the same tag). */
function element(html: string, tagName: string, marker: string): string {
  const start = html.indexOf(marker);
  expect(start, marker).toBeGreaterThanOrEqual(0);
  const open = html.lastIndexOf(`<${tagName}`, start);
  const close = html.indexOf(`</${tagName}>`, start);
  return html.slice(open, close);
}

describe('the /progress page', () => {
  it('shows the candidate their released scores per dimension and their average by topic, nothing held back', async () => {
    const response = await candidate.client.request('/progress');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Your progress');
    expect(html).toContain('href="/progress"');

    for (const [i, id] of DIMENSION_IDS.entries()) {
      const chart = element(html, 'figure', `data-testid="chart-${id}"`);
      const mean = ((OLD_SCORES[i]! + FED_SCORES[i]!) / 2).toFixed(2);
      expect(chart).toContain('role="img"');
      expect(chart).toMatch(new RegExp(`aria-label="[^"]*: 2 interviews from [^"]*\\. Mean ${mean.replace('.', '\\.')}\\. Latest ${FED_SCORES[i]} `));
      // One point per interview, oldest first, each with its tooltip.
      const tooltips = [...chart.matchAll(/<circle[^>]*><title>([^<]*)<\/title>/g)].map((m) => m[1]);
      expect(tooltips).toHaveLength(2);
      expect(tooltips[0]).toMatch(new RegExp(`^PROGRESS-OLD · .+ · ${OLD_SCORES[i]} \\(`));
      expect(tooltips[1]).toMatch(new RegExp(`^PROGRESS-FED · .+ · ${FED_SCORES[i]} \\(`));
      expect(chart).toContain('href="#scores-table"');
    }

    // The charts' data table: one row per interview (newest first) linking to its review.
    const interviews = element(html, 'table', 'id="scores-table"');
    const rows = [...interviews.matchAll(/<tr data-interview="([^"]+)">([\s\S]*?)<\/tr>/g)];
    expect(rows.map((m) => m[1])).toEqual([ids.fed, ids.old]);
    for (const [row, values] of [[rows[0]![2]!, FED_SCORES], [rows[1]![2]!, OLD_SCORES]] as const) {
      expect([...row.matchAll(/data-dimension="([^"]+)">(\d)/g)].map((m) => [m[1], Number(m[2])])).toEqual(DIMENSION_IDS.map((id, i) => [id, values[i]]));
    }
    expect(interviews).toContain(`href="/interviews/${ids.old}/review"`);
    expect(interviews).toContain(`href="/interviews/${ids.fed}/review"`);

    const topics = element(html, 'table', 'data-testid="topic-table"');
    const topicRows = [...topics.matchAll(/data-topic="([^"]+)" data-average="([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(topicRows).toEqual([...prompts[0]!.topics.map((t) => [t, '2.00']), ...prompts[1]!.topics.map((t) => [t, '3.17'])]);
    expect(topics).toContain(topicLabel(prompts[0]!.topics[0]!)!);
    expect(html).toContain('The weakest topics come first');

    for (const hidden of ['PROGRESS-WITHHELD', 'PROGRESS-UNSCORED', 'PROGRESS-LIVE', 'PROGRESS-SWAPPED', 'PROGRESS-DAMAGED']) {
      expect(html).not.toContain(hidden);
    }
    for (const hidden of [ids.withheld, ids.unscored, ids.live, ids.swapped, ids.damaged]) expect(html).not.toContain(hidden);
  });

  it('shows someone without a released scorecard the empty state, and none of the candidate’s interviews', async () => {
    for (const person of [secondInterviewer, await signedInClient(server, 'prog-other')]) {
      const response = await person.client.request('/progress');
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('No scored interviews yet');
      expect(html).toContain('href="/dashboard"');
      expect(html).not.toContain('PROGRESS-');
      expect(html).not.toContain('data-testid="chart-');
    }
  });

  it('sends a visitor without a session to sign-in and back', async () => {
    const response = await fetch(`${server.url}/progress`, { redirect: 'manual' });
    expect([302, 303, 307]).toContain(response.status);
    expect(response.headers.get('location')).toContain('/sign-in?callbackUrl=%2Fprogress');
  });

  it('is linked from the dashboard', async () => {
    const html = await (await candidate.client.request('/dashboard')).text();
    expect(html).toMatch(/<a[^>]*href="\/progress"[^>]*>Your progress<\/a>/);
  });
});
