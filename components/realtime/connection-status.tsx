'use client';

import type { TConnectionState } from './use-realtime';

const LABELS = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
} as const;

export function ConnectionStatus({ state }: { state: TConnectionState }) {
  const tone = state.status === 'connected' ? 'ok' : state.status === 'refused' || state.status === 'offline' ? 'error' : 'warn';
  const text = state.status === 'refused' ? state.message : LABELS[state.status];
  return (
    <span className="row" role="status" aria-live="polite" data-testid="connection-status" data-status={state.status}>
      <span className={`status-dot ${tone}`} aria-hidden="true" />
      <span>{text}</span>
    </span>
  );
}
