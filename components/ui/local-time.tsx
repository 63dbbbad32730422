'use client';

import { useEffect, useState } from 'react';

const UTC = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' });

/**
 * A moment in the reader's own time zone. The server does not know it, so the page first shows
 * UTC (saying so) and the browser then writes the local time.
 */
export function LocalTime({ at }: { at: number }) {
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => {
    // dateStyle cannot be combined with timeZoneName: the fields one by one.
    const format = new Intl.DateTimeFormat(undefined, {
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    setLocal(format.format(at));
  }, [at]);
  return <time dateTime={new Date(at).toISOString()}>{local ?? `${UTC.format(at)} UTC`}</time>;
}
