'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { TResult } from '@/lib/result';
import type { TScorecardList, TScorecardView } from '@/lib/use-cases/submit-scorecard';

/**
 * The submitted scorecards the signed-in user may read, from GET /api/interviews/:id/scorecards.
 * The server decides what that is (all versions for the interviewer, the latest once released for the
 * candidate); nothing here filters, so nothing extra can reach the candidate's browser.
 */
export function useScorecards(interviewId: string) {
  const [versions, setVersions] = useState<TScorecardView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Answers can arrive out of order (focus + interval + button); only the newest request counts.
  const latestRequest = useRef(0);

  const refresh = useCallback(async (): Promise<TScorecardView[] | null> => {
    const request = ++latestRequest.current;
    try {
      const response = await fetch(`/api/interviews/${encodeURIComponent(interviewId)}/scorecards`, { cache: 'no-store' });
      const result = (await response.json()) as TResult<TScorecardList>;
      if (request !== latestRequest.current) return null;
      if (!result.ok) {
        setError(result.error.message);
        return null;
      }
      setVersions(result.data.versions);
      setError(null);
      return result.data.versions;
    } catch {
      if (request === latestRequest.current) setError('Could not load the scorecard. Check your connection.');
      return null;
    }
  }, [interviewId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { versions, error, refresh };
}
