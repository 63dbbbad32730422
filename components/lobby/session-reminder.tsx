'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { fetchResult } from '@/components/ui/fetch-result';
import type { TReminder } from '@/lib/protocol/slots';

const POLL_MS = 30_000;

/**
 * The in-app reminder of a booked session: from ten minutes before its start, every page (but
 * the room itself) shows a banner with a link to the room.
 */
export function SessionReminder() {
  const pathname = usePathname();
  const [reminders, setReminders] = useState<TReminder[]>([]);
  useEffect(() => {
    let isCurrent = true;
    const check = async () => {
      // Offline for a moment: the next check tries again.
      const result = await fetchResult<TReminder[]>('/api/slots/reminders', { cache: 'no-store' });
      if (isCurrent && result.ok) setReminders(result.data);
    };
    void check();
    const timer = setInterval(() => void check(), POLL_MS);
    return () => {
      isCurrent = false;
      clearInterval(timer);
    };
  }, []);
  const shown = reminders.filter((reminder) => !pathname.startsWith(`/interviews/${reminder.interviewId}`));
  if (shown.length === 0) return null;
  return (
    <div className="alert info degraded" role="status" data-testid="session-reminder">
      {shown.map((reminder) => {
        const minutes = Math.max(0, Math.round((reminder.startsAt - Date.now()) / 60_000));
        return (
          <p key={reminder.slotId}>
            Your booked session{reminder.partnerName ? ` with ${reminder.partnerName}` : ''} starts{' '}
            {minutes === 0 ? 'now' : `in ${minutes} minute${minutes === 1 ? '' : 's'}`}.{' '}
            <Link href={`/interviews/${reminder.interviewId}`}>Open the room</Link>
          </p>
        );
      })}
    </div>
  );
}
