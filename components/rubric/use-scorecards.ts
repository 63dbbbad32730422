'use client';

import { useCallback } from 'react';
import { useRouteData } from '@/components/ui/use-route-data';
import type { TScorecardList, TScorecardView } from '@/lib/protocol/review';

/**
 * The submitted scorecards the signed-in user may read, from GET /api/interviews/:id/scorecards.
 * The server decides what that is (all versions for the interviewer, the latest once released for the
 * candidate); nothing here filters, so nothing extra can reach the candidate's browser.
 */
export function useScorecards(interviewId: string) {
  const { data, error, refresh: reload } = useRouteData<TScorecardList>(
    `/api/interviews/${encodeURIComponent(interviewId)}/scorecards`,
    'Could not load the scorecard. Check your connection.',
  );
  const refresh = useCallback(async (): Promise<TScorecardView[] | null> => (await reload())?.versions ?? null, [reload]);
  return { versions: data?.versions ?? null, error, refresh };
}
