import { readRoute } from '@/lib/auth/route-guard';
import { exportSession } from '@/lib/use-cases/export-session';

/** The ended session as a JSON download, filtered for the caller like the review page. */
export const GET = readRoute('export.json', async ({ ctx, id }) => {
  const result = await exportSession(ctx, { interviewId: id });
  if (!result.ok) return result;
  const exported = result.data;
  return new Response(JSON.stringify(exported, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      // The id is a cuid (letters and digits), safe inside the quoted filename.
      'Content-Disposition': `attachment; filename="mockroom-${exported.interview.id}.json"`,
      'Cache-Control': 'no-store',
    },
  });
});
