'use client';

import { useEffect, useState } from 'react';
import type { TChatMessage } from '@/lib/protocol/room';
import { useTitlePrefix } from '@/components/ui/use-title-prefix';

/**
 * Messages from the other person that arrived while the chat was not shown. The last message
 * seen is kept in sessionStorage per interview, so a reload neither loses nor repeats the count.
 */
export function useUnreadChat(interviewId: string, messages: TChatMessage[], myUserId: string, isShown: boolean): number {
  const key = `mockroom:chat-seen:${interviewId}`;
  // The id of the last message seen; '' before any message; undefined until storage is read
  // (until then everything on the page counts as seen).
  const [seenId, setSeenId] = useState<string | undefined>(undefined);

  useEffect(() => {
    // First visit in this tab: what is on the page now counts as seen.
    const baseline = messages.at(-1)?.id ?? '';
    let stored: string | null = null;
    try {
      stored = window.sessionStorage.getItem(key);
      if (stored === null) window.sessionStorage.setItem(key, baseline);
    } catch {
      // Blocked storage: count from now on.
    }
    setSeenId(stored ?? baseline);
    // Read once per interview (not on every message): the first list is what "seen" starts from.
  }, [key]);

  const lastId = messages.at(-1)?.id ?? '';
  useEffect(() => {
    if (!isShown || seenId === undefined || seenId === lastId) return;
    setSeenId(lastId);
    try {
      window.sessionStorage.setItem(key, lastId);
    } catch {
      // As above.
    }
  }, [isShown, lastId, seenId, key]);

  if (isShown || seenId === undefined) return 0;
  // A seen message no longer in the history (it keeps the newest ones): everything shown is newer.
  const seenIndex = messages.findIndex((m) => m.id === seenId);
  return messages.slice(seenIndex + 1).filter((m) => m.authorId !== myUserId).length;
}

/** Puts "(n) " before the page's title while n > 0. */
export function useTitleCount(count: number): void {
  useTitlePrefix(count > 0 ? `(${count}) ` : '');
}
