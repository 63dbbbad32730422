import { auth } from '@/lib/auth';
import { jsonRoute } from '@/lib/auth/route-guard';
import { ZPromptFilter } from '@/lib/domain/prompt-bank';
import { json } from '@/lib/http';
import { fail, fromZodError, ok } from '@/lib/result';
import { getServices } from '@/lib/services';
import { createPrompt, MAX_PROMPT_BODY_BYTES } from '@/lib/use-cases/author-prompt';
import { listPrompts } from '@/lib/use-cases/list-prompts';
import { useCaseContext } from '@/lib/use-cases/context';

/**
 * The bank as the reader may read it (built-in prompts and their own), filtered and paged like
 * the prompts page: `?q=&topic=&kind=concept|design&level=L4|L5&source=built-in|mine&page=`.
 */
export async function GET(request: Request): Promise<Response> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return json(fail('unauthorized', 'Sign in first.'));
  const params = new URL(request.url).searchParams;
  const filter = ZPromptFilter.safeParse(Object.fromEntries(['q', 'topic', 'kind', 'level', 'source', 'page'].map((key) => [key, params.get(key) ?? undefined])));
  if (!filter.success) return json(fromZodError(filter.error));
  try {
    return json(ok(await listPrompts(useCaseContext(getServices().prisma, userId), filter.data)));
  } catch (error) {
    console.error('[api] GET prompts', error);
    return json(fail('internal', 'Something went wrong on our side. Try again.'));
  }
}

/** Creates a prompt owned by the caller. Answers 201 { id }. */
export const POST = jsonRoute(({ ctx, body }) => createPrompt(ctx!, body), {
  requireUser: true,
  status: 201,
  maxBodyBytes: MAX_PROMPT_BODY_BYTES,
});
