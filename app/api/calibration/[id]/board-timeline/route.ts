import { readRoute } from '@/lib/auth/route-guard';
import { getCalibrationTimeline } from '@/lib/use-cases/calibration';

/** The reference session's board timeline, in the shape of an interview's, for the replay. */
export const GET = readRoute('calibration board-timeline', ({ ctx, id }) => getCalibrationTimeline(ctx, { slug: id }));
