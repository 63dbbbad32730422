// Loads the built-in prompt bank (prisma/prompts/<slug>.json) into the Prompt table.
//
// - Every file is read and validated with ZPromptFile before anything is written: one bad file
//   aborts the whole load with an error naming the file and the zod issue.
// - Rows are upserted by slug, so re-running after editing a file updates the row (idempotent).
// - Built-in rows whose slug no longer has a file are soft-deleted (deletedAt set); a file that
//   comes back restores its row. User-authored prompts (slug null, authorId set) are never touched.
// - All writes happen in one transaction: the bank is never left half loaded.
// - The transaction also stores a hash of what it wrote (PromptBankLoad); a load that finds the
//   same hash stored writes nothing. The hash covers the rows built from the files, not the files'
//   bytes, so a change to how rows are built (promptRowData) also loads the bank again.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { z } from 'zod';

import { promptRowFields, type TPromptFile } from '@/lib/domain/prompt';
import { ZPromptFile } from '@/lib/domain/prompt-schema';
import type { PrismaClient } from '@/lib/generated/prisma/client';

export const DEFAULT_PROMPTS_DIR = path.join('prisma', 'prompts');

export type TPromptBankProblem = { file: string; message: string };

export class PromptBankError extends Error {
  readonly problems: readonly TPromptBankProblem[];

  constructor(problems: readonly TPromptBankProblem[]) {
    const lines = problems.map((p) => `- ${p.file}: ${p.message.replace(/\n/g, '\n    ')}`);
    super(`invalid prompt bank (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'PromptBankError';
    this.problems = problems;
  }
}

export type TPromptBankEntry = { file: string; prompt: TPromptFile };

/**
 * Reads and validates every `*.json` file of `dir` (sorted by name). Checks, per file: valid JSON,
 * valid ZPromptFile, file named `<slug>.json`; and across files: unique slugs, at least one file.
 * Collects every problem and throws one PromptBankError listing them all.
 */
export async function readPromptBank(dir: string): Promise<TPromptBankEntry[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    throw new PromptBankError([{ file: dir, message: `cannot read the directory: ${(error as Error).message}` }]);
  }
  // An empty or wrong directory would otherwise hide every built-in prompt.
  if (names.length === 0) throw new PromptBankError([{ file: dir, message: 'no *.json prompt files found' }]);

  const problems: TPromptBankProblem[] = [];
  const entries: TPromptBankEntry[] = [];
  const fileBySlug = new Map<string, string>();

  for (const name of names) {
    const file = path.join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      problems.push({ file, message: `not valid JSON: ${(error as Error).message}` });
      continue;
    }
    const parsed = ZPromptFile.safeParse(raw);
    if (!parsed.success) {
      problems.push({ file, message: z.prettifyError(parsed.error) });
      continue;
    }
    const prompt = parsed.data;
    if (name !== `${prompt.slug}.json`) {
      problems.push({ file, message: `file name must be "${prompt.slug}.json" to match its slug` });
      continue;
    }
    const other = fileBySlug.get(prompt.slug);
    if (other) {
      problems.push({ file, message: `slug "${prompt.slug}" is already used by ${other}` });
      continue;
    }
    fileBySlug.set(prompt.slug, file);
    entries.push({ file, prompt });
  }

  if (problems.length > 0) throw new PromptBankError(problems);
  return entries;
}

/** The Prompt row fields written for a built-in prompt (everything but slug and timestamps). */
export function promptRowData(prompt: TPromptFile) {
  return { ...promptRowFields(prompt), authorId: null, deletedAt: null };
}

/** The hash stored after a load: of every built-in row this bank writes, in slug order. */
export function promptBankHash(entries: readonly TPromptBankEntry[]): string {
  const rows = entries.map((entry) => [entry.prompt.slug, promptRowData(entry.prompt)]);
  return createHash('sha256').update(JSON.stringify(rows)).digest('hex');
}

// The PromptBankLoad table has one row, with this id.
const LOAD_ID = 1;

export type TPromptBankDb = Pick<PrismaClient, '$transaction' | 'promptBankLoad'>;

export type TLoadPromptBankOptions = {
  /** Directory of the data files. Default: `prisma/prompts` under process.cwd() (the repo root). */
  dir?: string;
  /** Time stamped on soft-deleted rows. Default: now. */
  now?: Date;
};

export type TLoadPromptBankResult = {
  /** True when the stored hash matched and nothing was written. */
  unchanged: boolean;
  /** Built-in prompts created or updated (one per data file; 0 when unchanged). */
  upserted: number;
  /** Built-in prompts soft-deleted by this run because their file is gone. */
  hidden: number;
};

export async function loadPromptBank(
  prisma: TPromptBankDb,
  options: TLoadPromptBankOptions = {},
): Promise<TLoadPromptBankResult> {
  const dir = path.resolve(process.cwd(), options.dir ?? DEFAULT_PROMPTS_DIR);
  const now = options.now ?? new Date();
  const entries = await readPromptBank(dir);
  const slugs = entries.map((entry) => entry.prompt.slug);
  const hash = promptBankHash(entries);
  const stored = await prisma.promptBankLoad.findUnique({ where: { id: LOAD_ID }, select: { hash: true } });
  if (stored?.hash === hash) return { unchanged: true, upserted: 0, hidden: 0 };

  return prisma.$transaction(
    async (tx) => {
      // Slugs belong to built-ins; never overwrite a row some user owns.
      const owned = await tx.prompt.findMany({
        where: { slug: { in: slugs }, authorId: { not: null } },
        select: { slug: true },
      });
      if (owned.length > 0) {
        throw new PromptBankError(
          owned.map((row) => ({
            file: entries.find((entry) => entry.prompt.slug === row.slug)?.file ?? String(row.slug),
            message: `slug "${String(row.slug)}" belongs to a user-authored prompt; rename the file's slug`,
          })),
        );
      }

      for (const { prompt } of entries) {
        const data = promptRowData(prompt);
        await tx.prompt.upsert({
          where: { slug: prompt.slug },
          create: { slug: prompt.slug, ...data },
          // deletedAt: null restores a built-in whose file was removed and then added back.
          update: data,
        });
      }

      const hidden = await tx.prompt.updateMany({
        where: { slug: { not: null, notIn: slugs }, authorId: null, deletedAt: null },
        data: { deletedAt: now },
      });
      await tx.promptBankLoad.upsert({
        where: { id: LOAD_ID },
        create: { id: LOAD_ID, hash, loadedAt: now },
        update: { hash, loadedAt: now },
      });
      return { unchanged: false, upserted: entries.length, hidden: hidden.count };
    },
    // Dozens of upserts on embedded PGlite can outlast Prisma's 5 s default.
    { maxWait: 10_000, timeout: 60_000 },
  );
}

/** One line for the start-up log. */
export function describePromptBankLoad(result: TLoadPromptBankResult): string {
  if (result.unchanged) return 'prompt bank: unchanged since the last load';
  return `prompt bank: ${result.upserted} built-in prompts loaded${result.hidden ? `, ${result.hidden} hidden` : ''}`;
}
