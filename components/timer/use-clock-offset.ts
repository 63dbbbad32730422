'use client';

import { useEffect, useState } from 'react';
import { estimateClockOffset, type TClockSample } from '@/lib/domain/phase-timer';
import type { TClientSocket } from '@/components/realtime/use-realtime';

/** Round trips per measurement: the shortest one wins, so a few are enough to dodge a slow one. */
const SAMPLES = 5;
const SAMPLE_TIMEOUT_MS = 5_000;

export type TClockOffset = {
  /** Server clock minus this browser's clock, in ms: render with `Date.now() + offsetMs`. */
  offsetMs: number;
  /** False until the first measurement finished (successfully or not). */
  isMeasured: boolean;
};

/**
 * Measures this browser's clock against the server's at every (re)connect through `clock:sync`.
 * Laptop clocks are often off by seconds and sometimes by minutes; the server's deadlines are
 * only meaningful on the server's clock. A new measurement replaces the old one (sleep, drift).
 */
export function useClockOffset(socket: TClientSocket | null): TClockOffset {
  const [clock, setClock] = useState<TClockOffset>({ offsetMs: 0, isMeasured: false });

  useEffect(() => {
    if (!socket) return;
    // A reconnect while measuring, or unmounting, makes the older run stop writing.
    let run = 0;
    const measure = async () => {
      const mine = ++run;
      const samples: TClockSample[] = [];
      for (let i = 0; i < SAMPLES && mine === run && socket.connected; i += 1) {
        const clientSentAt = Date.now();
        try {
          const result = await socket.timeout(SAMPLE_TIMEOUT_MS).emitWithAck('clock:sync', { clientSentAt });
          const clientReceivedAt = Date.now();
          if (result.ok) samples.push({ clientSentAt, serverTime: result.data.serverTime, clientReceivedAt });
        } catch {
          // Timed out: this sample is lost; the others still count.
        }
      }
      if (mine !== run) return;
      const offsetMs = estimateClockOffset(samples);
      // Without a usable sample keep what we had (0 at first): better than showing nothing.
      setClock((previous) => ({ offsetMs: offsetMs ?? previous.offsetMs, isMeasured: true }));
    };
    const onConnect = () => void measure();
    socket.on('connect', onConnect);
    if (socket.connected) onConnect();
    return () => {
      run += 1;
      socket.off('connect', onConnect);
    };
  }, [socket]);

  return clock;
}
