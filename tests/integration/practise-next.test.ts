import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trains } from '@/lib/domain/practise-next';
import { LEVEL_DIFFICULTIES } from '@/lib/domain/prompt-bank';
import { ZStoredGuide } from '@/lib/domain/prompt-schema';
import { DIMENSION_IDS } from '@/lib/domain/rubric';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { useCaseContext } from '@/lib/use-cases/context';
import { getProgress } from '@/lib/use-cases/get-progress';
import { getPractiseNext } from '@/lib/use-cases/practise-next';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { acceptInviteAs, createInterviewAs, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';

// "What to practise next" on the progress page: the candidate's weakest rubric dimensions and
// topics, each with built-in prompts that train it and that the candidate has not had.

let server: TTestServer;
let prisma: PrismaClient;
beforeAll(async () => {
  server = await startTestServer();
  prisma = server.services.prisma;
});
afterAll(async () => {
  await server?.cleanup();
});

type TSix = [number, number, number, number, number, number];

async function promptBySlug(slug: string) {
  const row = await prisma.prompt.findUniqueOrThrow({ where: { slug } });
  return { ...row, relatedTopics: ZStoredGuide.parse(row.guide).relatedTopics };
}

/** An interview on `slug` with `candidate` seated, ended, scored `scores` (rubric order) and released by the candidate's feedback; or left scheduled. */
async function interviewOn(candidate: TSignedInClient, slug: string, scores: TSix | null, level: 'L4' | 'L5' = 'L5'): Promise<string> {
  const interviewer = await signedInClient(server, 'ivr');
  const { interviewId, inviteToken } = await createInterviewAs(server, interviewer, { promptId: (await promptBySlug(slug)).id, level });
  expect((await acceptInviteAs(candidate, inviteToken)).status).toBe(200);
  if (!scores) return interviewId;
  const endedAt = new Date();
  await prisma.interview.update({ where: { id: interviewId }, data: { status: 'ended', startedAt: new Date(endedAt.getTime() - 3_600_000), endedAt } });
  const scored = await interviewer.client.request(`/api/interviews/${interviewId}/scorecards`, {
    method: 'POST',
    json: { scores: Object.fromEntries(DIMENSION_IDS.map((id, i) => [id, { score: scores[i], comment: '' }])), levelEstimate: 'L4', recommendation: 'no', summary: '' },
  });
  expect(scored.status).toBe(201);
  const fed = await candidate.client.request(`/api/interviews/${interviewId}/feedback`, { method: 'POST', json: { clarity: 4, helpfulness: 4, fairness: 4, comment: '' } });
  expect(fed.status).toBe(201);
  return interviewId;
}

async function practiseNextFor(person: TSignedInClient) {
  const ctx = useCaseContext(prisma, person.userId);
  return getPractiseNext(ctx, { progress: await getProgress(ctx) });
}

describe('what to practise next', () => {
  it('names the weakest dimensions, then the weakest topics, with prompts that train them and that the candidate has not had', async () => {
    const candidate = await signedInClient(server, 'cand');
    // Rubric order: requirements, estimation, high-level design, deep dive, scalability, communication.
    await interviewOn(candidate, 'design-rate-limiter', [3, 1, 3, 4, 3, 2]);
    await interviewOn(candidate, 'back-of-the-envelope-estimation', [4, 2, 4, 3, 3, 2]);
    // Had but not scored yet (scheduled): still not suggested again.
    await interviewOn(candidate, 'design-live-sports-scores', null);
    const had = new Set((await Promise.all(['design-rate-limiter', 'back-of-the-envelope-estimation', 'design-live-sports-scores'].map(promptBySlug))).map((p) => p.id));

    const next = await practiseNextFor(candidate);
    expect(next).not.toBeNull();
    expect(next!.level).toBe('L5');
    // Estimation (mean 1.5), then communication (2): the two weakest dimensions; then the topics, weakest first.
    expect(next!.suggestions.map((s) => `${s.focus.kind}:${s.focus.id}`)).toEqual([
      'dimension:estimation',
      'dimension:communication',
      // design-rate-limiter's topics (mean 16/6) and estimation's (18/6): rate limiter's first, by id.
      'topic:api-design',
      'topic:redis-caching',
    ]);
    expect(next!.suggestions[0]!.focus.mean).toBe(1.5);

    const bank = await prisma.prompt.findMany({ where: { authorId: null } });
    const byId = new Map(await Promise.all(bank.map(async (p) => [p.id, await promptBySlug(p.slug!)] as const)));
    const suggested = next!.suggestions.flatMap((s) => s.prompts.map((p) => ({ focus: s.focus, prompt: byId.get(p.id)! })));
    expect(suggested.length).toBeGreaterThanOrEqual(6);
    expect(new Set(suggested.map((s) => s.prompt.id)).size, 'each prompt once').toBe(suggested.length);
    for (const { focus, prompt } of suggested) {
      expect(had.has(prompt.id), `${prompt.slug} was had already`).toBe(false);
      expect(LEVEL_DIFFICULTIES.L5, `${prompt.slug} suits L5`).toContain(prompt.difficulty);
      expect(trains(prompt, focus.kind === 'dimension' ? { kind: 'dimension', id: focus.id } : { kind: 'topic', id: focus.id }), `${prompt.slug} trains ${focus.id}`).toBe(true);
    }

    // The page shows it, with a link to a prefilled new interview and to the lobby.
    const html = await (await candidate.client.request('/progress')).text();
    expect(html).toContain('What to practise next');
    const first = next!.suggestions[0]!.prompts[0]!;
    expect(html).toContain(`/interviews/new?promptId=${first.id}&amp;level=L5`);
    expect(html).toContain('/practice?role=candidate&amp;level=L5&amp;topics=');
  });

  it('has nothing to suggest before a scorecard is released, and nothing to name when every dimension exceeds the bar', async () => {
    const fresh = await signedInClient(server, 'fresh');
    expect(await practiseNextFor(fresh)).toBeNull();
    const html = await (await fresh.client.request('/progress')).text();
    expect(html).toContain('No scored interviews yet');
    expect(html).not.toContain('What to practise next</h2>');

    const strong = await signedInClient(server, 'strong');
    await interviewOn(strong, 'design-rate-limiter', [4, 4, 4, 4, 4, 4]);
    expect(await practiseNextFor(strong)).toEqual({ level: 'L5', suggestions: [] });
    expect(await (await strong.client.request('/progress')).text()).toContain('practise-next-none');
  });
});
