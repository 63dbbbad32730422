import { z } from 'zod';
import { EXTEND_MINUTES, MAX_HISTORY, plannedMs, TIMER_EVENT_KINDS, TIMER_STATUSES } from './phase-timer';
import type { TPhasePlan } from './prompt';
import { ZPhasePlan } from './prompt-schema';

// The zod schemas of ./phase-timer.ts (and createTimer, which validates the plan it is given),
// apart so that the room's timer, which runs the rest of the module, does not load zod.

export const ZTimerStatus = z.enum(TIMER_STATUSES);

const ZEpochMs = z.int().min(0);

export const ZTimerEvent = z.object({
  at: ZEpochMs,
  kind: z.enum(TIMER_EVENT_KINDS),
  /** The phase current after the transition (the new phase for next / previous). */
  phaseIndex: z.int().min(0),
});
export type TTimerEvent = z.infer<typeof ZTimerEvent>;

/**
 * `z.object` (not strict) so a state written by a newer server during a rolling deploy still
 * loads; the cross-field checks below are what keep a corrupt row out.
 */
export const ZTimerState = z
  .object({
    plan: ZPhasePlan,
    status: ZTimerStatus,
    phaseIndex: z.int().min(0),
    /** Server epoch ms when the current phase's time is up; set exactly while live. */
    deadline: ZEpochMs.nullable(),
    /** Time left in the current phase, negative in overtime; set exactly while not live (frozen). */
    remainingMs: z.int().nullable(),
    /** Total minutes granted per phase, in ms, so planned vs actual can be reported. */
    extensionsMs: z.array(z.int().min(0)),
    startedAt: ZEpochMs.nullable(),
    endedAt: ZEpochMs.nullable(),
    /** When the current phase was entered (start, next, previous). */
    phaseStartedAt: ZEpochMs.nullable(),
    /** +1 per accepted command; clients drop snapshots older than the one they hold. */
    version: z.int().min(0),
    history: z.array(ZTimerEvent).max(MAX_HISTORY),
  })
  .superRefine((state, ctx) => {
    const issue = (message: string, path: PropertyKey[]) => ctx.addIssue({ code: 'custom', message, path });
    const phaseCount = state.plan.length;
    if (state.phaseIndex >= phaseCount) issue('phaseIndex is outside the plan', ['phaseIndex']);
    if (state.extensionsMs.length !== phaseCount) issue('extensionsMs needs one entry per phase', ['extensionsMs']);
    const isLive = state.status === 'live';
    if (isLive !== (state.deadline !== null)) issue('deadline is set exactly while live', ['deadline']);
    if (isLive === (state.remainingMs !== null)) issue('remainingMs is set exactly while not live', ['remainingMs']);
    const isRunning = isLive || state.status === 'paused';
    if (isRunning && (state.startedAt === null || state.phaseStartedAt === null)) {
      issue('a started interview has startedAt and phaseStartedAt', ['startedAt']);
    }
    if ((state.status === 'ended') !== (state.endedAt !== null)) issue('endedAt is set exactly when ended', ['endedAt']);
    // Every accepted command appends one event and bumps the version once.
    if (state.version !== state.history.length) issue('version must equal the number of history events', ['version']);
    state.history.forEach((event, i) => {
      if (event.phaseIndex >= phaseCount) issue('history event phase is outside the plan', ['history', i, 'phaseIndex']);
      const previous = state.history[i - 1];
      if (previous && event.at < previous.at) issue('history must be in time order', ['history', i, 'at']);
    });
  });
export type TTimerState = z.infer<typeof ZTimerState>;

const noArgs = <T extends string>(type: T) => z.strictObject({ type: z.literal(type) });

export const ZTimerCommand = z.discriminatedUnion('type', [
  noArgs('start'),
  noArgs('pause'),
  noArgs('resume'),
  z.strictObject({ type: z.literal('extend'), minutes: z.literal(EXTEND_MINUTES) }),
  noArgs('next'),
  noArgs('previous'),
  noArgs('end'),
]);
export type TTimerCommand = z.infer<typeof ZTimerCommand>;

/** A scheduled timer for `plan`. Throws on an invalid plan: plans are validated long before this. */
export function createTimer(plan: TPhasePlan): TTimerState {
  // Parsing also copies, so later edits to the caller's plan cannot reach the state.
  const phases = ZPhasePlan.parse(plan);
  return {
    plan: phases,
    status: 'scheduled',
    phaseIndex: 0,
    deadline: null,
    remainingMs: plannedMs(phases, 0),
    extensionsMs: phases.map(() => 0),
    startedAt: null,
    endedAt: null,
    phaseStartedAt: null,
    version: 0,
    history: [],
  };
}
