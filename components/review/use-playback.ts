'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { skipIdle, type TIdleStretch, type TReplaySpan } from '@/lib/domain/replay-timeline';

export const REPLAY_SPEEDS = [1, 2, 4, 8] as const;
export type TReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/**
 * The replay's clock: play advances by real elapsed time × speed and stops at the end; with
 * `isSkippingIdle`, a stretch in which nothing happened is jumped over. Opens on `initial`.
 */
export function usePlayback(span: TReplaySpan | null, idle: readonly TIdleStretch[], initial: 'start' | 'end') {
  const [time, setTime] = useState(0);
  const [isPlaying, setIsPlaying] = useState(false);
  const [speed, setSpeed] = useState<TReplaySpeed>(1);
  const [isSkippingIdle, setIsSkippingIdle] = useState(true);
  const timeRef = useRef(0);
  useEffect(() => {
    timeRef.current = time;
  }, [time]);

  const from = span?.from;
  const to = span?.to;
  useEffect(() => {
    if (from === undefined || to === undefined) return;
    setTime(initial === 'start' ? from : to);
  }, [from, to, initial]);

  useEffect(() => {
    if (!isPlaying || to === undefined) return;
    let last = performance.now();
    let handle = requestAnimationFrame(function tick(now) {
      const advanced = timeRef.current + (now - last) * speed;
      const next = Math.min(to, isSkippingIdle ? skipIdle(idle, advanced) : advanced);
      last = now;
      timeRef.current = next;
      setTime(next);
      if (next >= to) setIsPlaying(false);
      else handle = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(handle);
  }, [isPlaying, to, speed, isSkippingIdle, idle]);

  /** Shows moment `t` (clamped to the span) and pauses. */
  const seek = useCallback(
    (t: number) => {
      if (from === undefined || to === undefined) return;
      setIsPlaying(false);
      setTime(Math.min(Math.max(t, from), to));
    },
    [from, to],
  );

  const togglePlay = useCallback(() => {
    if (from === undefined || to === undefined) return;
    // Play at the end starts over; from a moment inside an idle stretch, at its end.
    if (!isPlaying) {
      const start = timeRef.current >= to ? from : timeRef.current;
      timeRef.current = isSkippingIdle ? skipIdle(idle, start) : start;
      setTime(timeRef.current);
    }
    setIsPlaying((playing) => !playing);
  }, [from, to, isPlaying, isSkippingIdle, idle]);

  return { time, timeRef, isPlaying, togglePlay, seek, speed, setSpeed, isSkippingIdle, setIsSkippingIdle };
}
