import { jsonRoute } from '@/lib/auth/route-guard';
import { createInterview } from '@/lib/use-cases/create-interview';

export const POST = jsonRoute(({ services, userId, body }) => createInterview(services.prisma, userId!, body), {
  requireUser: true,
  status: 201,
});
