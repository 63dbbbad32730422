import { jsonRoute } from '@/lib/auth/route-guard';
import { acceptInvite } from '@/lib/use-cases/accept-invite';

type TParams = { params: Promise<{ token: string }> };

export async function POST(request: Request, { params }: TParams): Promise<Response> {
  const { token } = await params;
  return jsonRoute(({ ctx }) => acceptInvite(ctx!, { token }), { requireUser: true })(request);
}
