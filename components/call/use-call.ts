'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { TClientSocket } from '@/components/realtime/use-realtime';
import { CallEngine, IDLE_CALL, type TCallSnapshot } from './call-engine';

const noop = () => () => undefined;

/**
 * The room's call: one engine per page and socket while the interview has not ended. Ending the
 * interview stops it (microphone and camera released, connection closed).
 */
export function useCall(socket: TClientSocket | null, interviewId: string, isEnded: boolean): { engine: CallEngine | null; call: TCallSnapshot } {
  const [engine, setEngine] = useState<CallEngine | null>(null);
  useEffect(() => {
    if (!socket || isEnded) return;
    const created = new CallEngine(socket, interviewId);
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
