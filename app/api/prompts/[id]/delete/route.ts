import { jsonRoute } from '@/lib/auth/route-guard';
import { deletePrompt } from '@/lib/use-cases/author-prompt';

type TParams = { params: Promise<{ id: string }> };

// POST with an empty JSON object rather than DELETE, like account deletion: every write goes
// through the same guard (same-origin, session, JSON body).
/** Soft-deletes the caller's own prompt; interviews made from it keep their copy. */
export async function POST(request: Request, { params }: TParams): Promise<Response> {
  const { id } = await params;
  return jsonRoute(({ services, userId }) => deletePrompt(services.prisma, userId!, id), { requireUser: true })(request);
}
