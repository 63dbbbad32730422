'use client';

import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export type TTab = {
  id: string;
  label: string;
  /** A small count beside the label (unread messages); nothing when 0 or absent. */
  badge?: number;
  /** Read with the label by screen readers, e.g. "2 unread". */
  badgeLabel?: string;
  content: ReactNode;
};

type Props = {
  tabs: TTab[];
  /** The tab list's accessible name. */
  label: string;
  /** sessionStorage key (the one given to useStoredTab): each panel's scroll position survives reloads. */
  storageKey: string;
  /** Alt+1, Alt+2, ... select the tabs from anywhere on the page. */
  hasShortcuts?: boolean;
  selected: string;
  onSelect: (id: string) => void;
  className?: string;
};

type TStored = { tab?: string; scroll?: Record<string, number> };

function readStored(key: string): TStored {
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(key) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as TStored) : {};
  } catch {
    return {};
  }
}

function writeStored(key: string, update: (stored: TStored) => TStored): void {
  try {
    window.sessionStorage.setItem(key, JSON.stringify(update(readStored(key))));
  } catch {
    // Storage full or blocked: the tabs still work, they are just not remembered.
  }
}

/** The tab id a stored or default choice names, if it is one of `tabs`. */
function known(tabs: ReadonlyArray<{ id: string }>, id: string | undefined): string | undefined {
  return tabs.some((tab) => tab.id === id) ? id : undefined;
}

/** Below this width the room is laid out for phones (globals.css uses the same breakpoint). */
export const NARROW_QUERY = '(max-width: 720px)';

/**
 * Which tab is shown: restored from sessionStorage after the first render (the server cannot know
 * it), saved on every change. Without a stored choice: `narrowDefault` on a phone-sized window,
 * else `defaultTab`, else the first tab.
 */
export function useStoredTab(tabs: ReadonlyArray<{ id: string }>, storageKey: string, defaultTab?: string, narrowDefault?: string) {
  const first = tabs[0]?.id ?? '';
  const [selected, setSelected] = useState(known(tabs, defaultTab) ?? first);
  const ids = tabs.map((tab) => tab.id).join(' ');
  useEffect(() => {
    const stored = known(tabs, readStored(storageKey).tab);
    const narrow = window.matchMedia(NARROW_QUERY).matches ? known(tabs, narrowDefault) : undefined;
    const restored = stored ?? narrow;
    if (restored) setSelected(restored);
    // On mount and when the set of tabs changes only: later renders must not override a choice.
  }, [storageKey, ids]);
  const select = useCallback(
    (id: string) => {
      setSelected(id);
      writeStored(storageKey, (stored) => ({ ...stored, tab: id }));
    },
    [storageKey],
  );
  return { selected: known(tabs, selected) ?? first, select };
}

/**
 * Tabs after the WAI-ARIA pattern: arrow keys, Home and End move between tabs (automatic
 * activation), Tab moves into the panel. Every panel stays mounted while hidden, so drafts, chat
 * scroll and note autosaves keep running; each panel's scroll position is kept per tab across
 * reloads.
 */
export function Tabs({ tabs, label, storageKey, hasShortcuts = false, selected, onSelect: select, className }: Props) {
  const baseId = useId();
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const panelRefs = useRef(new Map<string, HTMLDivElement>());

  // Alt+digit by key position (event.code), so Alt+1 works on a Mac keyboard too.
  useEffect(() => {
    if (!hasShortcuts) return;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const match = /^Digit([1-9])$/.exec(event.code);
      const tab = match ? tabs[Number(match[1]) - 1] : undefined;
      if (!tab) return;
      event.preventDefault();
      select(tab.id);
      tabRefs.current.get(tab.id)?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [hasShortcuts, tabs, select]);

  // Restore the shown panel's scroll position (hidden panels have none to keep). A panel whose
  // content is still arriving (its own chunk, or the server's stream) cannot scroll that far yet:
  // try again as its content changes, until it gets there or the person scrolls it themselves.
  useLayoutEffect(() => {
    const panel = panelRefs.current.get(selected);
    const top = readStored(storageKey).scroll?.[selected];
    if (!panel || typeof top !== 'number') return;
    panel.scrollTop = top;
    if (panel.scrollTop >= top - 1) return;
    const observer = new MutationObserver(() => {
      panel.scrollTop = top;
      if (panel.scrollTop >= top - 1) stop();
    });
    const stop = () => {
      observer.disconnect();
      panel.removeEventListener('wheel', stop);
      panel.removeEventListener('touchstart', stop);
    };
    observer.observe(panel, { childList: true, subtree: true });
    panel.addEventListener('wheel', stop, { passive: true });
    panel.addEventListener('touchstart', stop, { passive: true });
    return stop;
  }, [selected, storageKey]);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const index = tabs.findIndex((tab) => tab.id === selected);
    const next =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? tabs[(index + 1) % tabs.length]
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? tabs[(index - 1 + tabs.length) % tabs.length]
          : event.key === 'Home'
            ? tabs[0]
            : event.key === 'End'
              ? tabs.at(-1)
              : undefined;
    if (!next) return;
    event.preventDefault();
    select(next.id);
    tabRefs.current.get(next.id)?.focus();
  }

  return (
    <div className={`tabs ${className ?? ''}`}>
      <div role="tablist" aria-label={label} className="tab-list">
        {tabs.map((tab, index) => {
          const isSelected = tab.id === selected;
          const shortcut = hasShortcuts && index < 9 ? `Alt+${index + 1}` : undefined;
          return (
            <button
              key={tab.id}
              ref={(node) => {
                if (node) tabRefs.current.set(tab.id, node);
                else tabRefs.current.delete(tab.id);
              }}
              type="button"
              role="tab"
              id={`${baseId}-tab-${tab.id}`}
              aria-controls={`${baseId}-panel-${tab.id}`}
              aria-selected={isSelected}
              aria-keyshortcuts={shortcut}
              title={shortcut ? `${tab.label} (${shortcut})` : undefined}
              tabIndex={isSelected ? 0 : -1}
              className="tab"
              data-tab={tab.id}
              onClick={() => select(tab.id)}
              onKeyDown={onKeyDown}
            >
              {tab.label}
              {tab.badge ? ' ' : null}
              {tab.badge ? (
                <span className="tab-badge" data-testid={`tab-badge-${tab.id}`}>
                  {tab.badge}
                  {tab.badgeLabel ? <span className="sr-only"> {tab.badgeLabel}</span> : null}
                </span>
              ) : null}
            </button>
          );
        })}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          ref={(node) => {
            if (node) panelRefs.current.set(tab.id, node);
            else panelRefs.current.delete(tab.id);
          }}
          role="tabpanel"
          id={`${baseId}-panel-${tab.id}`}
          aria-labelledby={`${baseId}-tab-${tab.id}`}
          className="tab-panel"
          data-panel={tab.id}
          hidden={tab.id !== selected}
          onScroll={(event) => {
            const top = event.currentTarget.scrollTop;
            writeStored(storageKey, (stored) => ({ ...stored, scroll: { ...stored.scroll, [tab.id]: top } }));
          }}
        >
          {tab.content}
        </div>
      ))}
    </div>
  );
}
