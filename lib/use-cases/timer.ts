import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { TTimelineEvent } from '@/lib/domain/timeline';
import { interviewStatusOf, type TInterviewStatus } from '@/lib/domain/interview';
import {
  reduce,
  TIMER_ERRORS,
  type TTimerCommand,
  type TTimerState,
} from '@/lib/domain/phase-timer';
import { createTimer, ZTimerState } from '@/lib/domain/phase-timer-schema';
import { ZPhasePlan } from '@/lib/domain/prompt-schema';
import { ZTimerCommandInput } from '@/lib/protocol/timer';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import { notFound, requireRole } from './access';
import type { TUseCaseContext } from './context';
import { timelineColumns } from './timeline';

// The interview's phase timer, and with it its lifecycle: "Start interview" is the timer's start
// and "End interview" its end, so there is one command path and one version for both.

const DAMAGED = 'The timer of this interview cannot be read. Contact support.';
const RACED = 'The timer changed at the same moment. Try again.';

export type TTimerOutcome = {
  state: TTimerState;
  /** False when the command was already in effect (a second "End interview", a double click). */
  changed: boolean;
  /** The interview's lifecycle status after the command. */
  status: TInterviewStatus;
  statusChanged: boolean;
  /** The room's call link, for the `room:updated` that a status change sends. */
  callLink: string | null;
};

const TIMER_ROW = {
  status: true,
  state: true,
  stateVersion: true,
  phasePlan: true,
  startedAt: true,
  endedAt: true,
  callLink: true,
} as const;

type TTimerRow = {
  status: TInterviewStatus;
  state: unknown;
  stateVersion: number;
  phasePlan: unknown;
  startedAt: Date | null;
  endedAt: Date | null;
  callLink: string | null;
};

/**
 * The stored timer, or a fresh one from the interview's phase plan. An interview started or ended
 * before it had a timer gets one brought to the same point, so it cannot be started again.
 */
function timerOf(row: TTimerRow): TTimerState | null {
  if (row.state !== null) {
    const stored = ZTimerState.safeParse(row.state);
    return stored.success ? stored.data : null;
  }
  const plan = ZPhasePlan.safeParse(row.phasePlan);
  if (!plan.success) return null;
  let state = createTimer(plan.data);
  const steps: Array<[TTimerCommand, Date | null]> = [];
  if (row.status !== 'scheduled') steps.push([{ type: 'start' }, row.startedAt ?? row.endedAt]);
  if (row.status === 'ended') steps.push([{ type: 'end' }, row.endedAt]);
  for (const [command, at] of steps) {
    const result = reduce(state, command, at?.getTime() ?? 0);
    if (!result.ok) return null;
    state = result.state;
  }
  return state;
}

/**
 * Commands whose effect is already there answer "done, nothing changed" rather than an error:
 * ending twice, starting what has started (or ended), pausing while paused.
 */
function isAlreadyInEffect(state: TTimerState, command: TTimerCommand): boolean {
  switch (command.type) {
    case 'end':
      return state.status === 'ended';
    case 'start':
      return state.status !== 'scheduled';
    case 'pause':
      return state.status === 'paused';
    case 'resume':
      return state.status === 'live';
    default:
      return false;
  }
}

/** The interview's timer as stored (or as it starts), or null when there is no such interview. */
export async function getTimerState(prisma: PrismaClient, interviewId: string): Promise<TTimerState | null> {
  const row = await prisma.interview.findUnique({ where: { id: interviewId }, select: TIMER_ROW });
  return row ? timerOf(row) : null;
}

/**
 * Applies one timer command (`{ interviewId, command }`) for the interviewer at server time
 * `ctx.now` and stores the new state, the derived lifecycle status and a timeline entry.
 * Interviewer only; the role comes from the database, never from the client.
 */
export async function applyTimerCommand(ctx: TUseCaseContext, input: unknown): Promise<TResult<TTimerOutcome>> {
  const parsed = ZTimerCommandInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { interviewId, command } = parsed.data;
  const { db: prisma, userId, now } = ctx;
  const access = await requireRole(ctx, interviewId, 'interviewer', { forbidden: 'Only the interviewer can run the timer.' });
  if (!access.ok) return access;

  // Optimistic concurrency on stateVersion: a second process (or a second tab's click) that
  // wrote first makes our write miss; we reload and decide again once, on the newer state.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const row = await prisma.interview.findUnique({ where: { id: interviewId }, select: TIMER_ROW });
    if (!row) return notFound();
    const current = timerOf(row);
    if (!current) return fail('internal', DAMAGED);
    if (isAlreadyInEffect(current, command)) {
      return ok({ state: current, changed: false, status: row.status, statusChanged: false, callLink: row.callLink });
    }
    const result = reduce(current, command, now);
    if (!result.ok) return fail('conflict', result.error === TIMER_ERRORS.invalidTime ? 'Try again.' : result.error);

    const next = result.state;
    const status = interviewStatusOf(next.status);
    // The reducer never lets time run backwards within an interview; stamp rows with its time.
    const at = new Date(next.history.at(-1)?.at ?? now);
    const events: TTimelineEvent[] = [
      { kind: 'timer', payload: { command, version: next.version, status: next.status, phaseIndex: next.phaseIndex } },
    ];
    // The lifecycle's own entries stay: the review and other features count them.
    if (row.status === 'scheduled' && status !== 'scheduled') events.push({ kind: 'interview:started', payload: {} });
    if (row.status !== 'ended' && status === 'ended') events.push({ kind: 'interview:ended', payload: {} });
    const timeline = events.map((event) => ({ at, actorId: userId, ...timelineColumns(event) }));
    try {
      // One statement family, one transaction: the version check, the state and its timeline
      // entries are written together or not at all (a nested write; no interactive transaction,
      // which PGlite cannot run against the outer client).
      await prisma.interview.update({
        where: { id: interviewId, stateVersion: row.stateVersion },
        data: {
          state: next,
          stateVersion: next.version,
          status,
          ...(status !== 'scheduled' && !row.startedAt ? { startedAt: at } : {}),
          ...(status === 'ended' ? { endedAt: at } : {}),
          timeline: { createMany: { data: timeline } },
        },
        select: { id: true },
      });
    } catch (error) {
      // P2025: no row with that version any more, someone else wrote first.
      if ((error as { code?: string }).code === 'P2025') continue;
      throw error;
    }
    return ok({ state: next, changed: true, status, statusChanged: status !== row.status, callLink: row.callLink });
  }
  return fail('conflict', RACED);
}
