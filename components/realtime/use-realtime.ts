'use client';

import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { type ClientToServerEvents, type ServerToClientEvents } from '@/lib/protocol';
import {
  PROTOCOL_VERSION,
  REFUSAL_MESSAGES,
  ROUTING_QUERY_PARAM,
  type TConnectionRefusal,
} from '@/lib/protocol/connection';

export type TClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type TConnectionState =
  | { status: 'connecting' }
  | { status: 'connected' }
  | { status: 'reconnecting' }
  | { status: 'offline' }
  | { status: 'refused'; reason: TConnectionRefusal | 'unknown'; message: string };

/** After "the service is degraded" (database unreachable), how long before the tab tries again. */
const UNAVAILABLE_RETRY_MS = 5000;

/**
 * One socket.io connection for this tab, with the connection state a user should see. A room's
 * interview id rides in the handshake URL: a proxy in front of several app processes hashes on it,
 * so every connection of one interview reaches the process that serves its board (without one,
 * e.g. the lobby, the proxy picks any process).
 */
export function useRealtime(interviewId?: string): { socket: TClientSocket | null; state: TConnectionState } {
  const [socket, setSocket] = useState<TClientSocket | null>(null);
  const [state, setState] = useState<TConnectionState>({ status: 'connecting' });

  useEffect(() => {
    const client: TClientSocket = io({
      auth: { protocolVersion: PROTOCOL_VERSION },
      ...(interviewId ? { query: { [ROUTING_QUERY_PARAM]: interviewId } } : {}),
      transports: ['websocket', 'polling'],
    });
    setSocket(client);
    client.on('connect', () => setState({ status: 'connected' }));
    client.on('disconnect', (reason) => {
      // A server-side disconnect is deliberate (signed out, account changed): do not retry.
      if (reason === 'io server disconnect') return;
      setState({ status: navigator.onLine ? 'reconnecting' : 'offline' });
    });
    client.on('session:ended', ({ reason, message }) => setState({ status: 'refused', reason, message }));
    let retry: ReturnType<typeof setTimeout> | undefined;
    client.on('connect_error', (error) => {
      const data = (error as Error & { data?: { reason?: TConnectionRefusal } }).data;
      if (data?.reason) {
        setState({ status: 'refused', reason: data.reason, message: REFUSAL_MESSAGES[data.reason] });
        // A refusal by the server's middleware is final for socket.io; a database outage is not.
        if (data.reason === 'unavailable') retry = setTimeout(() => client.connect(), UNAVAILABLE_RETRY_MS);
        return;
      }
      setState({ status: navigator.onLine ? 'reconnecting' : 'offline' });
    });
    return () => {
      clearTimeout(retry);
      client.removeAllListeners();
      client.disconnect();
    };
  }, [interviewId]);

  return { socket, state };
}
