'use client';

import { useEffect, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  REFUSAL_MESSAGES,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type TConnectionRefusal,
} from '@/lib/protocol';

export type TClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type TConnectionState =
  | { status: 'connecting' }
  | { status: 'connected' }
  | { status: 'reconnecting' }
  | { status: 'offline' }
  | { status: 'refused'; reason: TConnectionRefusal | 'unknown'; message: string };

/** One socket.io connection for this tab, with the connection state a user should see. */
export function useRealtime(): { socket: TClientSocket | null; state: TConnectionState } {
  const [socket, setSocket] = useState<TClientSocket | null>(null);
  const [state, setState] = useState<TConnectionState>({ status: 'connecting' });

  useEffect(() => {
    const client: TClientSocket = io({ auth: { protocolVersion: PROTOCOL_VERSION }, transports: ['websocket', 'polling'] });
    setSocket(client);
    client.on('connect', () => setState({ status: 'connected' }));
    client.on('disconnect', (reason) => {
      // A server-side disconnect is deliberate (signed out, account changed): do not retry.
      if (reason === 'io server disconnect') return;
      setState({ status: navigator.onLine ? 'reconnecting' : 'offline' });
    });
    client.on('session:ended', ({ reason, message }) => setState({ status: 'refused', reason, message }));
    client.on('connect_error', (error) => {
      const data = (error as Error & { data?: { reason?: TConnectionRefusal } }).data;
      if (data?.reason) {
        setState({ status: 'refused', reason: data.reason, message: REFUSAL_MESSAGES[data.reason] });
        return;
      }
      setState({ status: navigator.onLine ? 'reconnecting' : 'offline' });
    });
    return () => {
      client.removeAllListeners();
      client.disconnect();
    };
  }, []);

  return { socket, state };
}
