'use client';

import { useSync } from '@tldraw/sync';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  AssetRecordType,
  atom,
  createUserId,
  getHashForString,
  Tldraw,
  UserRecordType,
  type Editor,
  type TLAssetStore,
  type TLBookmarkAsset,
  type TLUserStore,
} from 'tldraw';
import 'tldraw/tldraw.css';
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from '@/lib/domain/image-type';
import { fetchResult } from '@/components/ui/fetch-result';
import { boardAssetUploadPath, ZBoardAssetUploaded, type TBoardJoined } from '@/lib/protocol/board';
import { useRegisterBoardEditor } from './editor-context';
import { ImagePlacement } from './image-placement';
import { BoardSaveTracker, type TSaveState } from './save-tracker';
import { SystemDesignPanel } from './system-design-panel';
import { SocketIoBoardClientSocket, type TBoardClientSocket } from './socketio-client-socket';
import { BOARD_ASSET_URLS, BOARD_CAMERA_OPTIONS, BOARD_COLOR_SCHEME, BOARD_RECORDS, BOARD_SHAPE_UTILS, BOARD_STORE_SHAPE_UTILS } from './tldraw-setup';

export type TWhiteboardProps = {
  /** The page's one socket.io connection (already authenticated). */
  socket: TBoardClientSocket;
  interviewId: string;
  /**
   * What the page knows (the interview ended). A hint for the UI only: the server decides, and
   * switches open sessions to read-only by itself.
   */
  isReadonly: boolean;
  /** Read on the server at run time; without one tldraw runs in development mode only. */
  licenseKey: string | null;
  userName: string;
  userId: string;
  /** Whether this browser's latest edit is stored on the server. */
  onSaveStateChange?: (state: TSaveState) => void;
};

const NO_VIDEOS: readonly string[] = [];

/** The interview's shared tldraw board, synced through the server. Load with `ssr: false`. */
export function Whiteboard({ socket, interviewId, isReadonly, licenseKey, userName, userId, onSaveStateChange }: TWhiteboardProps) {
  const [joined, setJoined] = useState<TBoardJoined | null>(null);
  const onSaveStateRef = useRef(onSaveStateChange);
  onSaveStateRef.current = onSaveStateChange;
  const tracker = useMemo(() => new BoardSaveTracker((state) => onSaveStateRef.current?.(state)), []);

  // What the server refused of this user's changes (board full, a change too large): shown for a
  // few seconds; tldraw has already rolled the change back.
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  // Why the board is not open yet when the server said so (at capacity: it retries by itself);
  // cleared by the next join.
  const [waiting, setWaiting] = useState<string | null>(null);
  const onJoined = useCallback((result: TBoardJoined) => {
    setWaiting(null);
    setJoined(result);
  }, []);

  // Must be stable: useSync reconnects whenever `connect` changes.
  const connect = useCallback(
    () =>
      new SocketIoBoardClientSocket(socket, interviewId, {
        onJoined,
        onJoinRefused: (error) => setWaiting(error.message),
        onSent: (message) => tracker.sent(message),
        onReceived: (message) => tracker.received(message),
        onRefused: (refusal) => {
          if (refusal.code === 'board_full' || refusal.code === 'too_large') setNotice(refusal.message);
        },
      }),
    [socket, interviewId, tracker, onJoined],
  );
  const assets = useMemo(() => createBoardAssetStore(interviewId), [interviewId]);
  const users = useMemo<TLUserStore>(
    () => ({
      currentUser: atom('current user', UserRecordType.create({ id: createUserId(userId), name: userName, color: colorFor(userId) })),
    }),
    [userId, userName],
  );

  const store = useSync({ connect, assets, users, shapeUtils: BOARD_STORE_SHAPE_UTILS, records: BOARD_RECORDS });

  const registerEditor = useRegisterBoardEditor();
  const handleMount = useCallback(
    (editor: Editor) => {
      configureEditor(editor);
      // Edits by this user (not remote ones) start the "saved" indicator's wait.
      const stopListening = editor.store.listen(() => tracker.localEdit(), { source: 'user', scope: 'document' });
      const unregister = registerEditor(editor);
      return () => {
        stopListening();
        unregister();
      };
    },
    [tracker, registerEditor],
  );

  if (store.status === 'error') {
    return (
      <div className="board-loading" role="alert">
        {errorMessage(store.error)}
      </div>
    );
  }
  const isShownReadonly = isReadonly || joined?.isReadonly === true;
  const isOffline = store.status === 'synced-remote' && store.connectionStatus === 'offline';

  return (
    <div style={{ position: 'absolute', inset: 0 }}>
      <Tldraw
        store={store}
        shapeUtils={BOARD_SHAPE_UTILS}
        assetUrls={BOARD_ASSET_URLS}
        colorScheme={BOARD_COLOR_SCHEME}
        cameraOptions={BOARD_CAMERA_OPTIONS}
        licenseKey={licenseKey ?? undefined}
        onMount={handleMount}
        // What the upload route accepts, checked before uploading so the user hears at once.
        maxAssetSize={MAX_IMAGE_BYTES}
        acceptedImageMimeTypes={IMAGE_TYPES}
        acceptedVideoMimeTypes={NO_VIDEOS}
      >
        <ImagePlacement />
        <SystemDesignPanel />
      </Tldraw>
      {(isShownReadonly || isOffline) && (
        <div className="board-status" aria-live="polite">
          {isOffline ? 'Reconnecting…' : 'Read-only'}
        </div>
      )}
      {waiting && (
        <div className="board-waiting" role="status" data-testid="board-waiting">
          {waiting}
        </div>
      )}
      {notice && (
        <div
          className="board-status"
          role="alert"
          style={{ position: 'absolute', top: 48, left: '50%', transform: 'translateX(-50%)', zIndex: 400, pointerEvents: 'none' }}
        >
          {notice}
        </div>
      )}
    </div>
  );
}

export default Whiteboard;

function configureEditor(editor: Editor) {
  // tldraw unfurls a pasted link by fetching the page from the browser: a request to any site
  // a participant pastes. Keep the link as a plain bookmark instead.
  editor.registerExternalAssetHandler('url', async ({ url }) => {
    const asset: TLBookmarkAsset = {
      id: AssetRecordType.createId(getHashForString(url)),
      typeName: 'asset',
      type: 'bookmark',
      props: { src: url, title: url, description: '', image: '', favicon: '' },
      meta: {},
    };
    return asset;
  });
}

/**
 * Uploads pasted and dropped images to the interview (see boardAssetUploadPath for the
 * contract); the document only keeps the returned same-origin URL.
 */
export function createBoardAssetStore(interviewId: string): TLAssetStore {
  return {
    async upload(_asset, file, abortSignal) {
      const result = await fetchResult(boardAssetUploadPath(interviewId), {
        method: 'POST',
        body: file,
        headers: {
          'Content-Type': file.type || 'application/octet-stream',
          'X-File-Name': encodeURIComponent(file.name),
        },
        credentials: 'same-origin',
        signal: abortSignal,
        schema: ZBoardAssetUploaded,
      });
      // tldraw's asset store contract: a failed upload throws, and tldraw shows the message.
      if (!result.ok) throw new Error(result.error.message);
      return { src: result.data.url };
    },
    resolve: (asset) => asset.props.src,
  };
}

const ERROR_MESSAGES: Record<string, string> = {
  NOT_FOUND: 'This whiteboard is not available to you.',
  FORBIDDEN: 'This whiteboard is not available to you.',
  NOT_AUTHENTICATED: 'You are signed out. Sign in again to see the whiteboard.',
  CLIENT_TOO_OLD: 'mockroom was updated. Reload the page to reconnect.',
  SERVER_TOO_OLD: 'The server runs an older mockroom. Try again in a minute.',
  TOO_LARGE: 'That change is too large to share. Reload the page.',
};

function errorMessage(error: unknown): string {
  const reason = typeof error === 'object' && error !== null ? (error as { reason?: unknown }).reason : undefined;
  return (typeof reason === 'string' && ERROR_MESSAGES[reason]) || 'The whiteboard stopped syncing. Reload the page.';
}

// tldraw's presence colours, picked from the user id so a person keeps theirs across sessions.
const COLORS = ['#FF802B', '#EC5E41', '#F2555A', '#F04F88', '#E34BA9', '#BD54C6', '#9D5BD2', '#7B66DC', '#02B1CC', '#11B3A3', '#39B178', '#55B467'];

function colorFor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) | 0;
  return COLORS[Math.abs(hash) % COLORS.length] ?? '#02B1CC';
}
