import { readRoute } from '@/lib/auth/route-guard';
import { getBoardTimeline } from '@/lib/use-cases/board-timeline';

/** The whiteboard's stored timeline and the replay markers; participants only (404 otherwise). */
export const GET = readRoute('board-timeline', ({ ctx, id }) => getBoardTimeline(ctx, { interviewId: id }));
