import { jsonRoute } from '@/lib/auth/route-guard';
import { shareNotes } from '@/lib/use-cases/share-notes';

type TParams = { params: Promise<{ id: string }> };

/** Shares the interviewer's notes with the candidate: `{ noteId?, isShared }`; without noteId, all of them. */
export async function POST(request: Request, { params }: TParams): Promise<Response> {
  const { id } = await params;
  return jsonRoute(({ services, userId, body }) => shareNotes(services.prisma, userId!, id, body), { requireUser: true })(request);
}
