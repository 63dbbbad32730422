'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { TClockOffset } from '@/components/timer/use-clock-offset';
import type { TRecordingState } from '@/lib/domain/recording';
import { CallRecorder, IDLE_RECORDER, type TRecorderSnapshot } from './call-recorder';

const noop = () => () => undefined;

/**
 * This browser's share of a consented recording: a recorder runs exactly while the server says
 * the recording is active and the interview has not ended. A reload starts a new track.
 */
export function useCallRecorder(
  interviewId: string,
  recording: TRecordingState | null,
  isEnded: boolean,
  isMicOn: boolean,
  deviceId: string | null,
  clock: TClockOffset,
): TRecorderSnapshot {
  const activeId = recording?.status === 'active' && !isEnded ? recording.id : null;
  const [recorder, setRecorder] = useState<CallRecorder | null>(null);
  const clockRef = useRef(clock);
  useEffect(() => {
    clockRef.current = clock;
  }, [clock]);
  useEffect(() => {
    if (!activeId) return;
    const serverNow = () => (clockRef.current.isMeasured ? Date.now() + clockRef.current.offsetMs : null);
    const created = new CallRecorder(interviewId, activeId, serverNow);
    void created.start(deviceId);
    setRecorder(created);
    const onPageHide = () => created.flush();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      created.stop();
    };
    // The device is read when the recording starts; changing it mid-recording keeps the track.
  }, [interviewId, activeId]);
  useEffect(() => {
    recorder?.setMicOn(isMicOn);
  }, [recorder, isMicOn]);
  return useSyncExternalStore(recorder?.subscribe ?? noop, recorder?.getSnapshot ?? (() => IDLE_RECORDER), () => IDLE_RECORDER);
}
