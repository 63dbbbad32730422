import { auth } from '@/lib/auth';
import { jsonRoute } from '@/lib/auth/route-guard';
import { json } from '@/lib/http';
import { fail, ok } from '@/lib/result';
import { getServices } from '@/lib/services';
import { MAX_PROMPT_BODY_BYTES, updatePrompt } from '@/lib/use-cases/author-prompt';
import { getPrompt } from '@/lib/use-cases/list-prompts';

type TParams = { params: Promise<{ id: string }> };

/** One prompt with its guide and phase plan (any signed-in user: the bank is for studying). */
export async function GET(_request: Request, { params }: TParams): Promise<Response> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return json(fail('unauthorized', 'Sign in first.'));
  const { id } = await params;
  try {
    const prompt = await getPrompt(getServices().prisma, userId, id);
    return prompt ? json(ok(prompt)) : json(fail('not_found', 'Prompt not found.'));
  } catch (error) {
    console.error('[api] GET prompt', error);
    return json(fail('internal', 'Something went wrong on our side. Try again.'));
  }
}

// POST rather than PATCH/PUT: the edit form sends the whole prompt as JSON like every other form
// (components/settings/use-json-form.ts), and the use case replaces it.
/** Replaces the caller's own prompt. Answers { id }; 403 for a built-in or someone else's. */
export async function POST(request: Request, { params }: TParams): Promise<Response> {
  const { id } = await params;
  return jsonRoute(({ services, userId, body }) => updatePrompt(services.prisma, userId!, id, body), {
    requireUser: true,
    maxBodyBytes: MAX_PROMPT_BODY_BYTES,
  })(request);
}
