import { auth } from '@/lib/auth';
import { json } from '@/lib/http';
import { fail } from '@/lib/result';
import { getServices } from '@/lib/services';
import { getBoardTimeline } from '@/lib/use-cases/board-timeline';

type TParams = { params: Promise<{ id: string }> };

/** The whiteboard's stored timeline and the replay markers; participants only (404 otherwise). */
export async function GET(_request: Request, { params }: TParams): Promise<Response> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return json(fail('unauthorized', 'Sign in first.'));
  const { id } = await params;
  try {
    return json(await getBoardTimeline(getServices().prisma, userId, id));
  } catch (error) {
    console.error('[api] GET board-timeline', error);
    return json(fail('internal', 'Something went wrong on our side. Try again.'));
  }
}
