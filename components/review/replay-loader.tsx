'use client';

import dynamic from 'next/dynamic';
import type { TBoardReplayProps } from './replay';

export type { TBoardReplayProps, TReplayMarker } from './replay';

/**
 * The whiteboard replay, loaded lazily in the browser only (tldraw stays out of the page's
 * bundle). Props: `interviewId`; optional `markers` ({ at: ms since the epoch, kind: 'phase' |
 * 'hint' | 'note' | 'end', label }, default: the route's markers); optional `licenseKey`.
 */
export const BoardReplay = dynamic<TBoardReplayProps>(() => import('./replay'), {
  ssr: false,
  loading: () => <div aria-busy="true">Loading the replay…</div>,
});
