import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  DEFAULT_PHASE_PLANS,
  INPUT_LIMITS,
  phasePlanFor,
  phasePlanMinutes,
  TOPICS,
  type TPromptFile,
} from '@/lib/domain/prompt';
import { ZPromptFile, ZPromptInput, ZStoredGuide } from '@/lib/domain/prompt-schema';
import {
  loadPromptBank,
  PromptBankError,
  readPromptBank,
  type TPromptBankDb,
} from '@/lib/use-cases/load-prompt-bank';

const PROMPTS_DIR = fileURLToPath(new URL('../../prisma/prompts', import.meta.url));

// Every topic of the reference material (shared/reference/system-design-topics.md) must have at
// least one concept drill. Kept here explicitly, not derived from TOPICS, so that dropping a topic
// from the code fails this test.
const REQUIRED_TOPIC_IDS = [
  'database-locks',
  'redis-caching',
  'api-performance',
  'ci-cd',
  'memory-storage',
  'sql-execution-order',
  'api-design',
  'sse',
  'throughput',
  'response-time',
  'latency',
  'tail-latency',
  'slo',
  'sla',
  'tail-latency-amplification',
  'scaling-up',
  'scaling-down',
  'shared-nothing',
  'sstable',
  'memtable',
  'lsm-tree',
  'clustered-index',
  'geospatial-indexes',
  'postgres-r-trees',
  'oltp-vs-olap',
  'base',
  'solid',
  'kiss',
  'availability-partition-tolerance',
  'cap-theorem',
  'estimation',
] as const;

/** All the text of a prompt that a candidate or interviewer reads. */
function allText(prompt: TPromptFile): string {
  const g = prompt.guide;
  return [prompt.title, prompt.statement, ...g.keyPoints, ...g.followUps, ...g.hints, g.l4Answer, g.l5Answer].join('\n');
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?;:])\s+|\n/).filter((s) => s.trim().length > 0);
}

let prompts: TPromptFile[] = [];
const bySlug = (slug: string) => {
  const found = prompts.find((p) => p.slug === slug);
  if (!found) throw new Error(`no prompt with slug ${slug}`);
  return found;
};

beforeAll(async () => {
  prompts = (await readPromptBank(PROMPTS_DIR)).map((entry) => entry.prompt);
});

describe('prompt bank data files', () => {
  it('every file parses with ZPromptFile and is named after its slug', async () => {
    const names = (await readdir(PROMPTS_DIR)).filter((n) => n.endsWith('.json'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const parsed = ZPromptFile.safeParse(JSON.parse(await readFile(path.join(PROMPTS_DIR, name), 'utf8')));
      expect(parsed.success, `${name}: ${parsed.success ? '' : parsed.error.message}`).toBe(true);
      if (parsed.success) expect(name).toBe(`${parsed.data.slug}.json`);
    }
    expect(prompts).toHaveLength(names.length);
  });

  it('slugs are unique', () => {
    const slugs = prompts.map((p) => p.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it('TOPICS covers every required reference topic', () => {
    const ids = TOPICS.map((t) => t.id);
    expect([...ids].sort()).toEqual([...REQUIRED_TOPIC_IDS].sort());
  });

  it.each(REQUIRED_TOPIC_IDS)('topic "%s" has at least one concept drill', (topic) => {
    const drills = prompts.filter((p) => p.kind === 'concept' && (p.topics as readonly string[]).includes(topic));
    expect(drills.length).toBeGreaterThanOrEqual(1);
  });

  it('has at least 8 design exercises, each drawing on known topics that have drills', () => {
    const designs = prompts.filter((p) => p.kind === 'design');
    expect(designs.length).toBeGreaterThanOrEqual(8);
    const known = new Set<string>(TOPICS.map((t) => t.id));
    const drilled = new Set(prompts.filter((p) => p.kind === 'concept').flatMap((p) => p.topics));
    for (const design of designs) {
      expect(design.title, design.slug).toMatch(/^Design an? /);
      expect(design.relatedTopics?.length ?? 0, design.slug).toBeGreaterThanOrEqual(2);
      for (const topic of design.relatedTopics ?? []) {
        expect(known.has(topic), `${design.slug}: ${topic}`).toBe(true);
        expect(drilled.has(topic), `${design.slug}: ${topic} has no drill`).toBe(true);
      }
      for (const topic of design.topics) expect(design.relatedTopics, design.slug).toContain(topic);
    }
  });

  it('every prompt has a full guide and runs on its default plan', () => {
    for (const p of prompts) {
      expect(p.guide.keyPoints.length, p.slug).toBeGreaterThanOrEqual(5);
      expect(p.guide.followUps.length, p.slug).toBeGreaterThanOrEqual(3);
      expect(p.guide.hints.length, p.slug).toBeGreaterThanOrEqual(3);
      expect(p.minutes, p.slug).toBe(phasePlanMinutes(phasePlanFor(p)));
    }
  });

  it('statements do not give the guide away', () => {
    for (const p of prompts) {
      const statement = p.statement.toLowerCase();
      for (const point of [...p.guide.keyPoints, ...p.guide.hints]) {
        expect(statement.includes(point.toLowerCase()), `${p.slug}: "${point}"`).toBe(false);
      }
    }
  });

  it('level guidance: at L4 clarifying questions are fine, at L5 the candidate leads', () => {
    for (const p of prompts) {
      expect(p.guide.l4Answer, p.slug).toMatch(/clarif/i);
      expect(p.guide.l5Answer, p.slug).toMatch(/\blead|unprompted|without prompting|\bdrive/i);
    }
  });

  it('design exercises expect numbers, a full high-level design first, then trade-offs', () => {
    for (const p of prompts.filter((x) => x.kind === 'design')) {
      expect(p.guide.keyPoints.some((k) => /^Estimation:/.test(k)), p.slug).toBe(true);
      expect(p.guide.keyPoints.some((k) => /^High-level design:/.test(k)), p.slug).toBe(true);
      expect(p.guide.l4Answer, p.slug).toMatch(/estimat/i);
      expect(p.guide.l5Answer, p.slug).toMatch(/confirm/i);
      expect(p.guide.l5Answer, p.slug).toMatch(/first/i);
      expect(p.guide.l5Answer, p.slug).toMatch(/pros and cons/i);
    }
  });
});

describe('content corrections over the reference', () => {
  it('the CAP drill covers CP and AP, and says CA is not a real choice for a distributed system', () => {
    const cap = bySlug('cap-theorem');
    const text = allText(cap);
    expect(text).toMatch(/\bAP\b/);
    expect(text).toMatch(/\bCP\b/);
    expect(cap.guide.keyPoints.some((k) => /\bAP\b/.test(k))).toBe(true);
    const ca = cap.guide.keyPoints.find((k) => /\bCA\b/.test(k));
    expect(ca).toMatch(/not a real option/i);
    expect(ca).toMatch(/single-node/i);
  });

  it('the locks drill never calls short-term locks pessimistic and keeps the two axes apart', () => {
    const locks = prompts.filter((p) => p.topics.includes('database-locks') && p.kind === 'concept');
    expect(locks.length).toBeGreaterThanOrEqual(1);
    for (const p of locks) {
      const text = allText(p);
      expect(text).not.toMatch(/short[- ](term|duration) locks?\s*\(pessimistic\)/i);
      for (const sentence of sentences(text)) {
        if (/short[- ](term|duration)/i.test(sentence) && /pessimistic/i.test(sentence)) {
          expect(sentence, p.slug).toMatch(/\bnot\b|independent|orthogonal/i);
        }
      }
      expect(text).toMatch(/independent/i);
    }
    // No other prompt repeats the reference's mistake either.
    for (const p of prompts) expect(allText(p), p.slug).not.toMatch(/short[- ]term locks?\s*\(pessimistic\)/i);
  });

  it('the SQL drill does not claim SELECT is evaluated last', () => {
    const text = allText(bySlug('sql-query-execution-order'));
    expect(text).toMatch(/SELECT is not the last step/);
    expect(text).toMatch(/ORDER BY.*LIMIT/);
  });
});

describe('phase plans', () => {
  it('the design plan is exactly Requirements 5, Estimation 5, High-level 15, Deep dive 15, Wrap-up 5', () => {
    expect(DEFAULT_PHASE_PLANS.design.map((p) => [p.name, p.minutes])).toEqual([
      ['Requirements', 5],
      ['Estimation', 5],
      ['High-level design', 15],
      ['Deep dive', 15],
      ['Wrap-up', 5],
    ]);
    expect(phasePlanMinutes(DEFAULT_PHASE_PLANS.design)).toBe(45);
  });

  it('the concept plan is a short drill', () => {
    const total = phasePlanMinutes(DEFAULT_PHASE_PLANS.concept);
    expect(total).toBeGreaterThanOrEqual(15);
    expect(total).toBeLessThanOrEqual(20);
  });

  it('phasePlanFor uses the override and returns a copy', () => {
    const override = [{ id: 'solo', name: 'Solo', minutes: 30 }];
    expect(phasePlanFor({ kind: 'design', phasePlan: override })).toEqual(override);
    const plan = phasePlanFor({ kind: 'concept' });
    plan[0]!.minutes = 99;
    expect(DEFAULT_PHASE_PLANS.concept[0]!.minutes).not.toBe(99);
  });
});

describe('prompt schemas', () => {
  const valid = () => {
    const { slug: _slug, ...rest } = structuredClone(bySlug('kiss'));
    return rest;
  };

  it('accepts a well-formed user prompt', () => {
    expect(ZPromptInput.safeParse(valid()).success).toBe(true);
  });

  it('rejects unknown keys, oversized strings and arrays, and topics of one’s own that are not one short line', () => {
    expect(ZPromptInput.safeParse({ ...valid(), slug: 'x' }).success).toBe(false);
    expect(ZPromptInput.safeParse({ ...valid(), title: 'x'.repeat(INPUT_LIMITS.title + 1) }).success).toBe(false);
    const long = valid();
    long.guide.keyPoints = Array.from({ length: INPUT_LIMITS.keyPoints + 1 }, (_, i) => `point ${i}`);
    expect(ZPromptInput.safeParse(long).success).toBe(false);
    // A topic of the author's own is kept as written; one that names a fixed topic becomes its id.
    expect(ZPromptInput.parse({ ...valid(), topics: ['Kafka', 'Redis and caching'] }).topics).toEqual(['Kafka', 'redis-caching']);
    for (const topic of ['x', 'a, b', 'two\nlines', 'y'.repeat(41), 'nul\u0000']) {
      expect(ZPromptInput.safeParse({ ...valid(), topics: [topic] }).success, JSON.stringify(topic)).toBe(false);
    }
    // The same topic twice, in any case or spelling, is refused.
    expect(ZPromptInput.safeParse({ ...valid(), topics: ['kafka', 'Kafka'] }).success).toBe(false);
    expect(ZPromptInput.safeParse({ ...valid(), topics: ['redis-caching', 'redis and caching'] }).success).toBe(false);
  });

  it('requires a full guide and minutes matching the phase plan', () => {
    const short = valid();
    short.guide.hints = ['only one'];
    expect(ZPromptInput.safeParse(short).success).toBe(false);
    expect(ZPromptInput.safeParse({ ...valid(), minutes: 17 }).success).toBe(false);
    const custom = { ...valid(), minutes: 10, phasePlan: [{ id: 'quick', name: 'Quick', minutes: 10 }] };
    expect(ZPromptInput.safeParse(custom).success).toBe(true);
  });

  it('requires relatedTopics on design prompts only', () => {
    const design = { ...valid(), kind: 'design', minutes: 45 };
    expect(ZPromptInput.safeParse(design).success).toBe(false);
    expect(ZPromptInput.safeParse({ ...design, relatedTopics: ['kiss'] }).success).toBe(true);
    expect(ZPromptInput.safeParse({ ...valid(), relatedTopics: ['kiss'] }).success).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Loader, against an in-memory stand-in for the Prompt table
// ---------------------------------------------------------------------------------------------

type TRowData = {
  slug: string | null;
  title: string;
  authorId: string | null;
  deletedAt: Date | null;
  guide: unknown;
  [key: string]: unknown;
};
type TRow = TRowData & { id: string };

type TSlugFilter = { in?: string[]; notIn?: string[]; not?: null };

function matchesSlug(row: TRow, filter: TSlugFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.not === null && row.slug === null) return false;
  if (filter.in && (row.slug === null || !filter.in.includes(row.slug))) return false;
  if (filter.notIn && row.slug !== null && filter.notIn.includes(row.slug)) return false;
  return true;
}

/** The stored PromptBankLoad row of a fake database; `hash: null` when there is none. */
type TLoadState = { hash: string | null };

/** Implements exactly the calls loadPromptBank makes. */
function fakeDb(rows: TRow[], load: TLoadState = { hash: null }): TPromptBankDb {
  let nextId = rows.length;
  const promptBankLoad = {
    async findUnique() {
      return load.hash === null ? null : { hash: load.hash };
    },
    async upsert(args: { create: { hash: string }; update: { hash: string } }) {
      load.hash = args.update.hash;
    },
  };
  const prompt = {
    async findMany(args: { where: { slug?: TSlugFilter; authorId?: { not: null } } }) {
      return rows
        .filter((r) => matchesSlug(r, args.where.slug))
        .filter((r) => (args.where.authorId ? r.authorId !== null : true))
        .map((r) => ({ slug: r.slug }));
    },
    async upsert(args: { where: { slug: string }; create: TRowData; update: Partial<TRow> }) {
      const row = rows.find((r) => r.slug === args.where.slug);
      if (row) Object.assign(row, args.update);
      else rows.push({ id: `row-${nextId++}`, ...args.create });
    },
    async updateMany(args: { where: { slug?: TSlugFilter; authorId?: null; deletedAt?: null }; data: Partial<TRow> }) {
      const hit = rows
        .filter((r) => matchesSlug(r, args.where.slug))
        .filter((r) => (args.where.authorId === null ? r.authorId === null : true))
        .filter((r) => (args.where.deletedAt === null ? r.deletedAt === null : true));
      for (const row of hit) Object.assign(row, args.data);
      return { count: hit.length };
    },
  };
  const tx = { prompt, promptBankLoad };
  return { promptBankLoad, $transaction: (fn: (client: typeof tx) => Promise<unknown>) => fn(tx) } as unknown as TPromptBankDb;
}

describe('loadPromptBank', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  async function copyOf(...slugs: string[]): Promise<string> {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mockroom-prompts-'));
    for (const slug of slugs) {
      await writeFile(path.join(dir, `${slug}.json`), await readFile(path.join(PROMPTS_DIR, `${slug}.json`), 'utf8'));
    }
    return dir;
  }

  it('upserts by slug idempotently, updates edits, hides removed built-ins and never touches user prompts', async () => {
    const target = await copyOf('kiss', 'solid', 'design-rate-limiter');
    const userPrompt: TRow = { id: 'u1', slug: null, title: 'Mine', authorId: 'user-1', deletedAt: null, guide: {} };
    const rows: TRow[] = [userPrompt];
    const load: TLoadState = { hash: null };
    const db = fakeDb(rows, load);

    expect(await loadPromptBank(db, { dir: target })).toEqual({ unchanged: false, upserted: 3, hidden: 0 });
    // Loading again without the stored hash rewrites the same rows.
    load.hash = null;
    expect(await loadPromptBank(db, { dir: target })).toEqual({ unchanged: false, upserted: 3, hidden: 0 });
    expect(rows).toHaveLength(4);
    const stored = rows.find((r) => r.slug === 'design-rate-limiter');
    const guide = ZStoredGuide.parse(stored?.guide);
    expect(guide.phasePlan.map((p) => p.minutes)).toEqual([5, 5, 15, 15, 5]);
    expect(guide.relatedTopics).toContain('redis-caching');

    const kissFile = path.join(target, 'kiss.json');
    const kiss = JSON.parse(await readFile(kissFile, 'utf8'));
    await writeFile(kissFile, JSON.stringify({ ...kiss, title: 'KISS, edited' }));
    await unlink(path.join(target, 'solid.json'));
    const now = new Date('2026-01-01T00:00:00Z');
    expect(await loadPromptBank(db, { dir: target, now })).toEqual({ unchanged: false, upserted: 2, hidden: 1 });
    expect(rows.find((r) => r.slug === 'kiss')?.title).toBe('KISS, edited');
    expect(rows.find((r) => r.slug === 'solid')?.deletedAt).toEqual(now);
    expect(userPrompt.deletedAt).toBeNull();

    // Hidden rows stay hidden (not counted again) until their file comes back.
    load.hash = null;
    expect(await loadPromptBank(db, { dir: target })).toEqual({ unchanged: false, upserted: 2, hidden: 0 });
    await writeFile(path.join(target, 'solid.json'), await readFile(path.join(PROMPTS_DIR, 'solid.json'), 'utf8'));
    await loadPromptBank(db, { dir: target });
    expect(rows.find((r) => r.slug === 'solid')?.deletedAt).toBeNull();
    expect(userPrompt.title).toBe('Mine');
  });

  it('writes nothing while the rows built from the files are unchanged, and loads again after an edit', async () => {
    const target = await copyOf('kiss', 'solid');
    const rows: TRow[] = [];
    const load: TLoadState = { hash: null };
    const db = fakeDb(rows, load);
    expect(await loadPromptBank(db, { dir: target })).toEqual({ unchanged: false, upserted: 2, hidden: 0 });
    const stored = load.hash;
    expect(stored).toMatch(/^[0-9a-f]{64}$/);

    // Rows edited behind the loader's back stay as they are while the files are unchanged.
    rows[0]!.title = 'changed in the database';
    expect(await loadPromptBank(db, { dir: target })).toEqual({ unchanged: true, upserted: 0, hidden: 0 });
    expect(rows[0]!.title).toBe('changed in the database');

    // The hash is of the rows, not the bytes: the same JSON laid out differently changes nothing.
    const kissFile = path.join(target, 'kiss.json');
    const kiss = JSON.parse(await readFile(kissFile, 'utf8'));
    await writeFile(kissFile, JSON.stringify(kiss, null, 4));
    expect(await loadPromptBank(db, { dir: target })).toEqual({ unchanged: true, upserted: 0, hidden: 0 });

    await writeFile(kissFile, JSON.stringify({ ...kiss, statement: `${kiss.statement} Edited.` }));
    expect(await loadPromptBank(db, { dir: target })).toEqual({ unchanged: false, upserted: 2, hidden: 0 });
    expect(load.hash).not.toBe(stored);
    expect(rows.find((r) => r.slug === 'kiss')?.title).toBe(kiss.title);
  });

  it('rejects a bad file before writing anything, naming the file and the issue', async () => {
    const target = await copyOf('kiss');
    const kiss = JSON.parse(await readFile(path.join(target, 'kiss.json'), 'utf8'));
    await writeFile(path.join(target, 'broken.json'), JSON.stringify({ ...kiss, slug: 'broken', guide: { ...kiss.guide, hints: [] } }));
    const rows: TRow[] = [];
    const error = await loadPromptBank(fakeDb(rows), { dir: target }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PromptBankError);
    expect((error as Error).message).toContain('broken.json');
    expect((error as Error).message).toContain('guide.hints');
    expect(rows).toHaveLength(0);
  });

  it('rejects invalid JSON, a file not named after its slug, and an empty directory', async () => {
    const target = await copyOf('kiss');
    await writeFile(path.join(target, 'oops.json'), '{ not json');
    await writeFile(path.join(target, 'wrong-name.json'), await readFile(path.join(target, 'kiss.json'), 'utf8'));
    const error = (await readPromptBank(target).catch((e: unknown) => e)) as PromptBankError;
    expect(error).toBeInstanceOf(PromptBankError);
    expect(error.problems.map((p) => path.basename(p.file)).sort()).toEqual(['oops.json', 'wrong-name.json']);

    await rm(target, { recursive: true, force: true });
    dir = await mkdtemp(path.join(os.tmpdir(), 'mockroom-prompts-'));
    await expect(loadPromptBank(fakeDb([]), { dir })).rejects.toThrow(/no \*\.json prompt files/);
  });

  it('refuses to overwrite a user-owned row that has a built-in slug', async () => {
    const target = await copyOf('kiss');
    const rows: TRow[] = [{ id: 'u1', slug: 'kiss', title: 'Mine', authorId: 'user-1', deletedAt: null, guide: {} }];
    await expect(loadPromptBank(fakeDb(rows), { dir: target })).rejects.toThrow(/user-authored/);
    expect(rows[0]?.title).toBe('Mine');
  });
});
