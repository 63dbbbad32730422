import { jsonRoute } from '@/lib/auth/route-guard';
import { changePassword } from '@/lib/use-cases/change-password';

export const POST = jsonRoute(
  async ({ services, userId, body }) => {
    const result = await changePassword(services.prisma, userId!, body);
    if (result.ok) services.realtime.disconnectUser(userId!, 'account_changed');
    return result;
  },
  { requireUser: true },
);
