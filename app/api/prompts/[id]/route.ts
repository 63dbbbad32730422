import { jsonRoute, readRoute } from '@/lib/auth/route-guard';
import { fail, ok } from '@/lib/result';
import { MAX_PROMPT_BODY_BYTES, updatePrompt } from '@/lib/use-cases/author-prompt';
import { getPrompt } from '@/lib/use-cases/list-prompts';

/** One prompt with its guide and phase plan (any signed-in user: the bank is for studying). */
export const GET = readRoute('prompt', async ({ ctx, id }) => {
  const prompt = await getPrompt(ctx, { id });
  return prompt ? ok(prompt) : fail('not_found', 'Prompt not found.');
});

// POST rather than PATCH/PUT: the edit form sends the whole prompt as JSON like every other form
// (components/ui/use-json-form.ts), and the use case replaces it.
/** Replaces the caller's own prompt. Answers { id }; 403 for a built-in or someone else's. */
export const POST = jsonRoute(({ ctx, id, body }) => updatePrompt(ctx!, { id: id!, prompt: body }), {
  requireUser: true,
  maxBodyBytes: MAX_PROMPT_BODY_BYTES,
});
