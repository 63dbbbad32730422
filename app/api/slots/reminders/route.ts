import { auth } from '@/lib/auth';
import { json } from '@/lib/http';
import { fail, ok } from '@/lib/result';
import { getServices } from '@/lib/services';
import { useCaseContext } from '@/lib/use-cases/context';
import { dueReminders } from '@/lib/use-cases/slots';

/** Booked sessions of the caller that start within ten minutes (the in-app reminder). */
export async function GET(): Promise<Response> {
  const userId = (await auth())?.user?.id;
  if (!userId) return json(fail('unauthorized', 'Sign in first.'));
  try {
    return json(ok(await dueReminders(useCaseContext(getServices().prisma, userId))));
  } catch (error) {
    console.error('[api] GET /api/slots/reminders', error);
    return json(fail('internal', 'Something went wrong on our side. Try again.'));
  }
}
