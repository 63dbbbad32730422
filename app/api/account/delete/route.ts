import { jsonRoute } from '@/lib/auth/route-guard';
import { deleteAccount } from '@/lib/use-cases/delete-account';

// POST rather than DELETE with a body: the confirmation travels as JSON like every other form.
export const POST = jsonRoute(
  async ({ services, userId, body }) => {
    const result = await deleteAccount(services.prisma, userId!, body, services.blobs);
    if (result.ok) services.realtime.disconnectUser(userId!, 'account_changed');
    return result;
  },
  { requireUser: true },
);
