import { z } from 'zod';
import { ZInterviewId } from './ids';
import type { TAck } from './index';

// Whiteboard events: tldraw's sync protocol carried over our one socket.io connection.
// The frames are opaque JSON strings produced and consumed by tldraw (TLSyncClient on the
// client, TLSocketRoom on the server); this module only bounds their size and names the events.

/**
 * Largest client-to-server `board:message` frame in UTF-8 bytes. Far below socket.io's 1 MB
 * `maxHttpBufferSize` on purpose: exceeding that limit makes engine.io drop the whole connection
 * (every feature on the tab), whereas an oversized board frame is refused on its own. (Frames
 * from the server are not bounded: the first one carries the whole document.)
 */
export const BOARD_MAX_FRAME_BYTES = 128 * 1024;

/**
 * A bigger sync message (a large paste) is split by the client into at most this many frames,
 * in tldraw's own chunk format (`<frames remaining>_<part>`), and reassembled by tldraw on the
 * server. 200 pasted shapes make a ~96 KB message (3 frames); the ceiling is ~2900 shapes.
 */
export const BOARD_MAX_CHUNKS = 32;

/**
 * Characters per chunk. A UTF-16 code unit is at most 3 UTF-8 bytes (a surrogate pair is
 * 2 units and 4 bytes), so this many characters plus the chunk prefix always fit one frame.
 */
export const BOARD_CHUNK_CHARS = Math.floor(BOARD_MAX_FRAME_BYTES / 3) - 8;

/** Largest sync message the client sends, in characters of JSON (~1.4 M). */
export const BOARD_MAX_MESSAGE_CHARS = BOARD_CHUNK_CHARS * BOARD_MAX_CHUNKS;

/** Largest sync message in UTF-8 bytes (all frames full): 4 MiB. */
export const BOARD_MAX_MESSAGE_BYTES = BOARD_MAX_FRAME_BYTES * BOARD_MAX_CHUNKS;

/** The join answer (`rate_limited`) of a server past saturation; the browser shows it while it waits to retry. */
export const BOARD_AT_CAPACITY_MESSAGE = 'The whiteboard server is at capacity right now. This board opens as soon as there is room.';

export const ZBoardJoinInput = z.strictObject({ interviewId: ZInterviewId });
export type TBoardJoinInput = z.infer<typeof ZBoardJoinInput>;

export const ZBoardLeaveInput = z.strictObject({ sessionId: z.string().min(1).max(64) }).optional();
export type TBoardLeaveInput = NonNullable<z.infer<typeof ZBoardLeaveInput>>;

// A `board:message` frame is checked by hand on the server (text, at most BOARD_MAX_FRAME_BYTES,
// a JSON object or a chunk) rather than with zod: it is the hot path, ~30 frames/s per person.

/** What the server answers to `board:join`. The session id is always issued by the server. */
export type TBoardJoined = {
  /** tldraw session id for this connection; a new one per join. */
  sessionId: string;
  /** The room refuses document edits from this session (presence still flows). */
  isReadonly: boolean;
};

/**
 * Why the server ended a board session. Fatal reasons are tldraw's own
 * (TLSyncErrorCloseEventReason: CLIENT_TOO_OLD, INVALID_RECORD, ...): the client must not
 * rejoin. The others are transient: the client rejoins (after a pause for `rate_limited`).
 */
export type TBoardCloseReason =
  /** The interview ended: rejoin, the new session is read-only. */
  | 'readonly'
  /** The room was closed (server shutdown or room unloaded): rejoin later. */
  | 'room_closed'
  /** tldraw dropped the session (timeout, unreadable chunks, room reset): rejoin now. */
  | 'reconnect'
  /**
   * Another server process serves this board now (hand-over, shutdown, lost lease): the server
   * closes the connection right after, and the client rejoins once it has reconnected through the
   * proxy, which routes it to the board's process.
   */
  | 'moved'
  /** Too many invalid frames from this socket. */
  | 'invalid_message'
  /** Another `board:join` on the same socket replaced this session. */
  | 'replaced'
  | (string & {});

export type TBoardClosed = {
  sessionId: string;
  reason: TBoardCloseReason;
  /** tldraw closed the session with its error code (4099): do not rejoin. */
  isFatal: boolean;
};

/** Why a frame or a change was refused. The session stays open. */
export type TBoardRefusal = {
  code: 'not_joined' | 'invalid_input' | 'too_large' | 'rate_limited' | 'board_full';
  message: string;
};

/**
 * What one whiteboard may hold. Measured with bench/board-sync.bench.ts: a busy 45-minute
 * interview board has about 300 shapes (about 150 KB); a 10,000-shape board (5 MB) made every
 * join and save of every room on the process slow. Each record is checked when a participant
 * writes it; refusals come back as `board:refused` and the writer's client rolls the change back.
 */
export type TBoardLimits = {
  /** Nesting depth of one sync message (a record's `meta` or rich text included). */
  maxMessageDepth: number;
  /** One record as stored (JSON bytes): a long freehand stroke is about 20 KB. */
  maxRecordBytes: number;
  /** A record's free-form `meta` (tldraw keeps it for apps; ours writes none). */
  maxMetaBytes: number;
  /** Shapes on one board. */
  maxShapes: number;
  /** All records of one board (JSON bytes). */
  maxDocumentBytes: number;
};

export const BOARD_LIMITS: TBoardLimits = {
  maxMessageDepth: 64,
  maxRecordBytes: 256 * 1024,
  maxMetaBytes: 8 * 1024,
  maxShapes: 2_000,
  maxDocumentBytes: 8 * 1024 * 1024,
};

export type BoardClientToServerEvents = {
  /** Attach this socket to an interview's whiteboard; replaces any earlier board session of it. */
  'board:join': (input: TBoardJoinInput, ack: TAck<TBoardJoined>) => void;
  /** A tldraw sync frame (JSON text or one chunk of it). No ack: tldraw has its own. */
  'board:message': (frame: string) => void;
  /**
   * Detach from the whiteboard (the socket stays connected for everything else). With a
   * session id, only if that is still this socket's session (a late leave never ends a newer one).
   */
  'board:leave': (input?: TBoardLeaveInput) => void;
};

export type BoardServerToClientEvents = {
  /** A tldraw sync message from the room (JSON text). */
  'board:message': (frame: string) => void;
  /** The server ended this board session; see TBoardClosed.isFatal. */
  'board:closed': (payload: TBoardClosed) => void;
  /** A frame was refused (invalid, too large, rate limited); the session stays open. */
  'board:refused': (payload: TBoardRefusal) => void;
};


/** UTF-8 length without allocating (TextEncoder would copy every frame). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

// ---------- Whiteboard assets (pasted or dropped images) ----------
// tldraw would inline a pasted image into the document as a data: URL, bloating every sync
// message and snapshot; the asset store uploads it instead and the document keeps a URL.
// Accepted types and the size cap live in lib/domain/image-type.ts (the route enforces them).

/**
 * Where the whiteboard uploads a file: `POST` with the raw bytes as the body. Answers
 * `{ ok: true, data: { id, url, mimeType } }` (TResult), `url` under BOARD_ASSET_URL_PREFIX.
 */
export const boardAssetUploadPath = (interviewId: string) => `/api/interviews/${encodeURIComponent(interviewId)}/assets`;

/**
 * Every image URL in a board must be `<this><asset id>` (same origin, served to participants
 * only): the board server refuses image/video records pointing anywhere else, so no
 * participant's browser is made to load another site.
 */
export const BOARD_ASSET_URL_PREFIX = '/api/assets/';

export const ZBoardAssetUploaded = z.object({ url: z.string().min(1).max(2048) });
export type TBoardAssetUploaded = z.infer<typeof ZBoardAssetUploaded>;
