import { z } from 'zod';
import type { TResult } from '@/lib/result';
import type { CallClientToServerEvents, CallServerToClientEvents } from './call';
import type { RecordingClientToServerEvents, RecordingServerToClientEvents } from './recording';
import type { BoardClientToServerEvents, BoardServerToClientEvents } from './board';
import type { GuideClientToServerEvents, GuideServerToClientEvents } from './guide';
import type { RoomClientToServerEvents, RoomServerToClientEvents } from './room';
import type { TimerClientToServerEvents, TimerServerToClientEvents } from './timer';
import type { TConnectionRefusal } from './connection';

export * from './connection';

export const ZHandshakeAuth = z.object({ protocolVersion: z.number().int().nonnegative() });

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
