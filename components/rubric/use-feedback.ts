'use client';

import { useRouteData } from '@/components/ui/use-route-data';
import type { TFeedbackRead } from '@/lib/protocol/review';

/**
 * The feedback the signed-in user may read, from GET /api/interviews/:id/feedback. The server
 * applies the blind release; nothing here filters.
 */
export function useFeedback(interviewId: string) {
  const { data, error, refresh } = useRouteData<TFeedbackRead>(
    `/api/interviews/${encodeURIComponent(interviewId)}/feedback`,
    'Could not load the feedback. Check your connection.',
  );
  return { read: data, error, refresh };
}
