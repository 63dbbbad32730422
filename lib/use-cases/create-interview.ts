import { randomBytes } from 'node:crypto';
import { ZCreateInterviewInput, type TPromptCopy } from '@/lib/domain/interview';
import { scalePhasePlan } from '@/lib/domain/phase-plan';
import { phasePlanMinutes } from '@/lib/domain/prompt';
import { ZStoredGuide } from '@/lib/domain/prompt-schema';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import type { TUseCaseContext } from './context';

/** 256 random bits, URL-safe: the capability in an invite link. */
export function newInviteToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Creates an interview with the caller as interviewer. The prompt is copied into the interview,
 * so a later edit or deletion of the prompt never rewrites it.
 */
export async function createInterview(ctx: TUseCaseContext, input: unknown): Promise<TResult<{ id: string }>> {
  const { db: prisma, userId } = ctx;
  const parsed = ZCreateInterviewInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { promptId, level, scheduledAt } = parsed.data;

  // A built-in prompt or one's own: other users' prompts are theirs alone (list-prompts.ts).
  const prompt = await prisma.prompt.findFirst({ where: { id: promptId, deletedAt: null, OR: [{ authorId: null }, { authorId: userId }] } });
  if (!prompt) return fail('invalid_input', 'Choose a prompt from the list.', { promptId: 'not found' });
  const guide = ZStoredGuide.safeParse(prompt.guide);
  if (!guide.success) return fail('internal', 'This prompt is damaged; choose another one.');
  const phasePlan =
    parsed.data.phasePlan ??
    (parsed.data.durationMinutes === undefined
      ? guide.data.phasePlan
      : scalePhasePlan(guide.data.phasePlan, parsed.data.durationMinutes));
  if (!phasePlan) {
    return fail('invalid_input', "That duration does not fit this prompt's phases.", { durationMinutes: 'does not fit the phases' });
  }

  const promptCopy: TPromptCopy = {
    promptId: prompt.id,
    slug: prompt.slug,
    kind: prompt.kind,
    title: prompt.title,
    statement: prompt.statement,
    topics: prompt.topics,
    difficulty: prompt.difficulty,
    minutes: prompt.minutes,
    guide: guide.data,
  };
  const interview = await prisma.interview.create({
    data: {
      promptId: prompt.id,
      promptCopy,
      level,
      // The plan is the schedule; the duration is only its total, kept for listings.
      durationMinutes: phasePlanMinutes(phasePlan),
      phasePlan,
      scheduledAt: scheduledAt ? new Date(scheduledAt) : null,
      inviteToken: newInviteToken(),
      createdById: userId,
      participants: { create: { userId, role: 'interviewer' } },
    },
    select: { id: true },
  });
  return ok(interview);
}
