import type { InterviewStatus, Role } from '@/lib/generated/prisma/enums';
import { RECORD_CLOSED_MESSAGE } from '@/lib/domain/interview';
import { fail, ok, type TResult } from '@/lib/result';
import type { TUseCaseContext } from './context';

// Who may act on an interview: the caller's role as stored (never as the client says). A
// missing interview and one the caller has no seat in answer the same, so ids cannot be probed.

export const NOT_FOUND_MESSAGE = 'Interview not found.';

/** The one answer for a missing interview or one the caller does not belong to. */
export const notFound = (): TResult<never> => fail('not_found', NOT_FOUND_MESSAGE);

export type TMembership = { role: Role; status: InterviewStatus };

export const ANY_ROLE: readonly Role[] = ['interviewer', 'candidate'];

const ONLY: Record<Role, string> = {
  interviewer: 'Only the interviewer can do that.',
  candidate: 'Only the candidate can do that.',
};

export type TRoleOptions = {
  /** The forbidden message for a participant in another role (default: "Only the <role> can do that."). */
  forbidden?: string;
  /** Refuse once the interview has ended: its record is closed. */
  isOpen?: boolean;
};

/**
 * Passes when the caller holds one of `roles` in the interview: not_found for a stranger or a
 * missing interview, forbidden for the other role, conflict for a closed record (`isOpen`).
 */
export async function requireRole(
  ctx: TUseCaseContext,
  interviewId: string,
  roles: Role | readonly Role[] = ANY_ROLE,
  options: TRoleOptions = {},
): Promise<TResult<TMembership>> {
  const participant = await ctx.db.participant.findUnique({
    where: { interviewId_userId: { interviewId, userId: ctx.userId } },
    select: { role: true, interview: { select: { status: true } } },
  });
  if (!participant) return notFound();
  const allowed: readonly Role[] = typeof roles === 'string' ? [roles] : roles;
  if (!allowed.includes(participant.role)) return fail('forbidden', options.forbidden ?? ONLY[allowed[0] ?? 'interviewer']);
  const status = participant.interview.status;
  if (options.isOpen && status === 'ended') return fail('conflict', RECORD_CLOSED_MESSAGE);
  return ok({ role: participant.role, status });
}
