import { z } from 'zod';
import { ZId } from '@/lib/domain/text-schema';
import type { Prisma } from '@/lib/generated/prisma/client';
import { ZPromptCopy } from '@/lib/domain/interview';
import { type TRecommendation } from '@/lib/domain/rubric';
import { ZRecommendation } from '@/lib/domain/rubric-schema';
import { isRowReleased, RELEASE_SELECT, type TReleaseRow } from './release';
import { HISTORY_ROLES, HISTORY_STATUSES, type THistoryRole, type THistoryStatus } from '@/lib/protocol/interviews';
import type { TUseCaseContext } from './context';

export { HISTORY_ROLES, HISTORY_STATUSES, type THistoryRole, type THistoryStatus } from '@/lib/protocol/interviews';

export const HISTORY_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

export const ZListInterviewsOptions = z.object({
  role: z.enum(HISTORY_ROLES).optional(),
  status: z.enum(HISTORY_STATUSES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(HISTORY_PAGE_SIZE),
});
export type TListInterviewsOptions = z.input<typeof ZListInterviewsOptions>;

export type TInterviewListItem = {
  id: string;
  title: string;
  level: string;
  status: THistoryStatus;
  myRole: THistoryRole;
  partnerName: string | null;
  /** The other participant's user id (for "Interview again"); null while there is none. */
  partnerId: string | null;
  scheduledAt: number | null;
  createdAt: number;
  /** The latest scorecard version's recommendation; null until scored (or not released). */
  recommendation: TRecommendation | null;
  /** 1 or 2 for a half of a peer swap (the halves are listed next to each other), else null. */
  swapHalf: number | null;
};

export type TInterviewPage = {
  items: TInterviewListItem[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
};

// The cursor is the sort key of the last row shown: (createdAt in epoch ms, id). createdAt is
// stored with millisecond precision (TIMESTAMP(3)), so the round trip through a number is exact.
const ZCursor = z.object({ t: z.number().int().nonnegative(), id: ZId });
type TCursor = z.infer<typeof ZCursor>;

export function encodeHistoryCursor(cursor: TCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** The decoded cursor, or null when it is not one we issued (tampered, truncated, old format). */
export function decodeHistoryCursor(raw: string): TCursor | null {
  try {
    const parsed = ZCursor.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Whether the caller sees the overall recommendation: the interviewer always, the candidate by
 * the same blind-release rule as the scorecard itself (lib/domain/release.ts).
 */
function canSeeRecommendation(role: THistoryRole, interview: TReleaseRow, now: number): boolean {
  return role === 'interviewer' || isRowReleased(interview, now);
}

/**
 * One page of the user's interviews (as interviewer or candidate), newest first with the id as
 * tie-breaker. Keyset pagination: the page after a cursor is `(createdAt, id) < cursor`, so a
 * deep page costs the same as the first (OFFSET would read and throw away every earlier row),
 * and rows created meanwhile never shift or repeat a page. A cursor we cannot decode gives the
 * first page.
 */
export async function listInterviews(ctx: TUseCaseContext, options: TListInterviewsOptions = {}): Promise<TInterviewPage> {
  const { db: prisma, userId, now } = ctx;
  const { role, status, cursor: rawCursor, limit } = ZListInterviewsOptions.parse(options);
  const cursor = rawCursor ? decodeHistoryCursor(rawCursor) : null;

  const where: Prisma.InterviewWhereInput = {
    participants: { some: { userId, ...(role ? { role } : {}) } },
    ...(status ? { status } : {}),
    // (createdAt, id) < cursor. Prisma cannot compare row values, so this is the OR form plus
    // the redundant `createdAt <= t`: without that bound PostgreSQL walks the (createdAt, id)
    // index from the newest row and filters, so a deep page would again cost its depth
    // (bench/history.bench.ts shows both plans).
    ...(cursor
      ? {
          createdAt: { lte: new Date(cursor.t) },
          OR: [
            { createdAt: { lt: new Date(cursor.t) } },
            { createdAt: new Date(cursor.t), id: { lt: cursor.id } },
          ],
        }
      : {}),
  };
  // One more row than the page tells whether there is a next page without a count(*).
  // Participants (with their users) and the latest scorecard come with the page in batched
  // queries, a fixed number per page however many rows it has (no query per row).
  const rows = await prisma.interview.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: {
      ...RELEASE_SELECT,
      id: true,
      level: true,
      promptCopy: true,
      scheduledAt: true,
      createdAt: true,
      swapHalf: true,
      participants: { select: { userId: true, role: true, user: { select: { name: true, email: true } } } },
      scorecards: { orderBy: { version: 'desc' }, take: 1, select: { recommendation: true } },
    },
  });

  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeHistoryCursor({ t: last.createdAt.getTime(), id: last.id }) : null;
  const items = page.map((interview): TInterviewListItem => {
    const me = interview.participants.find((p) => p.userId === userId);
    const myRole: THistoryRole = me?.role ?? 'interviewer';
    const partnerSeat = interview.participants.find((p) => p.userId !== userId);
    const partner = partnerSeat?.user;
    const copy = ZPromptCopy.safeParse(interview.promptCopy);
    const latest = interview.scorecards[0];
    const recommendation = latest ? ZRecommendation.safeParse(latest.recommendation) : null;
    return {
      id: interview.id,
      title: copy.success ? copy.data.title : 'Interview',
      level: interview.level,
      status: interview.status,
      myRole,
      swapHalf: interview.swapHalf,
      partnerName: partner ? (partner.name ?? partner.email) : null,
      partnerId: partnerSeat?.userId ?? null,
      scheduledAt: interview.scheduledAt?.getTime() ?? null,
      createdAt: interview.createdAt.getTime(),
      recommendation: recommendation?.success && canSeeRecommendation(myRole, interview, now) ? recommendation.data : null,
    };
  });
  return { items, nextCursor };
}
