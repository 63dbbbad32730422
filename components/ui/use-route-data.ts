'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchResult } from './fetch-result';

/**
 * What one GET route answers, loaded on mount and again on `refresh()` (which also returns it).
 * Answers can arrive out of order (focus, interval and a button all refresh): only the newest
 * request counts. A failure keeps the last data and sets `error`.
 */
export function useRouteData<T>(url: string, offlineMessage: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latestRequest = useRef(0);

  const refresh = useCallback(async (): Promise<T | null> => {
    const request = ++latestRequest.current;
    const result = await fetchResult<T>(url, { cache: 'no-store', offlineMessage });
    if (request !== latestRequest.current) return null;
    if (!result.ok) {
      setError(result.error.message);
      return null;
    }
    setData(result.data);
    setError(null);
    return result.data;
  }, [url, offlineMessage]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { data, error, refresh };
}
