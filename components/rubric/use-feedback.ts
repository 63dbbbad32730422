'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { TResult } from '@/lib/result';
import type { TFeedbackRead } from '@/lib/use-cases/feedback';

/**
 * The feedback the signed-in user may read, from GET /api/interviews/:id/feedback. The server
 * applies the blind release; nothing here filters.
 */
export function useFeedback(interviewId: string) {
  const [read, setRead] = useState<TFeedbackRead | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Answers can arrive out of order; only the newest request counts.
  const latestRequest = useRef(0);

  const refresh = useCallback(async (): Promise<void> => {
    const request = ++latestRequest.current;
    try {
      const response = await fetch(`/api/interviews/${encodeURIComponent(interviewId)}/feedback`, { cache: 'no-store' });
      const result = (await response.json()) as TResult<TFeedbackRead>;
      if (request !== latestRequest.current) return;
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setRead(result.data);
      setError(null);
    } catch {
      if (request === latestRequest.current) setError('Could not load the feedback. Check your connection.');
    }
  }, [interviewId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { read, error, refresh };
}
