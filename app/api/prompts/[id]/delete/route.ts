import { jsonRoute } from '@/lib/auth/route-guard';
import { deletePrompt } from '@/lib/use-cases/author-prompt';

// POST with an empty JSON object rather than DELETE, like account deletion: every write goes
// through the same guard (same-origin, session, JSON body).
/** Soft-deletes the caller's own prompt; interviews made from it keep their copy. */
export const POST = jsonRoute(({ ctx, id }) => deletePrompt(ctx!, { id: id! }), { requireUser: true });
