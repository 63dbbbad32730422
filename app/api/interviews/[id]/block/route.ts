import { jsonRoute } from '@/lib/auth/route-guard';
import { blockPartner } from '@/lib/use-cases/lobby';

/** Never be paired with this interview's other person again in the practice lobby. */
export const POST = jsonRoute(({ ctx, id }) => blockPartner(ctx!, { interviewId: id }), { requireUser: true });
