'use client';

import { useCallback, useEffect, useState } from 'react';
import type { TTimerState } from '@/lib/domain/phase-timer';
import type { TClientSocket } from '@/components/realtime/use-realtime';

/** The newer of two snapshots by version: broadcasts, join answers and acks can arrive in any order. */
function newest(a: TTimerState | null, b: TTimerState | null): TTimerState | null {
  if (!a) return b;
  if (!b) return a;
  return b.version > a.version ? b : a;
}

/**
 * The interview's timer state: the room's join answer (`joined`, refreshed at every reconnect),
 * every `timer:state` broadcast and our own command acks, whichever is newest.
 */
export function useTimerState(socket: TClientSocket | null, interviewId: string, joined: TTimerState | null) {
  const [received, setReceived] = useState<TTimerState | null>(null);

  useEffect(() => {
    if (!socket) return;
    const onState = (payload: { interviewId: string; state: TTimerState }) => {
      if (payload.interviewId === interviewId) setReceived((current) => newest(current, payload.state));
    };
    socket.on('timer:state', onState);
    return () => {
      socket.off('timer:state', onState);
    };
  }, [socket, interviewId]);

  const accept = useCallback((state: TTimerState) => setReceived((current) => newest(current, state)), []);
  return { state: newest(joined, received), accept };
}
