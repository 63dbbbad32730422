// What the browser's socket needs before anything else: the protocol version, the routing
// parameter and the refusal messages. No zod here: this module is part of every room's first load.

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
