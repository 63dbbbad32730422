'use client';

import { useEffect, useState } from 'react';
import type { Socket } from 'socket.io-client';
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

// socket.io-client is 13 KB gzipped, a tenth of the room's first load, and the socket is opened
// in an effect after hydration anyway: it comes in its own chunk, requested as soon as this
// module runs in the browser (before hydration, in parallel with it), so the connection starts
// no later than when it was part of the first load.
let loadingClient: Promise<typeof import('socket.io-client')> | undefined;
const loadClient = () => (loadingClient ??= import('socket.io-client'));
if (typeof window !== 'undefined') void loadClient().catch(() => undefined);

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
    let client: TClientSocket | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let isUnmounted = false;
    loadClient().then(
      ({ io }) => {
        if (isUnmounted) return;
        client = io({
          auth: { protocolVersion: PROTOCOL_VERSION },
          ...(interviewId ? { query: { [ROUTING_QUERY_PARAM]: interviewId } } : {}),
          transports: ['websocket', 'polling'],
        });
        const socket = client;
        socket.on('connect', () => setState({ status: 'connected' }));
        socket.on('disconnect', (reason) => {
          // A server-side disconnect is deliberate (signed out, account changed): do not retry.
          if (reason === 'io server disconnect') return;
          setState({ status: navigator.onLine ? 'reconnecting' : 'offline' });
        });
        socket.on('session:ended', ({ reason, message }) => setState({ status: 'refused', reason, message }));
        socket.on('connect_error', (error) => {
          const data = (error as Error & { data?: { reason?: TConnectionRefusal } }).data;
          if (data?.reason) {
            setState({ status: 'refused', reason: data.reason, message: REFUSAL_MESSAGES[data.reason] });
            // A refusal by the server's middleware is final for socket.io; a database outage is not.
            if (data.reason === 'unavailable') retry = setTimeout(() => socket.connect(), UNAVAILABLE_RETRY_MS);
            return;
          }
          setState({ status: navigator.onLine ? 'reconnecting' : 'offline' });
        });
        setSocket(socket);
      },
      () => {
        // The chunk could not be fetched (offline, or a new deploy replaced it): the next mount
        // asks again, and the person sees why nothing connects.
        loadingClient = undefined;
        if (!isUnmounted) setState({ status: 'offline' });
      },
    );
    return () => {
      isUnmounted = true;
      clearTimeout(retry);
      client?.removeAllListeners();
      client?.disconnect();
    };
  }, [interviewId]);

  return { socket, state };
}
