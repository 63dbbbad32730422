'use client';

import { useEffect, useState } from 'react';

/** The latest an idle moment is waited for: a page that is never idle still gets its panels. */
const IDLE_TIMEOUT_MS = 2000;

/**
 * False in the server's HTML and on hydration, true once the browser is first idle after it.
 * For what the first paint does not need (a hidden tab's panel): mounting it then fetches its
 * chunk without holding up hydration or the board's own chunk.
 */
export function useIdle(): boolean {
  const [isIdle, setIsIdle] = useState(false);
  useEffect(() => {
    // Safari has no requestIdleCallback: a timer after the current work is close enough.
    if (typeof window.requestIdleCallback !== 'function') {
      const timer = window.setTimeout(() => setIsIdle(true), 200);
      return () => window.clearTimeout(timer);
    }
    const handle = window.requestIdleCallback(() => setIsIdle(true), { timeout: IDLE_TIMEOUT_MS });
    return () => window.cancelIdleCallback(handle);
  }, []);
  return isIdle;
}
