/**
 * The interview flow: which phase is running and when its time is up.
 *
 * The server owns time. The state holds a deadline (server epoch ms) rather than a counter, so
 * nothing has to tick: every participant, including one who joins late or reconnects, derives
 * the same remaining time from the state and the server clock. Pure module: the caller passes
 * `now`; nothing here reads a clock or does I/O.
 *
 * Phases never advance on their own. When a phase's time is up it runs into overtime (negative
 * remaining time) until the interviewer moves on; cutting a candidate off mid-sentence is worse
 * than a visible overrun.
 */
import type { TPhase } from './prompt';
import type { TTimerCommand, TTimerEvent, TTimerState } from './phase-timer-schema';

const MINUTE_MS = 60_000;

export const TIMER_STATUSES = ['scheduled', 'live', 'paused', 'ended'] as const;
export type TTimerStatus = (typeof TIMER_STATUSES)[number];

/** The only extensions offered: small enough to keep the interview on schedule. */
export const EXTEND_MINUTES = [1, 5] as const;

/**
 * The history is append-only and persisted with the interview, so a client spamming commands
 * could otherwise grow the row without bound. One slot is reserved so `end` is never refused.
 */
export const MAX_HISTORY = 500;

export const TIMER_EVENT_KINDS = ['start', 'pause', 'resume', 'extend', 'next', 'previous', 'end'] as const;

export type { TTimerCommand, TTimerEvent, TTimerState } from './phase-timer-schema';

export type TReduceResult = { ok: true; state: TTimerState } | { ok: false; error: string };

export const TIMER_ERRORS = {
  invalidTime: 'Invalid server time',
  notStarted: 'The interview has not started yet',
  alreadyStarted: 'The interview has already started',
  ended: 'The interview has ended',
  alreadyPaused: 'The timer is already paused',
  notPaused: 'The timer is not paused',
  badExtension: 'You can extend by 1 or 5 minutes',
  firstPhase: 'This is the first phase',
  lastPhase: 'This is the last phase; use End interview',
  tooManyChanges: 'Too many timer changes in this interview; you can still end it',
  unknownCommand: 'Unknown timer command',
} as const;

/** The phase at `index`; a state that passed ZTimerState always has it. */
function phaseAt(plan: readonly TPhase[], index: number): TPhase {
  const phase = plan[index];
  if (!phase) throw new RangeError(`phase ${index} is outside a plan of ${plan.length}`);
  return phase;
}

export function plannedMs(plan: readonly TPhase[], index: number): number {
  return phaseAt(plan, index).minutes * MINUTE_MS;
}


/**
 * Remaining time of the current phase at `serverNow` (negative = overtime). Clients call it with
 * `Date.now() + offset` (see estimateClockOffset) so every screen counts down to the same instant.
 */
export function remainingAt(state: TTimerState, serverNow: number): number {
  if (state.deadline !== null) return state.deadline - serverNow;
  return state.remainingMs ?? 0;
}

/**
 * What a screen shows: `remainingAt` from the browser's estimate of the server clock, but never
 * more than the current phase was given. The estimate is only good to half a round trip, so
 * right after a phase change a fast-rendering screen could otherwise show 05:01 of a 5:00 phase.
 */
export function displayRemainingAt(state: TTimerState, estimatedServerNow: number): number {
  const phase = state.plan[state.phaseIndex];
  const allottedMs = (phase?.minutes ?? 0) * 60_000 + (state.extensionsMs[state.phaseIndex] ?? 0);
  return Math.min(remainingAt(state, estimatedServerNow), allottedMs);
}

const refuse = (error: string): TReduceResult => ({ ok: false, error });

function accept(
  state: TTimerState,
  kind: TTimerEvent['kind'],
  at: number,
  changes: Partial<Omit<TTimerState, 'version' | 'history' | 'plan'>>,
): TReduceResult {
  const next: TTimerState = { ...state, ...changes, version: state.version + 1 };
  next.history = [...state.history, { at, kind, phaseIndex: next.phaseIndex }];
  return { ok: true, state: next };
}

function moveTo(state: TTimerState, kind: 'next' | 'previous', index: number, at: number): TReduceResult {
  // A phase always restarts with its full planned time: leftover or overtime of the phase being
  // left says nothing about how long the next one deserves.
  const full = plannedMs(state.plan, index);
  const isLive = state.status === 'live';
  return accept(state, kind, at, {
    phaseIndex: index,
    phaseStartedAt: at,
    deadline: isLive ? at + full : null,
    remainingMs: isLive ? null : full,
  });
}

/**
 * Applies `command` at server time `now` (epoch ms). Never throws for a well-formed state and
 * never mutates it: a refused command returns a user-facing error and the caller keeps its state.
 */
export function reduce(state: TTimerState, command: TTimerCommand, now: number): TReduceResult {
  if (!Number.isSafeInteger(now) || now < 0) return refuse(TIMER_ERRORS.invalidTime);
  if (state.status === 'ended') return refuse(TIMER_ERRORS.ended);
  if (command.type !== 'end' && state.history.length >= MAX_HISTORY - 1) return refuse(TIMER_ERRORS.tooManyChanges);

  // Time inside one interview never goes backwards, even if this command is handled by a server
  // whose clock is a little behind the one that handled the last: durations stay non-negative.
  const at = Math.max(now, state.history.at(-1)?.at ?? 0);

  if (command.type === 'end') {
    // The clock freezes at what it showed, so the ended room can still say "ended 2:10 over".
    return accept(state, 'end', at, { status: 'ended', deadline: null, remainingMs: remainingAt(state, at), endedAt: at });
  }
  if (command.type === 'start') {
    if (state.status !== 'scheduled') return refuse(TIMER_ERRORS.alreadyStarted);
    return accept(state, 'start', at, {
      status: 'live',
      deadline: at + plannedMs(state.plan, state.phaseIndex),
      remainingMs: null,
      startedAt: at,
      phaseStartedAt: at,
    });
  }
  if (state.status === 'scheduled') return refuse(TIMER_ERRORS.notStarted);

  switch (command.type) {
    case 'pause': {
      if (state.deadline === null) return refuse(TIMER_ERRORS.alreadyPaused);
      // Keep the sign: a phase paused in overtime resumes in overtime.
      return accept(state, 'pause', at, { status: 'paused', deadline: null, remainingMs: state.deadline - at });
    }
    case 'resume': {
      if (state.remainingMs === null) return refuse(TIMER_ERRORS.notPaused);
      return accept(state, 'resume', at, { status: 'live', deadline: at + state.remainingMs, remainingMs: null });
    }
    case 'extend': {
      // Re-checked here because the reducer may be called with a command that skipped the schema.
      if (!(EXTEND_MINUTES as readonly number[]).includes(command.minutes)) return refuse(TIMER_ERRORS.badExtension);
      const ms = command.minutes * MINUTE_MS;
      const extensionsMs = state.extensionsMs.map((total, i) => (i === state.phaseIndex ? total + ms : total));
      // Added to the deadline, not to `now`: an extension is time granted on top of the plan, so
      // planned + extensions compares directly with the actual time. In overtime it shortens the
      // overrun instead of restarting the clock.
      if (state.deadline !== null) return accept(state, 'extend', at, { deadline: state.deadline + ms, extensionsMs });
      return accept(state, 'extend', at, { remainingMs: (state.remainingMs ?? 0) + ms, extensionsMs });
    }
    case 'next': {
      // Refused rather than ending: ending is final, so it must be its own deliberate action.
      if (state.phaseIndex >= state.plan.length - 1) return refuse(TIMER_ERRORS.lastPhase);
      return moveTo(state, 'next', state.phaseIndex + 1, at);
    }
    case 'previous': {
      if (state.phaseIndex <= 0) return refuse(TIMER_ERRORS.firstPhase);
      return moveTo(state, 'previous', state.phaseIndex - 1, at);
    }
    default: {
      const _exhaustive: never = command;
      return refuse(TIMER_ERRORS.unknownCommand);
    }
  }
}

export type TPhaseDuration = {
  id: string;
  name: string;
  plannedMs: number;
  extendedMs: number;
  /** Time spent in the phase while live (pauses excluded). */
  actualMs: number;
};

/** Planned vs actual time per phase, replayed from the history; a live phase counts up to `now`. */
export function phaseDurations(state: TTimerState, now: number): TPhaseDuration[] {
  const actual = state.plan.map(() => 0);
  let isLive = false;
  let phase = 0;
  let since = 0;
  const spend = (until: number) => {
    if (!isLive) return;
    actual[phase] = (actual[phase] ?? 0) + Math.max(0, until - since);
  };
  for (const event of state.history) {
    spend(event.at);
    phase = event.phaseIndex;
    since = event.at;
    if (event.kind === 'start' || event.kind === 'resume') isLive = true;
    if (event.kind === 'pause' || event.kind === 'end') isLive = false;
  }
  spend(now);
  return state.plan.map((p, i) => ({
    id: p.id,
    name: p.name,
    plannedMs: p.minutes * MINUTE_MS,
    extendedMs: state.extensionsMs[i] ?? 0,
    actualMs: actual[i] ?? 0,
  }));
}

export type TTimerView = {
  status: TTimerStatus;
  phaseIndex: number;
  phaseName: string;
  phaseCount: number;
  /** Negative = overtime. */
  remainingMs: number;
  isOvertime: boolean;
  /** Sum of the plan, extensions excluded. */
  totalPlannedMs: number;
  /** Time spent live since the start, pauses excluded. */
  elapsedMs: number;
};

/** A snapshot for display at server time `now`; live countdowns should use remainingAt instead. */
export function timerView(state: TTimerState, now: number): TTimerView {
  const remainingMs = remainingAt(state, now);
  return {
    status: state.status,
    phaseIndex: state.phaseIndex,
    phaseName: phaseAt(state.plan, state.phaseIndex).name,
    phaseCount: state.plan.length,
    remainingMs,
    isOvertime: remainingMs < 0,
    totalPlannedMs: state.plan.reduce((sum, p) => sum + p.minutes * MINUTE_MS, 0),
    elapsedMs: phaseDurations(state, now).reduce((sum, d) => sum + d.actualMs, 0),
  };
}

/** One round trip: client clock when sent and received, server clock when it answered. */
export type TClockSample = { clientSentAt: number; serverTime: number; clientReceivedAt: number };

/**
 * Server clock minus client clock, in ms (add it to `Date.now()`), or null without a usable
 * sample. Like NTP, trusts the sample with the shortest round trip: assuming the server answered
 * at the midpoint, its error is at most half that round trip.
 */
export function estimateClockOffset(samples: readonly TClockSample[]): number | null {
  let best: TClockSample | null = null;
  let bestRtt = Infinity;
  for (const sample of samples) {
    const rtt = sample.clientReceivedAt - sample.clientSentAt;
    const isUsable = [sample.clientSentAt, sample.serverTime, sample.clientReceivedAt].every(Number.isFinite) && rtt >= 0;
    if (!isUsable || rtt >= bestRtt) continue;
    best = sample;
    bestRtt = rtt;
  }
  if (!best) return null;
  return best.serverTime - (best.clientSentAt + best.clientReceivedAt) / 2;
}
