import { jsonRoute } from '@/lib/auth/route-guard';
import { signUp } from '@/lib/use-cases/sign-up';

export const POST = jsonRoute(({ services, body }) => signUp(services.prisma, body), { requireUser: false, status: 201 });
