import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIMENSION_IDS } from '@/lib/domain/rubric';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import {
  encodeHistoryCursor,
  listInterviews,
  type TListInterviewsOptions,
  type TInterviewListItem,
} from '@/lib/use-cases/list-interviews';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { acceptInviteAs, createInterviewAs, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';
import { useCaseContext } from '@/lib/use-cases/context';

const ROWS = 2_500;
const STATUSES = ['scheduled', 'live', 'ended'] as const;

type TSeedRow = { id: string; createdAt: Date; status: (typeof STATUSES)[number]; myRole: 'interviewer' | 'candidate'; hasPartner: boolean };

let server: TTestServer;
let prisma: PrismaClient;
let owner: TSignedInClient;
let seeded: TSeedRow[];
let scoredId: string;

function scores(score: number) {
  return Object.fromEntries(DIMENSION_IDS.map((id) => [id, { score, comment: `${id}: ${score}` }]));
}

/** What the dashboard must list for `seeded`: createdAt desc, then id desc. */
function expectedIds(rows: TSeedRow[]): string[] {
  return [...rows]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((row) => row.id);
}

/** Follows nextCursor to the end; returns every page. */
async function allPages(userId: string, options: TListInterviewsOptions = {}): Promise<TInterviewListItem[][]> {
  const pages: TInterviewListItem[][] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listInterviews(useCaseContext(prisma, userId), { ...options, cursor });
    pages.push(page.items);
    if (!page.nextCursor) return pages;
    cursor = page.nextCursor;
    // A cycle would loop forever rather than fail.
    if (pages.length > ROWS) throw new Error('pagination does not end');
  }
}

/**
 * PGlite runs in this process, so seeding and paging thousands of rows blocks the event loop for
 * seconds; the server's keep-alive timer (5 s) and fetch's pooled idle connection then race, and
 * the next request on that socket can fail with ECONNRESET. Idempotent requests that may fail
 * that way flush the pool before the HTTP part of a test.
 */
async function flushIdleConnections(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await fetch(`${server.url}/api/health`).then((r) => r.arrayBuffer(), () => undefined);
}

// Every page of the owner's unfiltered list, read once (125 queries) for the tests that only read it.
let ownerPagesRead: Promise<TInterviewListItem[][]> | undefined;
const ownerPages = () => (ownerPagesRead ??= allPages(owner.userId));

beforeAll(async () => {
  server = await startTestServer();
  prisma = server.services.prisma;
  owner = await signedInClient(server, 'history');
  // A real interview gives valid prompt and phase plan copies to clone.
  const { interviewId: templateId } = await createInterviewAs(server, owner);
  const template = await prisma.interview.findUniqueOrThrow({ where: { id: templateId } });
  await prisma.interview.delete({ where: { id: templateId } });

  const partners = await Promise.all(
    [0, 1, 2].map((n) => prisma.user.create({ data: { email: `history-partner-${n}-${Date.now()}@example.test`, name: `Partner ${n}` } })),
  );
  const base = Date.UTC(2026, 0, 1);
  // Three rows share each createdAt, so the id tie-breaker decides their order (and where a
  // page boundary falls inside a group of equal timestamps). Ids are fixed-width, so they
  // sort the same under any collation.
  seeded = Array.from({ length: ROWS }, (_, i) => ({
    id: `hist${String(i).padStart(5, '0')}`,
    createdAt: new Date(base + Math.floor(i / 3) * 60_000),
    status: STATUSES[i % 3]!,
    myRole: i % 2 === 0 ? 'interviewer' : 'candidate',
    hasPartner: i % 7 !== 0,
  }));
  await prisma.interview.createMany({
    data: seeded.map((row) => ({
      id: row.id,
      promptCopy: template.promptCopy ?? {},
      phasePlan: template.phasePlan ?? [],
      level: template.level,
      status: row.status,
      createdAt: row.createdAt,
    })),
  });
  await prisma.participant.createMany({
    data: seeded.flatMap((row, i) => [
      { interviewId: row.id, userId: owner.userId, role: row.myRole },
      ...(row.hasPartner
        ? [{ interviewId: row.id, userId: partners[i % 3]!.id, role: row.myRole === 'interviewer' ? ('candidate' as const) : ('interviewer' as const) }]
        : []),
    ]),
  });
  // Two versions on every 10th interview: the list must show the later one's recommendation.
  const scoredRows = seeded.filter((_, i) => i % 10 === 0);
  await prisma.scorecard.createMany({
    data: scoredRows.flatMap((row) => [
      { interviewId: row.id, interviewerId: owner.userId, version: 1, scores: scores(2), levelEstimate: 'L4', recommendation: 'no' },
      { interviewId: row.id, interviewerId: owner.userId, version: 2, scores: scores(4), levelEstimate: 'L5', recommendation: 'strong_yes' },
    ]),
  });
  scoredId = scoredRows[0]!.id;
}, 120_000);

afterAll(async () => {
  await server?.cleanup();
});

describe('listInterviews: keyset pagination', () => {
  it('pages of 20 cover every row exactly once, newest first with the id as tie-breaker', async () => {
    const pages = await ownerPages();
    expect(pages).toHaveLength(ROWS / 20);
    expect(pages.every((page) => page.length === 20)).toBe(true);
    const ids = pages.flat().map((item) => item.id);
    expect(new Set(ids).size).toBe(ROWS);
    expect(ids).toEqual(expectedIds(seeded));
  });

  it('lists role, partner and the latest scorecard recommendation', async () => {
    const items = (await ownerPages()).flat();
    const byId = new Map(items.map((item) => [item.id, item]));
    const scored = byId.get(scoredId)!;
    expect(scored).toMatchObject({ myRole: 'interviewer', partnerName: null, recommendation: 'strong_yes' });
    // i = 1: the owner is the candidate, partner 1 the interviewer; scored rows are i % 10 === 0.
    expect(byId.get('hist00001')).toMatchObject({ myRole: 'candidate', partnerName: 'Partner 1', recommendation: null, status: 'live' });
    // i = 10 is scored and the owner is the interviewer there.
    expect(byId.get('hist00010')).toMatchObject({ myRole: 'interviewer', partnerName: 'Partner 1', recommendation: 'strong_yes' });
    expect(items.filter((item) => item.recommendation !== null)).toHaveLength(ROWS / 10);
  });

  it('a row created after the first page neither shifts nor repeats the next pages', async () => {
    const first = await listInterviews(useCaseContext(prisma, owner.userId));
    const newest = await prisma.interview.create({
      data: { id: 'hist-newer', promptCopy: {}, phasePlan: [], level: 'L4', participants: { create: { userId: owner.userId, role: 'interviewer' } } },
    });
    try {
      const second = await listInterviews(useCaseContext(prisma, owner.userId), { cursor: first.nextCursor! });
      expect(second.items.map((item) => item.id)).toEqual(expectedIds(seeded).slice(20, 40));
    } finally {
      await prisma.interview.delete({ where: { id: newest.id } });
    }
  });

  it('filters by role and by status, alone and together, across every page', async () => {
    for (const options of [
      { role: 'candidate' },
      { role: 'interviewer' },
      { status: 'ended' },
      { status: 'scheduled' },
      { role: 'interviewer', status: 'live' },
    ] as const) {
      const ids = (await allPages(owner.userId, options)).flat().map((item) => item.id);
      const matching = seeded.filter(
        (row) => (!('role' in options) || row.myRole === options.role) && (!('status' in options) || row.status === options.status),
      );
      expect(matching.length).toBeGreaterThan(20);
      expect(ids, JSON.stringify(options)).toEqual(expectedIds(matching));
    }
  });

  it('a cursor it did not issue gives the first page', async () => {
    const first = await listInterviews(useCaseContext(prisma, owner.userId));
    for (const bad of [
      'not-a-cursor',
      Buffer.from('{"t":"yesterday","id":"x"}').toString('base64url'),
      Buffer.from('[1,2]').toString('base64url'),
      encodeHistoryCursor({ t: 1, id: 'a' }).slice(0, -3),
    ]) {
      expect((await listInterviews(useCaseContext(prisma, owner.userId), { cursor: bad })).items).toEqual(first.items);
    }
  });

  it("another user's interviews never appear", async () => {
    const stranger = await prisma.user.create({ data: { email: `history-stranger-${Date.now()}@example.test` } });
    expect(await listInterviews(useCaseContext(prisma, stranger.id))).toEqual({ items: [], nextCursor: null });
  });
});

describe('the dashboard page', () => {
  it('renders the filters, the recommendation of a scored interview and the empty states', async () => {
    await flushIdleConnections();
    const interviewer = await signedInClient(server, 'dash-ivr');
    const candidate = await signedInClient(server, 'dash-cand');
    expect(await (await interviewer.client.request('/dashboard')).text()).toContain('No interviews yet');

    const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
    expect((await acceptInviteAs(candidate, inviteToken)).status).toBe(200);
    await prisma.interview.update({ where: { id: interviewId }, data: { status: 'ended', startedAt: new Date(), endedAt: new Date() } });
    await prisma.scorecard.create({
      data: { interviewId, interviewerId: interviewer.userId, version: 1, scores: scores(3), levelEstimate: 'L5', recommendation: 'yes' },
    });

    // Blind release: the candidate sees the recommendation only once their feedback is in too.
    const held = await (await candidate.client.request('/dashboard')).text();
    expect(held).toContain(`with ${interviewer.user.name}`);
    expect(held).not.toContain('>Hire<');
    await prisma.feedback.create({
      data: { interviewId, candidateId: candidate.userId, clarity: 4, helpfulness: 4, fairness: 5, comment: '' },
    });

    for (const person of [interviewer, candidate]) {
      const response = await person.client.request('/dashboard');
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('name="role"');
      expect(html).toContain('name="status"');
      expect(html).toContain('>Hire<');
      expect(html).toContain(person === interviewer ? `with ${candidate.user.name}` : `with ${interviewer.user.name}`);
      expect(html).not.toContain('Next page');
    }
    const filtered = await (await interviewer.client.request('/dashboard?role=candidate&status=all')).text();
    expect(filtered).toContain('No interviews match these filters');
    expect(filtered).not.toContain('No interviews yet');
  });

  it('links to the next page with the cursor, keeping the filters, and back to the first', async () => {
    await flushIdleConnections();
    const first = await (await owner.client.request('/dashboard?role=candidate')).text();
    const next = /href="(\/dashboard\?[^"]*cursor=[^"]+)"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toMatch(/^\/dashboard\?role=candidate&cursor=/);
    const candidateIds = expectedIds(seeded.filter((row) => row.myRole === 'candidate'));
    const second = await (await owner.client.request(next!)).text();
    expect(second).toContain(`/interviews/${candidateIds[20]}`);
    expect(second).not.toContain(`/interviews/${candidateIds[19]}"`);
    expect(second).toContain('First page');

    const bad = await (await owner.client.request('/dashboard?cursor=garbage')).text();
    expect(bad).toContain('showing the first page');
    expect(bad).toContain(`/interviews/${expectedIds(seeded)[0]}"`);
  });
});
