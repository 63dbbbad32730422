import { z } from 'zod';
import type { TResult } from '@/lib/result';
import type { CallClientToServerEvents, CallServerToClientEvents } from './call';
import type { RecordingClientToServerEvents, RecordingServerToClientEvents } from './recording';
import type { BoardClientToServerEvents, BoardServerToClientEvents } from './board';
import type { GuideClientToServerEvents, GuideServerToClientEvents } from './guide';
import type { RoomClientToServerEvents, RoomServerToClientEvents } from './room';
import type { TimerClientToServerEvents, TimerServerToClientEvents } from './timer';

/**
 * The socket.io protocol shared by the browser and the server. Bump PROTOCOL_VERSION on any
 * breaking change: the handshake refuses a mismatch with a typed reason, so an old tab shows
 * "reload" instead of misbehaving.
 */
export const PROTOCOL_VERSION = 1;

/**
 * The handshake URL's query parameter carrying the interview id (`/socket.io/?interview=...`):
 * the proxy's hash key (deploy/haproxy.cfg `balance url_param interview`). Routing only: the
 * server authorizes every interview action on its own.
 */
export const ROUTING_QUERY_PARAM = 'interview';

/** socket.io's own limit on one message; tldraw sync frames are bounded far below it. */
export const MAX_MESSAGE_BYTES = 1_000_000;

export const ZHandshakeAuth = z.object({ protocolVersion: z.number().int().nonnegative() });

/** Why the server refused or ended a connection; the client shows a message for each. */
export type TConnectionRefusal =
  | 'unauthenticated'
  | 'clientTooOld'
  | 'serverTooOld'
  | 'invalidHandshake'
  | 'signed_out'
  | 'account_changed'
  | 'too_many_connections'
  | 'unavailable';

export const REFUSAL_MESSAGES: Record<TConnectionRefusal, string> = {
  unauthenticated: 'You are not signed in. Sign in again to reconnect.',
  clientTooOld: 'mockroom was updated. Reload the page to reconnect.',
  serverTooOld: 'The server runs an older mockroom. Try again in a minute.',
  invalidHandshake: 'The connection request was malformed. Reload the page.',
  signed_out: 'You signed out.',
  account_changed: 'Your account changed (password or deletion). Sign in again.',
  too_many_connections: 'mockroom is open in too many tabs. Close some of them and reload this page.',
  unavailable: 'The service is degraded: its database cannot be reached. Reconnecting when it is back…',
};

export type TSessionUser = { id: string; name: string | null; email: string };

export type TAck<T> = (result: TResult<T>) => void;

export const ZClockSyncInput = z.strictObject({ clientSentAt: z.number().finite() });

export type ClientToServerEvents = RoomClientToServerEvents & CallClientToServerEvents & RecordingClientToServerEvents & BoardClientToServerEvents & GuideClientToServerEvents & TimerClientToServerEvents & {
  /** Who the server thinks this socket is. */
  'session:whoami': (ack: TAck<TSessionUser>) => void;
  /** Clock offset measurement: the server answers with its own time. */
  'clock:sync': (input: z.infer<typeof ZClockSyncInput>, ack: TAck<{ clientSentAt: number; serverTime: number }>) => void;
};

export type ServerToClientEvents = RoomServerToClientEvents & CallServerToClientEvents & RecordingServerToClientEvents & BoardServerToClientEvents & GuideServerToClientEvents & TimerServerToClientEvents & {
  /** Sent just before the server disconnects a socket on purpose. */
  'session:ended': (payload: { reason: TConnectionRefusal; message: string }) => void;
  /** This user's place in the practice lobby changed: fetch GET /api/lobby again (lib/protocol/lobby.ts). */
  'lobby:changed': () => void;
};

export type InterServerEvents = Record<string, never>;

export type SocketData = {
  user: TSessionUser;
  /** Auth.js sign-in id from the session token (see lib/auth/config.ts). */
  sessionId: string;
};
