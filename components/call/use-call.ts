'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { TClientSocket } from '@/components/realtime/use-realtime';
import { CallLoader, type TCallControls } from './call-loader';
import { IDLE_CALL, type TCallSnapshot } from './call-state';

const noop = () => () => undefined;

/**
 * The room's call: one per page and socket while the interview has not ended. Ending the
 * interview stops it (microphone and camera released, connection closed). The engine itself is
 * loaded on demand (call-loader.ts): the room's first load does without it.
 */
export function useCall(socket: TClientSocket | null, interviewId: string, isEnded: boolean): { engine: TCallControls | null; call: TCallSnapshot } {
  const [engine, setEngine] = useState<CallLoader | null>(null);
  useEffect(() => {
    if (!socket || isEnded) return;
    const created = new CallLoader(socket, interviewId);
    created.start();
    setEngine(created);
    const onPageHide = () => created.stop();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      created.stop();
      setEngine(null);
    };
  }, [socket, interviewId, isEnded]);
  const call = useSyncExternalStore(engine?.subscribe ?? noop, engine?.getSnapshot ?? (() => IDLE_CALL), () => IDLE_CALL);
  return { engine, call };
}
