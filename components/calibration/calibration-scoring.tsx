'use client';

import { useRouter } from 'next/navigation';
import { ScorecardForm } from '@/components/rubric/scorecard-form';

/** The normal scoring form, sent to the reference session's route; the page then shows the gap. */
export function CalibrationScoring({ slug }: { slug: string }) {
  const router = useRouter();
  return (
    <ScorecardForm
      interviewId={slug}
      endpoint={`/api/calibration/${encodeURIComponent(slug)}`}
      targetLevel="L5"
      blockedReason={null}
      onSubmitted={() => router.refresh()}
    />
  );
}
