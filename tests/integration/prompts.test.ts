import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PHASE_PLANS, INPUT_LIMITS } from '@/lib/domain/prompt';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { signedInClient, type TSignedInClient } from '../helpers/room-fixtures';

let server: TTestServer;
let author: TSignedInClient;
let other: TSignedInClient;
beforeAll(async () => {
  server = await startTestServer();
  [author, other] = await Promise.all([signedInClient(server, 'author'), signedInClient(server, 'other')]);
});
afterAll(async () => {
  await server?.cleanup();
});

/** A word no built-in prompt contains, so a search for it finds this test's prompts only. */
const tag = () => `zq${randomUUID().slice(0, 8)}`;

function conceptInput(title: string, overrides: Record<string, unknown> = {}) {
  return {
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
    ...overrides,
  };
}

function designInput(title: string, overrides: Record<string, unknown> = {}) {
  return {
    ...conceptInput(title),
    kind: 'design',
    statement: 'Design a read-through cache in front of a product catalogue.',
    topics: ['redis-caching'],
    relatedTopics: ['redis-caching', 'latency'],
    minutes: 45,
    ...overrides,
  };
}

type TListed = { id: string; title: string; kind: string; topics: string[]; difficulty: number; levels: string[]; isMine: boolean; origin: string };

async function createAs(person: TSignedInClient, input: unknown): Promise<string> {
  const response = await person.client.request('/api/prompts', { method: 'POST', json: input });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

async function list(person: TSignedInClient, query: Record<string, string>): Promise<TListed[]> {
  const response = await person.client.request(`/api/prompts?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { items: TListed[] } }).data.items;
}

const titlesOf = (items: TListed[]) => items.map((item) => item.title).sort();

async function page(person: TSignedInClient, path: string): Promise<string> {
  const response = await person.client.request(path);
  expect(response.status).toBe(200);
  return response.text();
}

describe('creating a prompt', () => {
  it('stores it for its author with the default phase plan; it is listed for everyone and offered for new interviews', async () => {
    const title = `Write-ahead logs ${tag()}`;
    const id = await createAs(author, conceptInput(title));

    const row = await server.services.prisma.prompt.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ slug: null, authorId: author.userId, kind: 'concept', title, difficulty: 3, minutes: 18, deletedAt: null });
    expect(row.guide).toMatchObject({ phasePlan: DEFAULT_PHASE_PLANS.concept, relatedTopics: [], keyPoints: expect.arrayContaining(['Group commit']) });

    expect(await list(author, { q: title })).toEqual([
      expect.objectContaining({ id, title, isMine: true, origin: 'mine', levels: ['L5'], topics: ['lsm-tree', 'memtable'] }),
    ]);
    expect(await list(other, { q: title })).toEqual([expect.objectContaining({ id, isMine: false, origin: 'community' })]);

    const bank = await page(author, `/prompts?q=${encodeURIComponent(title)}`);
    expect(bank).toContain(title);
    expect(bank).toContain('Yours');
    expect(await page(other, '/interviews/new')).toContain(title);

    // The detail shows the guide to any signed-in user: the bank is for studying.
    const detail = await other.client.request(`/api/prompts/${id}`);
    expect(await detail.json()).toMatchObject({ ok: true, data: { title, isMine: false, guide: { l5Answer: expect.stringContaining('group commit') } } });
  });

  it('keeps a phase plan that is given, and design prompts their related topics', async () => {
    const phasePlan = [
      { id: 'requirements', name: 'Requirements', minutes: 10 },
      { id: 'design', name: 'Design', minutes: 30 },
    ];
    const id = await createAs(author, designInput(`Catalogue cache ${tag()}`, { phasePlan, minutes: 40 }));
    const row = await server.services.prisma.prompt.findUniqueOrThrow({ where: { id } });
    expect(row.guide).toMatchObject({ phasePlan, relatedTopics: ['redis-caching', 'latency'] });
    expect(row.minutes).toBe(40);
  });

  it('accepts a prompt at the input limits, above the 16 KiB of other forms; refuses a body past 128 KiB', async () => {
    const item = 'x'.repeat(INPUT_LIMITS.item);
    const big = conceptInput(`Big ${tag()}`, {
      statement: 's'.repeat(INPUT_LIMITS.statement),
      guide: {
        keyPoints: Array.from({ length: INPUT_LIMITS.keyPoints }, () => item),
        followUps: Array.from({ length: INPUT_LIMITS.followUps }, () => item),
        hints: Array.from({ length: INPUT_LIMITS.hints }, () => item),
        l4Answer: 'a'.repeat(INPUT_LIMITS.answer),
        l5Answer: 'b'.repeat(INPUT_LIMITS.answer),
      },
    });
    expect(JSON.stringify(big).length).toBeGreaterThan(16 * 1024);
    await createAs(author, big);

    const before = await server.services.prisma.prompt.count();
    const huge = await author.client.request('/api/prompts', { method: 'POST', json: { ...big, statement: 'y'.repeat(140 * 1024) } });
    expect(huge.status).toBe(413);
    expect(await server.services.prisma.prompt.count()).toBe(before);
  });

  it('refuses invalid input with a message per field and stores nothing', async () => {
    const before = await server.services.prisma.prompt.count();
    const title = `Invalid ${tag()}`;
    const response = await author.client.request('/api/prompts', {
      method: 'POST',
      json: conceptInput(title, {
        title: '   ',
        topics: [],
        difficulty: 4,
        guide: { ...conceptInput(title).guide, keyPoints: ['only one'], hints: ['a', 'b', 'c', 'x'.repeat(INPUT_LIMITS.item + 1)] },
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { ok: false; error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.fields).toMatchObject({
      title: 'Required',
      topics: 'Choose at least 1 topic',
      difficulty: 'At most 3',
      'guide.keyPoints': 'Write at least 5 (one per line)',
      'guide.hints.3': `At most ${INPUT_LIMITS.item} characters`,
    });

    // Cross-field rules: the length must match the plan, a design exercise names what it draws on.
    const mismatched = await author.client.request('/api/prompts', { method: 'POST', json: conceptInput(title, { minutes: 45 }) });
    expect((await mismatched.json()) as unknown).toMatchObject({ error: { fields: { minutes: expect.stringContaining('must equal the total') } } });
    const noRelated = await author.client.request('/api/prompts', { method: 'POST', json: designInput(title, { relatedTopics: undefined }) });
    expect((await noRelated.json()) as unknown).toMatchObject({ error: { fields: { relatedTopics: expect.any(String) } } });
    const unknownKey = await author.client.request('/api/prompts', { method: 'POST', json: { ...conceptInput(title), authorId: other.userId } });
    expect(unknownKey.status).toBe(400);

    const anonymous = await fetch(`${server.url}/api/prompts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(conceptInput(title)),
    });
    expect(anonymous.status).toBe(401);
    const crossSite = await fetch(`${server.url}/api/prompts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example', cookie: author.client.cookieHeader() },
      body: JSON.stringify(conceptInput(title)),
    });
    expect(crossSite.status).toBe(403);

    expect(await server.services.prisma.prompt.count()).toBe(before);
  });
});

describe('editing and deleting', () => {
  it('lets the author edit; another user and built-in prompts are read-only (403), unknown ids 404', async () => {
    const title = `Quorums ${tag()}`;
    const id = await createAs(author, conceptInput(title));
    const stored = await server.services.prisma.prompt.findUniqueOrThrow({ where: { id } });

    const edit = conceptInput(`${title} edited`, { difficulty: 1, topics: ['cap-theorem'] });
    const byOther = await other.client.request(`/api/prompts/${id}`, { method: 'POST', json: edit });
    expect(byOther.status).toBe(403);
    const deleteByOther = await other.client.request(`/api/prompts/${id}/delete`, { method: 'POST', json: {} });
    expect(deleteByOther.status).toBe(403);
    // A non-author learns nothing from validation: refused before the body is looked at.
    expect((await other.client.request(`/api/prompts/${id}`, { method: 'POST', json: { nonsense: true } })).status).toBe(403);
    expect(await server.services.prisma.prompt.findUniqueOrThrow({ where: { id } })).toEqual(stored);

    const builtIn = await server.services.prisma.prompt.findFirstOrThrow({ where: { authorId: null, deletedAt: null } });
    const editBuiltIn = await author.client.request(`/api/prompts/${builtIn.id}`, { method: 'POST', json: edit });
    expect(editBuiltIn.status).toBe(403);
    expect(await editBuiltIn.json()).toMatchObject({ error: { code: 'forbidden', message: 'Built-in prompts are read-only.' } });
    expect((await author.client.request(`/api/prompts/${builtIn.id}/delete`, { method: 'POST', json: {} })).status).toBe(403);
    expect(await server.services.prisma.prompt.findUniqueOrThrow({ where: { id: builtIn.id } })).toEqual(builtIn);

    expect((await author.client.request('/api/prompts/nope', { method: 'POST', json: edit })).status).toBe(404);
    expect((await author.client.request('/api/prompts/nope/delete', { method: 'POST', json: {} })).status).toBe(404);

    const invalid = await author.client.request(`/api/prompts/${id}`, { method: 'POST', json: { ...edit, title: '' } });
    expect(invalid.status).toBe(400);
    expect(await server.services.prisma.prompt.findUniqueOrThrow({ where: { id } })).toEqual(stored);

    const byAuthor = await author.client.request(`/api/prompts/${id}`, { method: 'POST', json: edit });
    expect(byAuthor.status).toBe(200);
    expect(await server.services.prisma.prompt.findUniqueOrThrow({ where: { id } })).toMatchObject({
      title: `${title} edited`,
      difficulty: 1,
      topics: ['cap-theorem'],
      authorId: author.userId,
    });

    // The pages agree: Edit and Delete for the author only.
    expect(await page(author, `/prompts/${id}`)).toContain(`href="/prompts/${id}/edit"`);
    const otherView = await page(other, `/prompts/${id}`);
    expect(otherView).not.toContain(`href="/prompts/${id}/edit"`);
    expect(otherView).toContain('Only its author can edit this prompt.');
  });

  it('deleting hides the prompt from the bank and from new interviews; an interview made from it keeps its copy', async () => {
    const title = `Leases ${tag()}`;
    const id = await createAs(author, conceptInput(title));
    const created = await other.client.request('/api/interviews', { method: 'POST', json: { promptId: id, level: 'L5' } });
    expect(created.status).toBe(201);
    const interviewId = ((await created.json()) as { data: { id: string } }).data.id;
    const before = await server.services.prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
    expect(before.promptCopy).toMatchObject({ promptId: id, title, guide: { keyPoints: expect.arrayContaining(['Group commit']) } });

    const deleted = await author.client.request(`/api/prompts/${id}/delete`, { method: 'POST', json: {} });
    expect(deleted.status).toBe(200);

    expect(await list(author, { q: title })).toEqual([]);
    expect((await author.client.request(`/api/prompts/${id}`)).status).toBe(404);
    expect((await author.client.request(`/prompts/${id}`)).status).toBe(404);
    expect(await page(author, '/interviews/new')).not.toContain(title);
    const again = await other.client.request('/api/interviews', { method: 'POST', json: { promptId: id, level: 'L4' } });
    expect(again.status).toBe(400);

    // The row is kept (soft delete), the interview is untouched and still opens with its copy.
    expect(await server.services.prisma.prompt.findUniqueOrThrow({ where: { id } })).toMatchObject({ deletedAt: expect.any(Date) });
    const after = await server.services.prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
    expect(after.promptCopy).toEqual(before.promptCopy);
    expect(after.promptId).toBe(id);
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await page(other, `/interviews/${interviewId}`)).toContain(title);

    // Gone for writes too.
    expect((await author.client.request(`/api/prompts/${id}/delete`, { method: 'POST', json: {} })).status).toBe(404);
    expect((await author.client.request(`/api/prompts/${id}`, { method: 'POST', json: conceptInput(title) })).status).toBe(404);
  });
});

describe('searching and filtering', () => {
  it('filters by words, topic, kind and level (L4: difficulty 1-2, L5: difficulty 2-3)', async () => {
    const word = tag();
    const easy = `Easy drill ${word}`;
    const hard = `Hard design ${word}`;
    const middle = `Middle drill ${word}`;
    await createAs(author, conceptInput(easy, { difficulty: 1, topics: ['kiss'] }));
    await createAs(other, designInput(hard, { difficulty: 3 }));
    await createAs(author, conceptInput(middle, { difficulty: 2, topics: ['redis-caching', 'latency'], statement: `Explain cache stampedes ${word}-stampede at 100% load.` }));

    expect(titlesOf(await list(author, { q: word }))).toEqual([easy, hard, middle].sort());
    expect(titlesOf(await list(author, { q: word.toUpperCase() }))).toEqual([easy, hard, middle].sort());
    expect(titlesOf(await list(author, { q: `${word}-stampede` }))).toEqual([middle]);
    expect(titlesOf(await list(author, { q: word, topic: 'redis-caching' }))).toEqual([hard, middle].sort());
    expect(titlesOf(await list(author, { q: word, kind: 'design' }))).toEqual([hard]);
    expect(titlesOf(await list(author, { q: word, kind: 'concept' }))).toEqual([easy, middle].sort());
    expect(titlesOf(await list(author, { q: word, level: 'L4' }))).toEqual([easy, middle].sort());
    expect(titlesOf(await list(author, { q: word, level: 'L5' }))).toEqual([hard, middle].sort());
    expect(titlesOf(await list(author, { q: word, kind: 'concept', level: 'L5', topic: 'latency' }))).toEqual([middle]);
    // Empty fields of the GET form mean "no filter".
    expect(titlesOf(await list(author, { q: word, topic: '', kind: '', level: '' }))).toEqual([easy, hard, middle].sort());

    // The search text is literal: % and _ are not wildcards.
    expect(await list(author, { q: `${word.slice(0, 4)}%${word.slice(6)}` })).toEqual([]);
    expect(await list(author, { q: `${word.slice(0, 4)}_${word.slice(5)}` })).toEqual([]);
    expect(titlesOf(await list(author, { q: `${word}-stampede at 100% load` }))).toEqual([middle]);
    expect(await list(author, { q: `${word}\\` })).toEqual([]);

    // A search also matches topic names: "KISS" finds the prompt tagged with it.
    expect(titlesOf(await list(author, { q: 'kiss' }))).toContain(easy);
  });

  it('filters the built-in bank the same way, and never lists deleted prompts', async () => {
    const prisma = server.services.prisma;
    const designsForL4 = await list(author, { kind: 'design', level: 'L4' });
    expect(designsForL4.length).toBe(await prisma.prompt.count({ where: { kind: 'design', difficulty: { in: [1, 2] }, deletedAt: null } }));
    expect(designsForL4.every((item) => item.kind === 'design' && item.difficulty <= 2 && item.levels.includes('L4'))).toBe(true);

    const locks = await list(author, { topic: 'database-locks' });
    expect(locks.length).toBeGreaterThan(0);
    expect(locks.every((item) => item.topics.includes('database-locks'))).toBe(true);
    expect(locks.some((item) => item.origin === 'built-in')).toBe(true);

    const everything = await list(author, {});
    expect(everything.length).toBe(await prisma.prompt.count({ where: { deletedAt: null } }));
  });

  it('refuses filters it does not know through the API, shows "No prompts match" on the page', async () => {
    const bad = await author.client.request('/api/prompts?level=L9&topic=nope');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { fields: { level: expect.any(String), topic: expect.any(String) } } });
    expect((await fetch(`${server.url}/api/prompts`)).status).toBe(401);

    expect(await page(author, `/prompts?q=${tag()}`)).toContain('No prompts match');
    // The page is lenient with a hand-edited URL: unknown values are ignored.
    expect(await page(author, '/prompts?level=L9&kind=design')).toContain('Design a ticket booking service');
  });

  it('sends a visitor who is not signed in to sign-in', async () => {
    const response = await fetch(`${server.url}/prompts?kind=design`, { redirect: 'manual' });
    expect([302, 303, 307]).toContain(response.status);
    expect(response.headers.get('location')).toContain('/sign-in?callbackUrl=%2Fprompts%3Fkind%3Ddesign');
  });
});
