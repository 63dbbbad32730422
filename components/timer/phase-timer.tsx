'use client';

import { useEffect, useRef, useState } from 'react';
import { displayRemainingAt, type TTimerCommand, type TTimerState } from '@/lib/domain/phase-timer';
import type { TTimerCommandResult } from '@/lib/protocol/timer';
import type { TResult } from '@/lib/result';
import type { TClientSocket } from '@/components/realtime/use-realtime';
import { formatCountdown, phaseAnnouncement } from './format-countdown';
import styles from './phase-timer.module.css';
import { useClockOffset } from './use-clock-offset';
import { useTimerState } from './use-timer-state';

/** Four redraws a second: a displayed second is never more than a quarter second late. */
const TICK_MS = 250;
/** How long the phase-change toast stays up. */
const TOAST_MS = 6_000;

const STATUS_NOTES = { scheduled: 'Not started', live: null, paused: 'Paused', ended: 'Ended' } as const;

type Props = {
  socket: TClientSocket | null;
  interviewId: string;
  /** The state from the room's join answer (null until joined). */
  joined: TTimerState | null;
  /** The interviewer's controls; the candidate only watches. */
  canControl: boolean;
  onCommand: (command: TTimerCommand) => Promise<TResult<TTimerCommandResult>>;
};

/** The current phase and its remaining time, on the server's clock, with the interviewer's controls. */
export function PhaseTimer({ socket, interviewId, joined, canControl, onCommand }: Props) {
  const { state, accept } = useTimerState(socket, interviewId, joined);
  const { offsetMs, isMeasured } = useClockOffset(socket);
  const now = useNow(state?.status === 'live' ? TICK_MS : null);
  const announcement = usePhaseAnnouncement(state);
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(command: TTimerCommand) {
    setIsPending(true);
    const result = await onCommand(command);
    setIsPending(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    accept(result.data.state);
  }

  if (!state) {
    return (
      <section className={styles.timer} aria-label="Phase timer" aria-busy="true">
        <span className={styles.phase}>Timer…</span>
      </section>
    );
  }

  const phase = state.plan[state.phaseIndex];
  const phaseCount = state.plan.length;
  const isLive = state.status === 'live';
  const isRunning = isLive || state.status === 'paused';
  // Until this browser knows its clock offset a live countdown could be minutes off: show none.
  const remainingMs = isLive && !isMeasured ? null : displayRemainingAt(state, now + offsetMs);
  const isOvertime = remainingMs !== null && remainingMs < 0;
  const note = STATUS_NOTES[state.status];

  return (
    <section className={styles.timer} aria-label="Phase timer" data-status={state.status} data-overtime={isOvertime}>
      <div className={styles.readout}>
        <span className={styles.phase} data-testid="timer-phase">
          {state.phaseIndex + 1}/{phaseCount} · {phase?.name}
        </span>
        <span
          role="timer"
          className={`${styles.remaining} ${isOvertime ? styles.overtime : ''}`}
          data-testid="timer-remaining"
          aria-label={isOvertime ? 'Overtime' : 'Time left in this phase'}
        >
          {remainingMs === null ? '--:--' : formatCountdown(remainingMs)}
        </span>
        {isOvertime ? <span className={styles.overtimeLabel}>Overtime</span> : null}
        {note ? <span className={styles.note}>{note}</span> : null}
      </div>

      {canControl && state.status !== 'ended' ? (
        <div className={styles.controls} role="group" aria-label="Timer controls">
          {state.status === 'scheduled' ? (
            <button type="button" className="button primary" disabled={isPending} onClick={() => void send({ type: 'start' })}>
              Start interview
            </button>
          ) : (
            <>
              {isLive ? (
                <button type="button" className="button" disabled={isPending} onClick={() => void send({ type: 'pause' })}>
                  Pause
                </button>
              ) : (
                <button type="button" className="button primary" disabled={isPending} onClick={() => void send({ type: 'resume' })}>
                  Resume
                </button>
              )}
              {/* Short labels keep the room's header on one line at 1280 px; the names say it in full. */}
              <button
                type="button"
                className="button"
                disabled={isPending || !isRunning}
                aria-label="+1 min"
                title="Add 1 minute to this phase"
                onClick={() => void send({ type: 'extend', minutes: 1 })}
              >
                +1
              </button>
              <button
                type="button"
                className="button"
                disabled={isPending || !isRunning}
                aria-label="+5 min"
                title="Add 5 minutes to this phase"
                onClick={() => void send({ type: 'extend', minutes: 5 })}
              >
                +5
              </button>
              <button
                type="button"
                className="button"
                disabled={isPending || state.phaseIndex === 0}
                aria-label="Previous phase"
                title="Previous phase"
                onClick={() => void send({ type: 'previous' })}
              >
                ‹ Prev
              </button>
              <button
                type="button"
                className="button"
                disabled={isPending || state.phaseIndex >= phaseCount - 1}
                aria-label="Next phase"
                title="Next phase"
                onClick={() => void send({ type: 'next' })}
              >
                Next ›
              </button>
            </>
          )}
        </div>
      ) : null}

      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : null}

      {/* Always in the page, so screen readers pick up the change; the toast is the visible twin. */}
      <p className="sr-only" role="status" aria-live="polite" data-testid="timer-announcer">
        {announcement?.text ?? ''}
      </p>
      {announcement ? (
        <div key={announcement.id} className={styles.toast} aria-hidden="true" data-testid="timer-toast">
          {announcement.text}
        </div>
      ) : null}
    </section>
  );
}

/** Date.now(), refreshed every `intervalMs` (not at all when null: a stopped clock needs no redraws). */
function useNow(intervalMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (intervalMs === null) return;
    setNow(Date.now());
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}

/**
 * A phase change seen while the room is open (start, next, previous, or one missed while
 * disconnected), as text for the toast and the live region; cleared after a few seconds. The
 * first state a tab sees is not announced: a late joiner has not seen anything change.
 */
function usePhaseAnnouncement(state: TTimerState | null): { id: number; text: string } | null {
  const [announcement, setAnnouncement] = useState<{ id: number; text: string } | null>(null);
  const seen = useRef<TTimerState | null>(null);

  useEffect(() => {
    if (!state) return;
    const previous = seen.current;
    seen.current = state;
    if (!previous || state.version <= previous.version) return;
    const hasStarted = previous.status === 'scheduled' && state.status === 'live';
    if (!hasStarted && state.phaseIndex === previous.phaseIndex) return;
    const name = state.plan[state.phaseIndex]?.name ?? '';
    setAnnouncement((current) => ({ id: (current?.id ?? 0) + 1, text: phaseAnnouncement(state.phaseIndex, state.plan.length, name) }));
  }, [state]);

  useEffect(() => {
    if (!announcement) return;
    const id = window.setTimeout(() => setAnnouncement(null), TOAST_MS);
    return () => window.clearTimeout(id);
  }, [announcement]);

  return announcement;
}
