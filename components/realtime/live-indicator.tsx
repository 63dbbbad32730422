'use client';

import { ConnectionStatus } from './connection-status';
import { useRealtime } from './use-realtime';

/** The dashboard's live-connection badge: proves the socket is authenticated from the session. */
export function LiveIndicator() {
  const { state } = useRealtime();
  return <ConnectionStatus state={state} />;
}
