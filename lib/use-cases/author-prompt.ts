// Writing the prompt bank: a signed-in user creates prompts and edits or deletes their own.
//
// - Input is ZPromptInput (strict keys, capped sizes); the stored guide carries the resolved
//   phase plan (the kind's default unless the input gives one), as for built-in prompts.
// - Built-in prompts (authorId null) and other users' prompts are read-only: forbidden.
// - Deleting is soft (deletedAt): the prompt leaves the bank and the New interview form, while
//   interviews are never touched: each keeps the promptCopy it took at creation.
// - Ownership is part of each write's WHERE clause, so a concurrent delete or a second tab
//   cannot slip an edit past the check.
import type { z } from 'zod';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { promptRowFields, ZPromptInput, type TPromptInput } from '@/lib/domain/prompt';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';

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


/** Creates a prompt owned by `userId`. */
export async function createPrompt(prisma: PrismaClient, userId: string, input: unknown): Promise<TResult<{ id: string }>> {
  const parsed = parsePromptInput(input);
  if (!parsed.ok) return parsed;
  const prompt = await prisma.prompt.create({
    data: { ...promptRowFields(parsed.data), slug: null, authorId: userId },
    select: { id: true },
  });
  return ok(prompt);
}

/** Why a write matched no row: the prompt is gone, or it is not the caller's. */
async function refusal(prisma: PrismaClient, id: string): Promise<TResult<never>> {
  const row = await prisma.prompt.findFirst({ where: { id, deletedAt: null }, select: { authorId: true } });
  if (!row) return fail('not_found', 'Prompt not found.');
  if (row.authorId === null) return fail('forbidden', 'Built-in prompts are read-only.');
  return fail('forbidden', 'Only the author can change this prompt.');
}

/**
 * Replaces the author's prompt with `input` (the whole prompt, as the form sends it). Checked
 * in this order: exists, is the caller's, is valid; so a non-author learns nothing from
 * validation. Past interviews keep their copy.
 */
export async function updatePrompt(
  prisma: PrismaClient,
  userId: string,
  id: string,
  input: unknown,
): Promise<TResult<{ id: string }>> {
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
export async function deletePrompt(
  prisma: PrismaClient,
  userId: string,
  id: string,
  now: Date = new Date(),
): Promise<TResult<{ id: string }>> {
  const deleted = await prisma.prompt.updateMany({
    where: { id, authorId: userId, deletedAt: null },
    data: { deletedAt: now },
  });
  if (deleted.count === 0) return refusal(prisma, id);
  return ok({ id });
}
