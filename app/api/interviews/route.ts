import { jsonRoute } from '@/lib/auth/route-guard';
import { createInterview } from '@/lib/use-cases/create-interview';

export const POST = jsonRoute(({ ctx, body }) => createInterview(ctx!, body), {
  requireUser: true,
  status: 201,
});
