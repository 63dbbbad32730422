// Loading the built-in prompt bank into a real database (PGlite, or PostgreSQL with
// TEST_DATABASE_URL): what a server start does, without the server.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type TDatabase } from '@/lib/db/client';
import { loadPromptBank, promptBankHash, readPromptBank } from '@/lib/use-cases/load-prompt-bank';
import { createTestDatabase, MIGRATIONS_DIR, PROMPTS_DIR, type TTestDatabase } from '../helpers/test-db';

let testDb: TTestDatabase;
let db: TDatabase;
let dir: string;

beforeAll(async () => {
  // Migrated here rather than copied from the template, which has the bank loaded already.
  testDb = await createTestDatabase({ migrated: false });
  db = await openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir, migrate: true, migrationsDir: MIGRATIONS_DIR });
  dir = await mkdtemp(path.join(os.tmpdir(), 'mockroom-prompts-'));
  await cp(PROMPTS_DIR, dir, { recursive: true });
});

afterAll(async () => {
  await db?.close();
  await testDb?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the built-in prompt bank on a real database', () => {
  it('is loaded once, then skipped while the files give the stored hash, and loaded again after an edit', async () => {
    const prisma = db.prisma;
    const entries = await readPromptBank(dir);
    const first = await loadPromptBank(prisma, { dir });
    expect(first).toEqual({ unchanged: false, upserted: entries.length, hidden: 0 });
    expect(await prisma.prompt.count({ where: { slug: { not: null }, deletedAt: null } })).toBe(entries.length);
    expect(await prisma.promptBankLoad.findMany({ select: { id: true, hash: true } })).toEqual([{ id: 1, hash: promptBankHash(entries) }]);

    const stamps = async () => (await prisma.prompt.findMany({ select: { slug: true, updatedAt: true }, orderBy: { slug: 'asc' } })).map((row) => [row.slug, row.updatedAt.getTime()]);
    const before = await stamps();
    expect(await loadPromptBank(prisma, { dir })).toEqual({ unchanged: true, upserted: 0, hidden: 0 });
    expect(await stamps()).toEqual(before);

    const slug = entries[0]!.prompt.slug;
    const file = path.join(dir, `${slug}.json`);
    const prompt = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...prompt, title: `${prompt.title} (edited)` }));
    expect(await loadPromptBank(prisma, { dir })).toEqual({ unchanged: false, upserted: entries.length, hidden: 0 });
    expect((await prisma.prompt.findUniqueOrThrow({ where: { slug } })).title).toBe(`${prompt.title} (edited)`);
    const stored = await prisma.promptBankLoad.findUniqueOrThrow({ where: { id: 1 } });
    expect(stored.hash).toBe(promptBankHash(await readPromptBank(dir)));
    expect(stored.hash).not.toBe(promptBankHash(entries));
  });
});
