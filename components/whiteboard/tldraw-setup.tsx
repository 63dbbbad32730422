'use client';

// What the live board (whiteboard.tsx) and the review's replay (components/review/) configure
// alike in tldraw: self-hosted assets, embeds shown as plain links, system-design icons on tagged
// geo shapes, the theme. Imported only by
// those lazily loaded modules, so tldraw stays out of every page's first load.
import { getAssetUrls } from '@tldraw/assets/selfHosted';
import { defaultShapeUtils, EmbedShapeUtil, HTMLContainer, type TLEmbedShape } from 'tldraw';
import { BOARD_CUSTOM_RECORDS } from '@/lib/protocol/board-schema';
import { SystemDesignGeoShapeUtil } from './system-design-shapes';

/**
 * Fonts, icons and translations from our own origin (copied from @tldraw/assets at build time),
 * never tldraw's CDN.
 */
export const BOARD_ASSET_URLS = getAssetUrls({ baseUrl: '/tldraw-assets' });

/**
 * tldraw renders an embed shape as an iframe of its URL, even for sites it does not know. The
 * server refuses new embed shapes; this keeps any stored one from loading another site: it is a
 * plain link.
 */
class LinkOnlyEmbedShapeUtil extends EmbedShapeUtil.configure({ embedDefinitions: [] }) {
  override component(shape: TLEmbedShape) {
    return (
      <HTMLContainer className="board-embed-link" style={{ pointerEvents: 'all', padding: 8, overflow: 'hidden' }}>
        <a href={shape.props.url} target="_blank" rel="noopener noreferrer nofollow">
          {shape.props.url}
        </a>
      </HTMLContainer>
    );
  }
}

/** For `<Tldraw shapeUtils>`, which merges them with tldraw's defaults. */
export const BOARD_SHAPE_UTILS = [LinkOnlyEmbedShapeUtil, SystemDesignGeoShapeUtil];

const REPLACED_TYPES = new Set<string>(BOARD_SHAPE_UTILS.map((util) => util.type));

/**
 * For a store's schema (useSync, createTLStore), built from exactly the utils given: the full
 * default set with the embed and geo utils replaced (same record types and props, so the schema
 * is tldraw's default one, which the server validates against).
 */
export const BOARD_STORE_SHAPE_UTILS = [...defaultShapeUtils.filter((util) => !REPLACED_TYPES.has(util.type)), ...BOARD_SHAPE_UTILS];

/**
 * Our own record types in the room (the "API and data" pane's updates), for a store's schema
 * beside BOARD_STORE_SHAPE_UTILS: the server's TLSocketRoom has the same (record-bounds.ts).
 */
export const BOARD_RECORDS = BOARD_CUSTOM_RECORDS;

/**
 * Zoom from 10% to 800%. tldraw's default starts at 5%, and at load it paints its fill pattern
 * once per power of two up to max/min zoom, on canvases of 8 x that power pixels (times the
 * device pixel ratio): starting at 5% adds two 2048 px canvases (16 MiB each, 64 MiB on a 2x
 * screen), which took 1.4-2.9 s of the page's main thread in software-rendered Chromium on a busy machine (measured
 * with a CPU profile of a room load, `fillRect` on the largest canvases). From 10% the largest
 * is 1024 px. A board holds at most 2,000 shapes, which 10% still shows whole on a laptop screen.
 */
export const BOARD_CAMERA_OPTIONS = { zoomSteps: [0.1, 0.25, 0.5, 1, 2, 4, 8] };

/**
 * The app follows the system's light or dark setting (globals.css); the board follows the same
 * one, with tldraw's own dark theme.
 */
export const BOARD_COLOR_SCHEME = 'system' as const;
