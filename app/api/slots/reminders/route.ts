import { sessionRoute } from '@/lib/auth/route-guard';
import { ok } from '@/lib/result';
import { dueReminders } from '@/lib/use-cases/slots';

/** Booked sessions of the caller that start within ten minutes (the in-app reminder). */
export const GET = sessionRoute('/api/slots/reminders', async ({ ctx }) => ok(await dueReminders(ctx)));
