'use client';

import { useEffect, useState } from 'react';
import { DEGRADED_MESSAGE } from '@/components/ui/degraded';

/**
 * What a page that failed to render shows. When the cause is a database outage (asked from
 * /api/health, since a production error carries no message), it says so: the user is still
 * signed in and only has to wait, never "sign in again".
 */
export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const [isDegraded, setIsDegraded] = useState(false);
  useEffect(() => {
    void fetch('/api/health', { cache: 'no-store' })
      .then(async (response) => ((await response.json()) as { database?: { reachable?: boolean } }).database?.reachable === false)
      .then(setIsDegraded, () => undefined);
  }, []);
  return (
    <main>
      <h1>This page could not be loaded</h1>
      <p className={isDegraded ? 'alert warn' : 'muted'} role="alert">
        {isDegraded ? DEGRADED_MESSAGE : 'Something went wrong on our side.'}
      </p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
