import { describe, expect, it } from 'vitest';
import {
  displayRemainingAt,
  estimateClockOffset,
  MAX_HISTORY,
  phaseDurations,
  reduce,
  remainingAt,
  timerView,
  TIMER_ERRORS,
  type TTimerCommand,
  type TTimerState,
} from '@/lib/domain/phase-timer';
import { createTimer, ZTimerCommand, ZTimerState } from '@/lib/domain/phase-timer-schema';

const MIN = 60_000;
const SEC = 1_000;
const T0 = 1_700_000_000_000;

const PLAN = [
  { id: 'requirements', name: 'Requirements', minutes: 5 },
  { id: 'high-level-design', name: 'High-level design', minutes: 15 },
  { id: 'wrap-up', name: 'Wrap-up', minutes: 5 },
];

/** Applies a command that must be accepted. */
function apply(state: TTimerState, command: TTimerCommand, now: number): TTimerState {
  const result = reduce(state, command, now);
  if (!result.ok) throw new Error(`expected ${command.type} to be accepted, got "${result.error}"`);
  return result.state;
}

/** Applies a command that must be refused, checking the state was left untouched. */
function refusal(state: TTimerState, command: TTimerCommand, now: number): string {
  const before = JSON.stringify(state);
  const result = reduce(state, command, now);
  expect(JSON.stringify(state)).toBe(before);
  if (result.ok) throw new Error(`expected ${command.type} to be refused`);
  return result.error;
}

function run(steps: Array<[TTimerCommand, number]>): TTimerState {
  return steps.reduce((state, [command, now]) => apply(state, command, now), createTimer(PLAN));
}

const started = () => run([[{ type: 'start' }, T0]]);

describe('createTimer', () => {
  it('is scheduled at version 0 with the first phase full', () => {
    const state = createTimer(PLAN);
    expect(state).toMatchObject({ status: 'scheduled', phaseIndex: 0, version: 0, deadline: null, remainingMs: 5 * MIN });
    expect(state.extensionsMs).toEqual([0, 0, 0]);
    expect(state.history).toEqual([]);
    expect(ZTimerState.parse(state)).toEqual(state);
  });

  it('copies the plan and refuses an empty one', () => {
    const plan = PLAN.map((p) => ({ ...p }));
    const state = createTimer(plan);
    plan[0]!.minutes = 99;
    expect(state.plan[0]!.minutes).toBe(5);
    expect(() => createTimer([])).toThrow();
  });
});

describe('start', () => {
  it('goes live with the first phase deadline', () => {
    const state = started();
    expect(state).toMatchObject({
      status: 'live',
      phaseIndex: 0,
      deadline: T0 + 5 * MIN,
      remainingMs: null,
      startedAt: T0,
      phaseStartedAt: T0,
      version: 1,
    });
    expect(state.history).toEqual([{ at: T0, kind: 'start', phaseIndex: 0 }]);
    expect(remainingAt(state, T0 + 30 * SEC)).toBe(4 * MIN + 30 * SEC);
  });

  it('is refused once started', () => {
    expect(refusal(started(), { type: 'start' }, T0 + SEC)).toBe(TIMER_ERRORS.alreadyStarted);
    const paused = apply(started(), { type: 'pause' }, T0 + SEC);
    expect(refusal(paused, { type: 'start' }, T0 + 2 * SEC)).toBe(TIMER_ERRORS.alreadyStarted);
  });

  it('is the only command besides end before the interview starts', () => {
    const scheduled = createTimer(PLAN);
    for (const command of [{ type: 'pause' }, { type: 'resume' }, { type: 'next' }, { type: 'previous' }, { type: 'extend', minutes: 1 }] as const) {
      expect(refusal(scheduled, command, T0)).toBe(TIMER_ERRORS.notStarted);
    }
  });
});

describe('pause and resume', () => {
  it('preserves the remaining time across the pause', () => {
    const paused = apply(started(), { type: 'pause' }, T0 + 1 * MIN);
    expect(paused).toMatchObject({ status: 'paused', deadline: null, remainingMs: 4 * MIN });
    // The paused clock does not move, however long the pause.
    expect(remainingAt(paused, T0 + 60 * MIN)).toBe(4 * MIN);

    const resumed = apply(paused, { type: 'resume' }, T0 + 11 * MIN);
    expect(resumed).toMatchObject({ status: 'live', deadline: T0 + 15 * MIN, remainingMs: null });
    expect(remainingAt(resumed, T0 + 11 * MIN + SEC)).toBe(4 * MIN - SEC);
  });

  it('refuses pause when not live and resume when not paused', () => {
    const live = started();
    expect(refusal(live, { type: 'resume' }, T0 + SEC)).toBe(TIMER_ERRORS.notPaused);
    const paused = apply(live, { type: 'pause' }, T0 + SEC);
    expect(refusal(paused, { type: 'pause' }, T0 + 2 * SEC)).toBe(TIMER_ERRORS.alreadyPaused);
  });
});

describe('extend', () => {
  it('adds 1 minute to the live deadline and records it', () => {
    const state = apply(started(), { type: 'extend', minutes: 1 }, T0 + 2 * MIN);
    expect(state.deadline).toBe(T0 + 6 * MIN);
    expect(state.extensionsMs).toEqual([MIN, 0, 0]);
    expect(state.history.at(-1)).toEqual({ at: T0 + 2 * MIN, kind: 'extend', phaseIndex: 0 });
  });

  it('adds 5 minutes to the paused remaining time, on the current phase', () => {
    const state = run([
      [{ type: 'start' }, T0],
      [{ type: 'next' }, T0 + 5 * MIN],
      [{ type: 'pause' }, T0 + 6 * MIN],
      [{ type: 'extend', minutes: 5 }, T0 + 7 * MIN],
      [{ type: 'extend', minutes: 1 }, T0 + 7 * MIN],
    ]);
    expect(state).toMatchObject({ status: 'paused', remainingMs: 14 * MIN + 6 * MIN, deadline: null });
    expect(state.extensionsMs).toEqual([0, 6 * MIN, 0]);
  });

  it('offers only +1 and +5', () => {
    expect(ZTimerCommand.safeParse({ type: 'extend', minutes: 3 }).success).toBe(false);
    expect(ZTimerCommand.safeParse({ type: 'extend', minutes: 5 }).success).toBe(true);
    // Also refused by the reducer itself, for a command that bypassed the schema.
    const sneaky = { type: 'extend', minutes: 3 } as unknown as TTimerCommand;
    expect(refusal(started(), sneaky, T0 + SEC)).toBe(TIMER_ERRORS.badExtension);
  });
});

describe('next and previous', () => {
  it('gives the next phase its full planned time from now', () => {
    // Leaves phase 0 with 2 minutes unused: they are not carried over.
    const state = apply(started(), { type: 'next' }, T0 + 3 * MIN);
    expect(state).toMatchObject({ phaseIndex: 1, deadline: T0 + 18 * MIN, phaseStartedAt: T0 + 3 * MIN, status: 'live' });
  });

  it('gives the previous phase its full planned time again', () => {
    const state = run([
      [{ type: 'start' }, T0],
      [{ type: 'next' }, T0 + 5 * MIN],
      [{ type: 'previous' }, T0 + 8 * MIN],
    ]);
    expect(state).toMatchObject({ phaseIndex: 0, deadline: T0 + 13 * MIN });
    expect(state.history.map((e) => [e.kind, e.phaseIndex])).toEqual([['start', 0], ['next', 1], ['previous', 0]]);
  });

  it('keeps a paused timer paused with the new phase full', () => {
    const state = run([
      [{ type: 'start' }, T0],
      [{ type: 'pause' }, T0 + MIN],
      [{ type: 'next' }, T0 + 2 * MIN],
    ]);
    expect(state).toMatchObject({ status: 'paused', phaseIndex: 1, remainingMs: 15 * MIN, deadline: null });
  });

  it('refuses previous at the first phase and next at the last', () => {
    expect(refusal(started(), { type: 'previous' }, T0 + SEC)).toBe('This is the first phase');
    const last = run([
      [{ type: 'start' }, T0],
      [{ type: 'next' }, T0 + 5 * MIN],
      [{ type: 'next' }, T0 + 20 * MIN],
    ]);
    expect(last.phaseIndex).toBe(2);
    expect(refusal(last, { type: 'next' }, T0 + 25 * MIN)).toBe('This is the last phase; use End interview');
    expect(last.status).toBe('live');
  });
});

describe('late joiner', () => {
  it('computes the same remaining time from the stored state at any later moment', () => {
    const state = run([
      [{ type: 'start' }, T0],
      [{ type: 'pause' }, T0 + 2 * MIN],
      [{ type: 'resume' }, T0 + 4 * MIN],
      [{ type: 'extend', minutes: 1 }, T0 + 5 * MIN],
    ]);
    // 3 minutes left at the pause, resumed at +4 min, plus 1: due at +8 min.
    expect(state.deadline).toBe(T0 + 8 * MIN);

    const joinAt = T0 + 6 * MIN + 17 * SEC;
    const loaded = ZTimerState.parse(JSON.parse(JSON.stringify(state)));
    expect(remainingAt(loaded, joinAt)).toBe(remainingAt(state, joinAt));
    expect(remainingAt(loaded, joinAt)).toBe(MIN + 43 * SEC);
    expect(timerView(loaded, joinAt)).toEqual({
      status: 'live',
      phaseIndex: 0,
      phaseName: 'Requirements',
      phaseCount: 3,
      remainingMs: MIN + 43 * SEC,
      isOvertime: false,
      totalPlannedMs: 25 * MIN,
      elapsedMs: 4 * MIN + 17 * SEC,
    });
  });
});

describe('overtime', () => {
  it('shows as negative remaining time and survives pause and resume', () => {
    const live = started();
    const over = T0 + 5 * MIN + 90 * SEC;
    expect(remainingAt(live, over)).toBe(-90 * SEC);
    expect(timerView(live, over)).toMatchObject({ remainingMs: -90 * SEC, isOvertime: true });
    expect(timerView(live, T0 + 5 * MIN)).toMatchObject({ remainingMs: 0, isOvertime: false });

    const paused = apply(live, { type: 'pause' }, over);
    expect(paused.remainingMs).toBe(-90 * SEC);
    expect(timerView(paused, over + 10 * MIN)).toMatchObject({ remainingMs: -90 * SEC, isOvertime: true });

    const resumed = apply(paused, { type: 'resume' }, over + 10 * MIN);
    expect(resumed.deadline).toBe(over + 10 * MIN - 90 * SEC);
    expect(remainingAt(resumed, over + 10 * MIN + 30 * SEC)).toBe(-2 * MIN);
  });

  it('shortens the overrun when extended in overtime', () => {
    const state = apply(started(), { type: 'extend', minutes: 1 }, T0 + 7 * MIN);
    expect(remainingAt(state, T0 + 7 * MIN)).toBe(-MIN);
  });
});

describe('end', () => {
  it('ends from scheduled', () => {
    const state = apply(createTimer(PLAN), { type: 'end' }, T0);
    expect(state).toMatchObject({ status: 'ended', endedAt: T0, startedAt: null, deadline: null, remainingMs: 5 * MIN, version: 1 });
  });

  it('ends from live, freezing the clock as it was', () => {
    const state = apply(started(), { type: 'end' }, T0 + 7 * MIN);
    expect(state).toMatchObject({ status: 'ended', endedAt: T0 + 7 * MIN, deadline: null, remainingMs: -2 * MIN });
    expect(remainingAt(state, T0 + 60 * MIN)).toBe(-2 * MIN);
  });

  it('ends from paused', () => {
    const paused = apply(started(), { type: 'pause' }, T0 + MIN);
    const state = apply(paused, { type: 'end' }, T0 + 3 * MIN);
    expect(state).toMatchObject({ status: 'ended', endedAt: T0 + 3 * MIN, remainingMs: 4 * MIN });
    expect(ZTimerState.parse(state)).toEqual(state);
  });

  it('refuses every command afterwards', () => {
    const ended = apply(started(), { type: 'end' }, T0 + MIN);
    const commands: TTimerCommand[] = [
      { type: 'start' },
      { type: 'pause' },
      { type: 'resume' },
      { type: 'extend', minutes: 1 },
      { type: 'extend', minutes: 5 },
      { type: 'next' },
      { type: 'previous' },
      { type: 'end' },
    ];
    for (const command of commands) expect(refusal(ended, command, T0 + 2 * MIN)).toBe('The interview has ended');
  });
});

describe('version', () => {
  it('increments exactly once per accepted command and never on a refused one', () => {
    const script: Array<[TTimerCommand, number, boolean]> = [
      [{ type: 'pause' }, T0, false],
      [{ type: 'start' }, T0, true],
      [{ type: 'start' }, T0 + SEC, false],
      [{ type: 'previous' }, T0 + SEC, false],
      [{ type: 'extend', minutes: 1 }, T0 + 2 * SEC, true],
      [{ type: 'pause' }, T0 + 3 * SEC, true],
      [{ type: 'pause' }, T0 + 4 * SEC, false],
      [{ type: 'next' }, T0 + 5 * SEC, true],
      [{ type: 'resume' }, T0 + 6 * SEC, true],
      [{ type: 'next' }, T0 + 7 * SEC, true],
      [{ type: 'next' }, T0 + 8 * SEC, false],
      [{ type: 'end' }, T0 + 9 * SEC, true],
      [{ type: 'end' }, T0 + 10 * SEC, false],
    ];
    let state = createTimer(PLAN);
    const versions: number[] = [];
    for (const [command, now, isAccepted] of script) {
      const result = reduce(state, command, now);
      expect(result.ok).toBe(isAccepted);
      if (result.ok) state = result.state;
      versions.push(state.version);
    }
    expect(versions).toEqual([0, 1, 1, 1, 2, 3, 3, 4, 5, 6, 6, 7, 7]);
    expect(state.history).toHaveLength(7);
  });
});

describe('server time', () => {
  it('refuses a non-integer or negative now', () => {
    expect(refusal(createTimer(PLAN), { type: 'start' }, Number.NaN)).toBe(TIMER_ERRORS.invalidTime);
    expect(refusal(createTimer(PLAN), { type: 'start' }, T0 + 0.5)).toBe(TIMER_ERRORS.invalidTime);
    expect(refusal(createTimer(PLAN), { type: 'start' }, -1)).toBe(TIMER_ERRORS.invalidTime);
  });

  it('never lets a command go back in time behind the previous one', () => {
    // A second server whose clock is 2 s behind handles the pause.
    const paused = apply(started(), { type: 'pause' }, T0 - 2 * SEC);
    expect(paused.history.at(-1)?.at).toBe(T0);
    expect(paused.remainingMs).toBe(5 * MIN);
    expect(ZTimerState.safeParse(paused).success).toBe(true);
  });

  it('caps the history but always lets the interview end', () => {
    let state = started();
    let now = T0;
    while (state.history.length < MAX_HISTORY - 1) state = apply(state, { type: 'extend', minutes: 1 }, (now += SEC));
    expect(refusal(state, { type: 'pause' }, now + SEC)).toBe(TIMER_ERRORS.tooManyChanges);
    const ended = apply(state, { type: 'end' }, now + SEC);
    expect(ended.history).toHaveLength(MAX_HISTORY);
    expect(ZTimerState.safeParse(ended).success).toBe(true);
  });
});

describe('ZTimerState', () => {
  const valid = () => JSON.parse(JSON.stringify(apply(started(), { type: 'pause' }, T0 + MIN))) as Record<string, unknown>;

  it('accepts a stored state', () => {
    expect(ZTimerState.safeParse(valid()).success).toBe(true);
  });

  it('rejects garbage', () => {
    for (const garbage of [null, 'live', 42, [], {}, { ...valid(), plan: [] }, { ...valid(), status: 'running' }]) {
      expect(ZTimerState.safeParse(garbage).success).toBe(false);
    }
  });

  it('rejects a state whose fields contradict each other', () => {
    const broken: Array<Record<string, unknown>> = [
      { phaseIndex: 3 },
      { extensionsMs: [0, 0] },
      { status: 'live' }, // live without a deadline
      { deadline: T0 + MIN }, // paused with a deadline
      { remainingMs: null }, // paused without remaining time
      { remainingMs: 1.5 },
      { version: 5 }, // history holds 2 events
      { endedAt: T0 }, // not ended
      { startedAt: null },
      { history: [{ at: T0 + MIN, kind: 'start', phaseIndex: 0 }, { at: T0, kind: 'pause', phaseIndex: 0 }] },
      { history: [{ at: T0, kind: 'start', phaseIndex: 7 }, { at: T0 + MIN, kind: 'pause', phaseIndex: 0 }] },
      { history: [{ at: T0, kind: 'explode', phaseIndex: 0 }, { at: T0 + MIN, kind: 'pause', phaseIndex: 0 }] },
    ];
    for (const change of broken) {
      expect(ZTimerState.safeParse({ ...valid(), ...change }).success, JSON.stringify(change)).toBe(false);
    }
  });
});

describe('phaseDurations', () => {
  it('counts live time per phase, leaving the pause out', () => {
    const state = run([
      [{ type: 'start' }, T0],
      [{ type: 'next' }, T0 + 6 * MIN], // 6 min in requirements
      [{ type: 'pause' }, T0 + 10 * MIN], // 4 min in design so far
      [{ type: 'resume' }, T0 + 13 * MIN], // 3 min paused: not counted
      [{ type: 'extend', minutes: 5 }, T0 + 20 * MIN],
      [{ type: 'next' }, T0 + 25 * MIN], // 4 + 12 = 16 min in design
    ]);
    const at = T0 + 27 * MIN; // wrap-up live for 2 min
    expect(phaseDurations(state, at)).toEqual([
      { id: 'requirements', name: 'Requirements', plannedMs: 5 * MIN, extendedMs: 0, actualMs: 6 * MIN },
      { id: 'high-level-design', name: 'High-level design', plannedMs: 15 * MIN, extendedMs: 5 * MIN, actualMs: 16 * MIN },
      { id: 'wrap-up', name: 'Wrap-up', plannedMs: 5 * MIN, extendedMs: 0, actualMs: 2 * MIN },
    ]);
    expect(timerView(state, at).elapsedMs).toBe(24 * MIN);

    // After the end, later `now` values add nothing.
    const ended = apply(state, { type: 'end' }, T0 + 30 * MIN);
    expect(phaseDurations(ended, T0 + 90 * MIN).map((d) => d.actualMs)).toEqual([6 * MIN, 16 * MIN, 5 * MIN]);
  });

  it('adds time back to a phase that was revisited', () => {
    const state = run([
      [{ type: 'start' }, T0],
      [{ type: 'next' }, T0 + 5 * MIN],
      [{ type: 'previous' }, T0 + 7 * MIN],
      [{ type: 'pause' }, T0 + 8 * MIN],
    ]);
    expect(phaseDurations(state, T0 + 60 * MIN).map((d) => d.actualMs)).toEqual([6 * MIN, 2 * MIN, 0]);
  });
});

describe('estimateClockOffset', () => {
  // The client clock is 3 minutes behind the server: server = client + 3 min.
  const SKEW = 3 * MIN;
  const sample = (clientSentAt: number, upMs: number, downMs: number) => ({
    clientSentAt,
    serverTime: clientSentAt + upMs + SKEW,
    clientReceivedAt: clientSentAt + upMs + downMs,
  });

  it('recovers the skew within half the round trip, trusting the fastest sample', () => {
    const client = T0 - SKEW;
    const slow = sample(client, 400, 20); // RTT 420, asymmetric: its estimate is 190 ms off
    const fast = sample(client + 1000, 30, 10); // RTT 40
    const medium = sample(client + 2000, 100, 100); // RTT 200
    const offset = estimateClockOffset([slow, fast, medium]);
    expect(offset).toBe(SKEW + 10);
    expect(Math.abs(offset! - SKEW)).toBeLessThanOrEqual(40 / 2);
    // The slow sample alone is further off, though still within its own bound.
    expect(estimateClockOffset([slow])).toBe(SKEW + 190);
  });

  it('returns null without a usable sample and skips impossible ones', () => {
    expect(estimateClockOffset([])).toBeNull();
    const backwards = { clientSentAt: 1000, serverTime: 5000, clientReceivedAt: 900 };
    expect(estimateClockOffset([backwards])).toBeNull();
    expect(estimateClockOffset([backwards, sample(0, 50, 50)])).toBe(SKEW);
  });
});

describe('displayRemainingAt', () => {
  it('never shows more than the phase was given, even with a clock estimate that runs behind', () => {
    const plan = [
      { id: 'a', name: 'A', minutes: 5 },
      { id: 'b', name: 'B', minutes: 10 },
    ];
    const started = reduce(createTimer(plan), { type: 'start' }, 1_000_000);
    if (!started.ok) throw new Error(started.error);
    // A browser whose estimate of the server clock is 400 ms behind.
    expect(remainingAt(started.state, 1_000_000 - 400)).toBe(300_400);
    expect(displayRemainingAt(started.state, 1_000_000 - 400)).toBe(300_000);
    // Extensions count as given time; overtime is untouched.
    const extended = reduce(started.state, { type: 'extend', minutes: 1 }, 1_000_000);
    if (!extended.ok) throw new Error(extended.error);
    expect(displayRemainingAt(extended.state, 1_000_000 - 400)).toBe(360_000);
    expect(displayRemainingAt(extended.state, 1_000_000 + 400_000)).toBe(-40_000);
  });
});
