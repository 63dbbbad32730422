import { jsonRoute } from '@/lib/auth/route-guard';
import { submitCalibration } from '@/lib/use-cases/calibration';

/** Scores a reference session with the normal rubric; answers { version, meanAbsoluteGap } (version: the attempt's number). */
export const POST = jsonRoute(
  ({ ctx, id, body }) => submitCalibration(ctx!, typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, slug: id } : body),
  { requireUser: true, status: 201 },
);
