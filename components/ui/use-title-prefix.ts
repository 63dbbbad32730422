'use client';

import { useEffect } from 'react';

/**
 * Puts `prefix` before the page's own title while it is not empty ("(2) ", "Partner found! "), so
 * a tab in the background says what happened; the page's title alone again after.
 *
 * Next writes the page's title from its metadata, which it streams: the `<title>` can land after
 * this component's effects have run (and a client navigation replaces it again). Setting
 * `document.title` once was overwritten that way (a lobby journey saw "Find a partner · mockroom"
 * after the match, 1 run in 2), so the prefix is applied again whenever the title changes.
 */
export function useTitlePrefix(prefix: string): void {
  useEffect(() => {
    if (!prefix) return;
    const apply = () => {
      if (!document.title.startsWith(prefix)) document.title = prefix + document.title;
    };
    apply();
    // Setting document.title changes the <title> element's text; so does Next.
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      if (document.title.startsWith(prefix)) document.title = document.title.slice(prefix.length);
    };
  }, [prefix]);
}
