import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PHASE_PLANS, INPUT_LIMITS } from '@/lib/domain/prompt';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { acceptInviteAs, createInterviewAs, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';

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

type TListPage = { items: TListed[]; total: number; page: number; pageCount: number };

async function listPage(person: TSignedInClient, query: Record<string, string>): Promise<TListPage> {
  const response = await person.client.request(`/api/prompts?${new URLSearchParams(query)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: TListPage }).data;
}

async function list(person: TSignedInClient, query: Record<string, string>): Promise<TListed[]> {
  return (await listPage(person, query)).items;
}

const titlesOf = (items: TListed[]) => items.map((item) => item.title).sort();

async function page(person: TSignedInClient, path: string): Promise<string> {
  const response = await person.client.request(path);
  expect(response.status).toBe(200);
  return response.text();
}

describe('creating a prompt', () => {
  it('stores it for its author with the default phase plan; it is listed and offered for new interviews to its author alone', async () => {
    const title = `Write-ahead logs ${tag()}`;
    const id = await createAs(author, conceptInput(title));

    const row = await server.services.prisma.prompt.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ slug: null, authorId: author.userId, kind: 'concept', title, difficulty: 3, minutes: 18, deletedAt: null });
    expect(row.guide).toMatchObject({ phasePlan: DEFAULT_PHASE_PLANS.concept, relatedTopics: [], keyPoints: expect.arrayContaining(['Group commit']) });

    expect(await list(author, { q: title })).toEqual([
      expect.objectContaining({ id, title, isMine: true, origin: 'mine', levels: ['L5'], topics: ['lsm-tree', 'memtable'] }),
    ]);
    // Nobody else lists it, opens it or starts an interview with it: a flood of one user's
    // prompts can never bury the built-in bank for others (issue 9).
    expect(await list(other, { q: title })).toEqual([]);
    expect((await other.client.request(`/api/prompts/${id}`)).status).toBe(404);
    expect((await other.client.request(`/prompts/${id}`)).status).toBe(404);
    expect(await page(other, '/interviews/new')).not.toContain(title);
    expect((await other.client.request('/api/interviews', { method: 'POST', json: { promptId: id, level: 'L5' } })).status).toBe(400);

    const bank = await page(author, `/prompts?q=${encodeURIComponent(title)}`);
    expect(bank).toContain(title);
    expect(bank).toContain('Yours');
    expect(await page(author, '/interviews/new')).toContain(title);

    // Its author reads the whole guide.
    const detail = await author.client.request(`/api/prompts/${id}`);
    expect(await detail.json()).toMatchObject({ ok: true, data: { title, isMine: true, guide: { l5Answer: expect.stringContaining('group commit') }, guideLock: null } });
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
  it('lets the author edit; built-in prompts are read-only (403); another user’s prompt and unknown ids are not found (404)', async () => {
    const title = `Quorums ${tag()}`;
    const id = await createAs(author, conceptInput(title));
    const stored = await server.services.prisma.prompt.findUniqueOrThrow({ where: { id } });

    const edit = conceptInput(`${title} edited`, { difficulty: 1, topics: ['cap-theorem'] });
    const byOther = await other.client.request(`/api/prompts/${id}`, { method: 'POST', json: edit });
    expect(byOther.status).toBe(404);
    const deleteByOther = await other.client.request(`/api/prompts/${id}/delete`, { method: 'POST', json: {} });
    expect(deleteByOther.status).toBe(404);
    // A non-author learns nothing, not even from validation: refused before the body is looked at.
    expect((await other.client.request(`/api/prompts/${id}`, { method: 'POST', json: { nonsense: true } })).status).toBe(404);
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

    // The pages agree: Edit and Delete for the author; nothing at all for anyone else.
    expect(await page(author, `/prompts/${id}`)).toContain(`href="/prompts/${id}/edit"`);
    expect((await other.client.request(`/prompts/${id}`)).status).toBe(404);
    expect((await other.client.request(`/prompts/${id}/edit`)).status).toBe(404);
  });

  it('deleting hides the prompt from the bank and from new interviews; an interview made from it keeps its copy', async () => {
    const title = `Leases ${tag()}`;
    const id = await createAs(author, conceptInput(title));
    const created = await author.client.request('/api/interviews', { method: 'POST', json: { promptId: id, level: 'L5' } });
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
    const again = await author.client.request('/api/interviews', { method: 'POST', json: { promptId: id, level: 'L4' } });
    expect(again.status).toBe(400);

    // The row is kept (soft delete), the interview is untouched and still opens with its copy.
    expect(await server.services.prisma.prompt.findUniqueOrThrow({ where: { id } })).toMatchObject({ deletedAt: expect.any(Date) });
    const after = await server.services.prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
    expect(after.promptCopy).toEqual(before.promptCopy);
    expect(after.promptId).toBe(id);
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await page(author, `/interviews/${interviewId}`)).toContain(title);

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
    await createAs(author, designInput(hard, { difficulty: 3 }));
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

    // Paged, with every built-in prompt and the reader's own, nobody else's.
    const everything = await listPage(author, {});
    const readable = { deletedAt: null, OR: [{ authorId: null }, { authorId: author.userId }] };
    expect(everything.total).toBe(await prisma.prompt.count({ where: readable }));
    const pages = [everything.items];
    for (let n = 2; n <= everything.pageCount; n += 1) pages.push(await list(author, { page: String(n) }));
    const all = pages.flat();
    expect(all).toHaveLength(everything.total);
    expect(new Set(all.map((item) => item.id)).size).toBe(everything.total);
    expect(all.every((item) => item.origin === 'built-in' || item.isMine)).toBe(true);
    // Design exercises first, then drills, each by title regardless of case.
    const designs = all.filter((item) => item.kind === 'design').map((item) => item.title);
    expect(designs).toEqual([...designs].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    expect(all.findIndex((item) => item.kind === 'concept')).toBe(designs.length);
    const drills = all.filter((item) => item.kind === 'concept').map((item) => item.title);
    expect(drills.indexOf('Scaling down')).toBeLessThan(drills.indexOf('SOLID'));
    expect(titlesOf(await list(author, { source: 'built-in', q: 'zq' }))).toEqual([]);
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

describe('limits on writing', () => {
  it('takes 10 new prompts an hour from one author, also from a burst in parallel, and says when the next one can come', async () => {
    const writer = await signedInClient(server, 'writer');
    const word = tag();
    const responses = await Promise.all(
      Array.from({ length: 14 }, (_, i) => writer.client.request('/api/prompts', { method: 'POST', json: conceptInput(`Burst ${word} ${i}`) })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(10);
    expect(statuses.filter((status) => status === 429)).toHaveLength(4);
    const refused = responses.find((response) => response.status === 429)!;
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited', message: expect.stringMatching(/10 prompts in the last hour.*in \d+ minutes?\./) } });
    expect(await server.services.prisma.prompt.count({ where: { authorId: writer.userId } })).toBe(10);
    // Other authors are not held back by this one.
    await createAs(other, conceptInput(`Unaffected ${word}`));
  });

  it('keeps at most 100 prompts per author', async () => {
    const writer = await signedInClient(server, 'collector');
    const stored = await server.services.prisma.prompt.findFirstOrThrow({ where: { authorId: null }, select: { kind: true, statement: true, guide: true, topics: true, minutes: true } });
    const longAgo = new Date(Date.now() - 24 * 60 * 60 * 1000);
    await server.services.prisma.prompt.createMany({
      data: Array.from({ length: 100 }, (_, i) => ({ ...stored, guide: stored.guide as object, title: `Old ${i}`, authorId: writer.userId, createdAt: longAgo })),
    });
    const refused = await writer.client.request('/api/prompts', { method: 'POST', json: conceptInput(`One more ${tag()}`) });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { message: expect.stringContaining('Delete one to write another') } });
    expect(await server.services.prisma.prompt.count({ where: { authorId: writer.userId } })).toBe(100);
    expect((await listPage(writer, { source: 'mine' })).total).toBe(100);
  });
});

describe('topics of the author’s own', () => {
  it('stores them as written beside the fixed topics, folds one that names a fixed topic into it, and finds them by search', async () => {
    const own = `Kafka${tag()}`;
    const title = `Event logs ${tag()}`;
    const id = await createAs(author, conceptInput(title, { topics: ['lsm-tree', own, 'Consistent hashing', 'solid'] }));
    const row = await server.services.prisma.prompt.findUniqueOrThrow({ where: { id } });
    expect(row.topics).toEqual(['lsm-tree', own, 'Consistent hashing', 'solid']);
    expect(titlesOf(await list(author, { q: own.toLowerCase() }))).toEqual([title]);
    expect(await page(author, `/prompts/${id}`)).toContain('Consistent hashing');

    for (const topics of [['lsm-tree', 'a,b'], ['lsm-tree', 'x'], ['lsm-tree', 'LSM-TREE']]) {
      const refused = await author.client.request('/api/prompts', { method: 'POST', json: conceptInput(`Bad ${tag()}`, { topics }) });
      expect(refused.status, JSON.stringify(topics)).toBe(400);
      const { error } = (await refused.json()) as { error: { fields: Record<string, string> } };
      expect(Object.keys(error.fields).some((key) => key === 'topics' || key.startsWith('topics.')), JSON.stringify(error)).toBe(true);
    }
  });
});

describe('the guide of a prompt the reader is interviewed on', () => {
  it('is hidden from the candidate of a scheduled or live interview on it (page, API, list), for them only, until it ends', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const candidate = await signedInClient(server, 'cand');
    const prompt = await server.services.prisma.prompt.findFirstOrThrow({ where: { slug: 'design-ticket-booking' } });
    const keyPoint = (prompt.guide as { keyPoints: string[] }).keyPoints[0]!;
    const l5Answer = (prompt.guide as { l5Answer: string }).l5Answer;
    const { interviewId, inviteToken } = await createInterviewAs(server, interviewer, { promptId: prompt.id });
    expect((await acceptInviteAs(candidate, inviteToken)).status).toBe(200);

    // Scheduled: hidden, with why.
    const hidden = await candidate.client.request(`/api/prompts/${prompt.id}`);
    const hiddenText = await hidden.text();
    expect(hiddenText).not.toContain(keyPoint);
    expect(hiddenText).not.toContain(l5Answer.slice(0, 60));
    expect(JSON.parse(hiddenText)).toMatchObject({ ok: true, data: { title: prompt.title, guide: null, isGuideHidden: true, guideLock: { interviewId, status: 'scheduled' } } });
    const pageText = await page(candidate, `/prompts/${prompt.id}`);
    expect(pageText).not.toContain(keyPoint);
    expect(pageText).toContain('is hidden from you until that interview ends');
    // Search still finds the prompt (by title or statement, never by guide text), marked as hidden.
    expect(await list(candidate, { q: 'ticket booking' })).toEqual([expect.objectContaining({ id: prompt.id, isGuideHidden: true })]);
    expect(await page(candidate, '/prompts?q=ticket+booking')).toContain('Guide hidden until your interview ends');

    // Live: still hidden, with the planned end.
    const startedAt = new Date();
    await server.services.prisma.interview.update({ where: { id: interviewId }, data: { status: 'live', startedAt } });
    expect(await (await candidate.client.request(`/api/prompts/${prompt.id}`)).json()).toMatchObject({
      data: { guide: null, guideLock: { status: 'live', plannedEndAt: startedAt.getTime() + 45 * 60_000 } },
    });
    // The interviewer, and anyone else, read it as usual.
    for (const reader of [interviewer, other]) {
      expect(await (await reader.client.request(`/api/prompts/${prompt.id}`)).json()).toMatchObject({ data: { guide: { keyPoints: expect.arrayContaining([keyPoint]) }, guideLock: null } });
    }

    // Ended: readable again.
    await server.services.prisma.interview.update({ where: { id: interviewId }, data: { status: 'ended', endedAt: new Date() } });
    expect(await (await candidate.client.request(`/api/prompts/${prompt.id}`)).json()).toMatchObject({ data: { guide: { keyPoints: expect.arrayContaining([keyPoint]) }, isGuideHidden: false } });
    expect(await page(candidate, `/prompts/${prompt.id}`)).toContain(keyPoint);
  });
});
