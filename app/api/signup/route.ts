import { jsonRoute } from '@/lib/auth/route-guard';
import { signUp } from '@/lib/use-cases/sign-up';

export const POST = jsonRoute(
  ({ services, body, address }) => signUp(services.prisma, body, { address, perHour: services.env.SIGNUP_LIMIT_PER_HOUR }),
  { requireUser: false, status: 201 },
);
