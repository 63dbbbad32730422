import { auth } from '@/lib/auth';
import { fail } from '@/lib/result';
import { json } from '@/lib/http';
import { getServices } from '@/lib/services';
import { scorecardsCsv } from '@/lib/use-cases/export-scorecards';
import { useCaseContext } from '@/lib/use-cases/context';

/** The signed-in user's scorecards as CSV (interviewer: theirs; candidate: the released ones). */
export async function GET(): Promise<Response> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return json(fail('unauthorized', 'Sign in first.'));
  try {
    const csv = await scorecardsCsv(useCaseContext(getServices().prisma, userId));
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="mockroom-scorecards.csv"',
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    console.error('[api] GET scorecards.csv', error);
    return json(fail('internal', 'Something went wrong on our side. Try again.'));
  }
}
