'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { TClockOffset } from '@/components/timer/use-clock-offset';
import type { TRecordingState } from '@/lib/domain/recording';
import type { CallRecorder } from './call-recorder';
import { IDLE_RECORDER, type TRecorderSnapshot } from './recorder-state';

const noop = () => () => undefined;
const LOAD_FAILED: TRecorderSnapshot = { ...IDLE_RECORDER, phase: 'failed', error: 'The recorder could not be loaded (connection lost?): reload the page to record your voice.' };

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
  const [isLoadFailed, setIsLoadFailed] = useState(false);
  const clockRef = useRef(clock);
  useEffect(() => {
    clockRef.current = clock;
  }, [clock]);
  useEffect(() => {
    if (!activeId) return;
    const serverNow = () => (clockRef.current.isMeasured ? Date.now() + clockRef.current.offsetMs : null);
    let created: CallRecorder | null = null;
    let isStopped = false;
    // The recorder (MediaRecorder, the uploads) is a chunk of its own, fetched when a recording
    // becomes active: most interviews are never recorded.
    import('./call-recorder').then(
      ({ CallRecorder }) => {
        if (isStopped) return;
        created = new CallRecorder(interviewId, activeId, serverNow);
        void created.start(deviceId);
        setRecorder(created);
      },
      () => {
        if (!isStopped) setIsLoadFailed(true);
      },
    );
    const onPageHide = () => created?.flush();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      isStopped = true;
      window.removeEventListener('pagehide', onPageHide);
      created?.stop();
    };
    // The device is read when the recording starts; changing it mid-recording keeps the track.
  }, [interviewId, activeId]);
  useEffect(() => {
    recorder?.setMicOn(isMicOn);
  }, [recorder, isMicOn]);
  const snapshot = useSyncExternalStore(recorder?.subscribe ?? noop, recorder?.getSnapshot ?? (() => IDLE_RECORDER), () => IDLE_RECORDER);
  return isLoadFailed && !recorder ? LOAD_FAILED : snapshot;
}
