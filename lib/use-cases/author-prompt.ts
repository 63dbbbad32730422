// Writing the prompt bank: a signed-in user creates prompts and edits or deletes their own.
//
// - Input is ZPromptInput (strict keys, capped sizes); the stored guide carries the resolved
//   phase plan (the kind's default unless the input gives one), as for built-in prompts.
// - Built-in prompts (authorId null) are read-only: forbidden. Other users' prompts do not exist
//   for the caller (not found), as in the bank (list-prompts.ts).
// - Writing is bounded per author: PROMPTS_PER_HOUR new prompts an hour and MAX_PROMPTS_PER_AUTHOR
//   kept at once, checked and written in one transaction holding the author's row, so a burst of
//   parallel requests cannot slip past the count (issue 9: 220 prompts in 11 s).
// - Deleting is soft (deletedAt): the prompt leaves the bank and the New interview form, while
//   interviews are never touched: each keeps the promptCopy it took at creation.
// - Ownership is part of each write's WHERE clause, so a concurrent delete or a second tab
//   cannot slip an edit past the check.
import type { z } from 'zod';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { MAX_OWN_TOPIC_LENGTH, promptRowFields, type TPromptInput } from '@/lib/domain/prompt';
import { ZPromptInput } from '@/lib/domain/prompt-schema';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import type { TUseCaseContext } from './context';

/**
 * Request cap for a prompt. ZPromptInput allows about 38,000 characters at its limits (statement,
 * 25 + 15 + 8 bullets of 600, two answers of 3,000), more than the 16 KiB of our other forms;
 * 128 KiB fits that even in a non-Latin script (up to 3 bytes a character) while still refusing
 * megabytes before they are parsed.
 */
export const MAX_PROMPT_BODY_BYTES = 128 * 1024;

/**
 * Messages a person can act on, keyed by what the form shows: "At least 5 (one per line)"
 * rather than zod's "Too small: expected array to have >=5 items". Messages the schema sets
 * itself (the minutes total, kebab-case ids, repeated topics) are kept as they are.
 */
const inputMessages: z.core.$ZodErrorMap = (issue) => {
  const field = String(issue.path?.[0] ?? '');
  const isTopics = field === 'topics' || field === 'relatedTopics';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Required' : `Expected ${issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return 'Required';
      if (issue.origin === 'array') {
        return isTopics ? `Choose at least ${issue.minimum} topic${issue.minimum === 1 ? '' : 's'}` : `Write at least ${issue.minimum} (one per line)`;
      }
      return `At least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `At most ${issue.maximum} characters`;
      if (issue.origin === 'array') return isTopics ? `Choose at most ${issue.maximum} topics` : `At most ${issue.maximum} items`;
      return `At most ${issue.maximum}`;
    case 'invalid_value':
      return `Choose one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return isTopics ? `A topic of your own needs 2 to ${MAX_OWN_TOPIC_LENGTH} characters and no comma` : undefined;
    case 'unrecognized_keys':
      return `Unknown field${issue.keys.length === 1 ? '' : 's'}: ${issue.keys.join(', ')}`;
    default:
      return undefined;
  }
};

/** Validates a user-authored prompt with the form-friendly messages. */
export function parsePromptInput(input: unknown): TResult<TPromptInput> {
  const parsed = ZPromptInput.safeParse(input, { error: inputMessages });
  return parsed.success ? ok(parsed.data) : fromZodError(parsed.error);
}


/** New prompts one author may write in any hour. */
export const PROMPTS_PER_HOUR = 10;
/** Prompts one author may keep (not deleted). */
export const MAX_PROMPTS_PER_AUTHOR = 100;
const HOUR_MS = 60 * 60 * 1000;

/** Creates a prompt owned by the caller at `ctx.now`, within the author's hourly budget and total. */
export async function createPrompt(ctx: TUseCaseContext, input: unknown): Promise<TResult<{ id: string }>> {
  const { db: prisma, userId } = ctx;
  const now = new Date(ctx.now);
  const parsed = parsePromptInput(input);
  if (!parsed.ok) return parsed;
  return prisma.$transaction(async (tx) => {
    // One author's creations queue on their user row: the counts below are exact.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
    const since = new Date(now.getTime() - HOUR_MS);
    const [recent, kept] = await Promise.all([
      tx.prompt.findMany({
        where: { authorId: userId, createdAt: { gt: since } },
        orderBy: { createdAt: 'asc' },
        take: PROMPTS_PER_HOUR,
        select: { createdAt: true },
      }),
      tx.prompt.count({ where: { authorId: userId, deletedAt: null } }),
    ]);
    if (recent.length >= PROMPTS_PER_HOUR) {
      const freeAt = recent[0]!.createdAt.getTime() + HOUR_MS;
      const minutes = Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000));
      return fail(
        'rate_limited',
        `You have written ${PROMPTS_PER_HOUR} prompts in the last hour. You can write the next one in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      );
    }
    if (kept >= MAX_PROMPTS_PER_AUTHOR) {
      return fail('conflict', `You have ${MAX_PROMPTS_PER_AUTHOR} prompts, the most one person can keep. Delete one to write another.`);
    }
    const prompt = await tx.prompt.create({
      data: { ...promptRowFields(parsed.data), slug: null, authorId: userId, createdAt: now },
      select: { id: true },
    });
    return ok(prompt);
  });
}

/** Why a write matched no row: the prompt is gone or someone else's (the same answer), or built in. */
async function refusal(prisma: PrismaClient, id: string): Promise<TResult<never>> {
  const row = await prisma.prompt.findFirst({ where: { id, deletedAt: null, authorId: null }, select: { id: true } });
  if (row) return fail('forbidden', 'Built-in prompts are read-only.');
  return fail('not_found', 'Prompt not found.');
}

/**
 * Replaces the author's prompt with `input` (the whole prompt, as the form sends it). Checked
 * in this order: exists, is the caller's, is valid; so a non-author learns nothing from
 * validation. Past interviews keep their copy.
 */
export async function updatePrompt(ctx: TUseCaseContext, { id, prompt: input }: { id: string; prompt: unknown }): Promise<TResult<{ id: string }>> {
  const { db: prisma, userId } = ctx;
  const owned = await prisma.prompt.findFirst({ where: { id, authorId: userId, deletedAt: null }, select: { id: true } });
  if (!owned) return refusal(prisma, id);
  const parsed = parsePromptInput(input);
  if (!parsed.ok) return parsed;
  const updated = await prisma.prompt.updateMany({
    where: { id, authorId: userId, deletedAt: null },
    data: promptRowFields(parsed.data),
  });
  if (updated.count === 0) return refusal(prisma, id);
  return ok({ id });
}

/**
 * Soft-deletes the author's prompt: gone from the bank and from new interviews; interviews
 * created from it keep their promptCopy (and their promptId, for the record).
 */
export async function deletePrompt(ctx: TUseCaseContext, { id }: { id: string }): Promise<TResult<{ id: string }>> {
  const deleted = await ctx.db.prompt.updateMany({
    where: { id, authorId: ctx.userId, deletedAt: null },
    data: { deletedAt: new Date(ctx.now) },
  });
  if (deleted.count === 0) return refusal(ctx.db, id);
  return ok({ id });
}
