import { jsonRoute, withInterviewId } from '@/lib/auth/route-guard';
import { reportPartner } from '@/lib/use-cases/lobby';

/** Reports this interview's other person (`{ reason, block? }`), kept for whoever runs the instance. */
export const POST = jsonRoute(({ ctx, id, body }) => reportPartner(ctx!, withInterviewId(body, id)), { requireUser: true, status: 201 });
