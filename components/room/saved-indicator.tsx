'use client';

import type { TSaveState } from '@/components/whiteboard/save-tracker';

const LABELS: Record<TSaveState, string> = { saved: 'Saved', saving: 'Saving…', unsaved: 'Not saved yet' };

/** On ("Saved") only when the server has stored this browser's latest board edit. */
export function SavedIndicator({ state }: { state: TSaveState }) {
  return (
    <span className="row saved-indicator" data-testid="saved-indicator" data-state={state} aria-live="polite">
      <span className={`status-dot ${state === 'saved' ? 'ok' : 'warn'}`} aria-hidden="true" />
      {LABELS[state]}
    </span>
  );
}
