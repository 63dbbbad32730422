'use client';

import { getAssetUrls } from '@tldraw/assets/selfHosted';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  createTLStore,
  defaultShapeUtils,
  EmbedShapeUtil,
  HTMLContainer,
  Tldraw,
  type Editor,
  type SerializedSchema,
  type TLEmbedShape,
  type TLRecord,
  type TLStore,
} from 'tldraw';
import 'tldraw/tldraw.css';
import { readableRecord } from './readable-record';
import { boardAt, buildFrames, type TBoardDocument, type TReplayFrames, type TReplayRecord } from '@/lib/domain/board-replay';
import type { TBoardTimeline, TReplayMarker } from '@/lib/use-cases/board-timeline';

export type { TReplayMarker } from '@/lib/use-cases/board-timeline';

export type TBoardReplayProps = {
  interviewId: string;
  /**
   * Markers along the timeline ({ at: ms since the epoch, kind, label }). Default: the markers
   * the timeline route answers (phase changes, hints, notes the caller may see, the end).
   */
  markers?: TReplayMarker[];
  /** tldraw license key (read on the server); without one tldraw runs in development mode only. */
  licenseKey?: string | null;
};

export const REPLAY_SPEEDS = [1, 2, 4, 8] as const;

const ASSET_URLS = getAssetUrls({ baseUrl: '/tldraw-assets' });

// Stored embed shapes render as a plain link, never as an iframe of another site.
class ReplayEmbedShapeUtil extends EmbedShapeUtil.configure({ embedDefinitions: [] }) {
  override component(shape: TLEmbedShape) {
    return (
      <HTMLContainer style={{ padding: 8, overflow: 'hidden' }}>
        <a href={shape.props.url} target="_blank" rel="noopener noreferrer nofollow" style={{ pointerEvents: 'all' }}>
          {shape.props.url}
        </a>
      </HTMLContainer>
    );
  }
}
const SHAPE_UTILS = [ReplayEmbedShapeUtil];
const STORE_SHAPE_UTILS = [...defaultShapeUtils.filter((util) => util.type !== 'embed'), ReplayEmbedShapeUtil];
// tldraw keeps at least a document and a page; an empty moment removes only the rest.
const KEPT_TYPES = new Set(['document', 'page']);

type TExportFormat = 'png' | 'svg';

/**
 * The board shown at this moment as an image, made by tldraw in the browser (light theme, with
 * the background, so it prints); null when the moment has no shapes.
 */
async function exportShownBoard(editor: Editor, format: TExportFormat): Promise<Blob | null> {
  const ids = [...editor.getCurrentPageShapeIds()];
  if (ids.length === 0) return null;
  const options = { background: true, padding: 32, darkMode: false };
  if (format === 'svg') {
    const result = await editor.getSvgString(ids, options);
    return result ? new Blob([result.svg], { type: 'image/svg+xml' }) : null;
  }
  const { blob } = await editor.toImage(ids, { ...options, format: 'png', pixelRatio: 2 });
  return blob;
}

function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  return `${minutes}:${String(total % 60).padStart(2, '0')}`;
}

type TLoaded = { frames: TReplayFrames; schema: SerializedSchema | null; markers: TReplayMarker[]; from: number; to: number };

/** Replaces the store's document records with `next` (records already migrated). */
function showDocument(store: TLStore, next: TBoardDocument): void {
  const current = store.allRecords().filter((r) => store.schema.types[r.typeName]?.scope === 'document');
  const removed = current
    .filter((r) => !next[r.id] && !KEPT_TYPES.has(r.typeName))
    .map((r) => r.id);
  const put = Object.values(next).filter((r) => store.get(r.id as TLRecord['id']) !== (r as unknown as TLRecord)) as unknown as TLRecord[];
  if (!removed.length && !put.length) return;
  store.mergeRemoteChanges(() => {
    if (removed.length) store.remove(removed);
    if (put.length) store.put(put);
  });
}

/**
 * Replay of an interview's whiteboard: play, pause, 1x–8x, a keyboard-accessible scrubber and
 * markers that jump to their moment. Read-only; every moment is rebuilt from the stored timeline.
 * Load with `ssr: false` (see replay-loader.tsx).
 */
export default function BoardReplay({ interviewId, markers: givenMarkers, licenseKey }: TBoardReplayProps) {
  const [loaded, setLoaded] = useState<TLoaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [time, setTime] = useState(0);
  const [isPlaying, setIsPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof REPLAY_SPEEDS)[number]>(1);
  const [shapeCount, setShapeCount] = useState(0);
  const [skippedCount, setSkippedCount] = useState(0);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState<TExportFormat | null>(null);
  const store = useMemo(() => createTLStore({ shapeUtils: STORE_SHAPE_UTILS }), []);
  const migrated = useRef(new WeakMap<TReplayRecord, TReplayRecord | null>());
  const timeRef = useRef(0);
  useEffect(() => {
    timeRef.current = time;
  }, [time]);

  useEffect(() => {
    let isCancelled = false;
    void (async () => {
      try {
        const response = await fetch(`/api/interviews/${encodeURIComponent(interviewId)}/board-timeline`);
        const body = (await response.json()) as { ok: true; data: TBoardTimeline } | { ok: false; error: { message: string } };
        if (isCancelled) return;
        if (!body.ok) return setError(body.error.message);
        const frames = buildFrames(body.data);
        const from = Math.min(...[frames.start || Infinity, body.data.startedAt ?? Infinity].filter(Number.isFinite));
        const to = Math.max(frames.end, body.data.endedAt ?? 0, from);
        setLoaded({ frames, schema: body.data.schema as SerializedSchema | null, markers: body.data.markers, from: Number.isFinite(from) ? from : to, to });
        // The review opens on the final board; Play starts over from the first stroke.
        setTime(to);
      } catch {
        if (!isCancelled) setError('The replay could not be loaded. Try again.');
      }
    })();
    return () => {
      isCancelled = true;
    };
  }, [interviewId]);

  /**
   * Stored records in this tldraw's schema, migrated and validated once per stored record. A
   * record that does not validate (written by another tldraw version, or damaged) is left out
   * and counted, rather than failing the whole replay.
   */
  const migrate = useCallback(
    (doc: TBoardDocument, schema: SerializedSchema | null): { doc: TBoardDocument; skipped: number } => {
      const out: TBoardDocument = {};
      let skipped = 0;
      for (const [id, record] of Object.entries(doc)) {
        let next = migrated.current.get(record);
        if (next === undefined) {
          next = readableRecord(store, record, schema);
          migrated.current.set(record, next);
        }
        if (next) out[id] = next;
        else skipped += 1;
      }
      return { doc: out, skipped };
    },
    [store],
  );

  const show = useCallback(
    (t: number) => {
      if (!loaded) return;
      const { doc, skipped } = migrate(boardAt(loaded.frames, t), loaded.schema);
      showDocument(store, doc);
      setShapeCount(Object.values(doc).filter((r) => r.typeName === 'shape').length);
      setSkippedCount(skipped);
    },
    [loaded, migrate, store],
  );

  // Frame the whole final board once, then show the chosen moment.
  useEffect(() => {
    if (!loaded || !editor) return;
    show(loaded.to);
    editor.zoomToFit({ animation: { duration: 0 } });
  }, [loaded, editor, show]);

  const exportBoard = useCallback(
    async (format: TExportFormat) => {
      if (!editor || !loaded) return;
      setExporting(format);
      setExportError(null);
      try {
        const name = `mockroom-${interviewId}-board-${formatClock(timeRef.current - loaded.from).replace(':', 'm')}s.${format}`;
        const blob = await exportShownBoard(editor, format);
        if (!blob) return setExportError('Nothing is drawn at this moment: there is nothing to export.');
        downloadBlob(blob, name);
      } catch (cause) {
        console.error('[replay] export failed', cause);
        setExportError(`The ${format.toUpperCase()} export failed. Try again.`);
      } finally {
        setExporting(null);
      }
    },
    [editor, loaded, interviewId],
  );

  useEffect(() => {
    if (editor) show(time);
  }, [time, editor, show]);

  // Playback: advance by real elapsed time × speed, stop at the end.
  useEffect(() => {
    if (!isPlaying || !loaded) return;
    let last = performance.now();
    let handle = requestAnimationFrame(function tick(now) {
      const next = Math.min(loaded.to, timeRef.current + (now - last) * speed);
      last = now;
      timeRef.current = next;
      setTime(next);
      if (next >= loaded.to) setIsPlaying(false);
      else handle = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(handle);
  }, [isPlaying, loaded, speed]);

  const handleMount = useCallback((mounted: Editor) => {
    mounted.updateInstanceState({ isReadonly: true });
    setEditor(mounted);
  }, []);

  if (error) return <div role="alert">{error}</div>;
  if (!loaded) return <div aria-busy="true">Loading the replay…</div>;

  const duration = loaded.to - loaded.from;
  const markers = givenMarkers ?? loaded.markers;
  const pct = (at: number) => (duration > 0 ? ((Math.min(Math.max(at, loaded.from), loaded.to) - loaded.from) / duration) * 100 : 0);
  const togglePlay = () => {
    if (!isPlaying && time >= loaded.to) setTime(loaded.from);
    setIsPlaying((p) => !p);
  };

  return (
    <section className="replay" aria-label="Whiteboard replay" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <div style={{ position: 'relative', height: 480, border: '1px solid var(--border)', borderRadius: 8, overflow: 'hidden' }}>
        <Tldraw store={store} shapeUtils={SHAPE_UTILS} assetUrls={ASSET_URLS} licenseKey={licenseKey ?? undefined} onMount={handleMount} hideUi />
      </div>
      <div className="replay-controls" style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        <button type="button" className="button primary" onClick={togglePlay} data-testid="replay-play" aria-pressed={isPlaying}>
          {isPlaying ? 'Pause' : 'Play'}
        </button>
        <label style={{ flexDirection: 'row', alignItems: 'center', gap: 6 }}>
          Speed{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as (typeof REPLAY_SPEEDS)[number])} data-testid="replay-speed">
            {REPLAY_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}x
              </option>
            ))}
          </select>
        </label>
        <span data-testid="replay-time">
          {formatClock(time - loaded.from)} / {formatClock(duration)}
        </span>
        <span>
          Shapes: <span data-testid="replay-shape-count">{shapeCount}</span>
        </span>
        <span style={{ marginLeft: 'auto', display: 'flex', gap: 8 }}>
          {(['png', 'svg'] as const).map((format) => (
            <button
              key={format}
              type="button"
              className="button"
              onClick={() => void exportBoard(format)}
              // While playing, the board would change under the export: pause first.
              disabled={exporting !== null || shapeCount === 0 || isPlaying}
              title={
                isPlaying
                  ? 'Pause to export this moment'
                  : shapeCount === 0
                    ? 'Nothing is drawn at this moment'
                    : `The board as shown, as ${format.toUpperCase()}`
              }
            >
              {exporting === format ? 'Exporting…' : `Download ${format.toUpperCase()}`}
            </button>
          ))}
        </span>
      </div>
      {exportError ? <div role="alert">{exportError}</div> : null}
      {skippedCount > 0 ? (
        <p className="hint" role="status" data-testid="replay-skipped">
          {skippedCount === 1 ? '1 stored record' : `${skippedCount} stored records`} of this moment could not be read by this
          version of the whiteboard and {skippedCount === 1 ? 'is' : 'are'} not shown.
        </p>
      ) : null}
      <div style={{ position: 'relative', paddingTop: 28, margin: '0 24px' }}>
        {markers.map((marker, i) => (
          <button
            key={`${marker.kind}-${marker.at}-${i}`}
            type="button"
            className={`replay-marker replay-marker-${marker.kind}`}
            data-testid="replay-marker"
            data-kind={marker.kind}
            title={`${marker.label} at ${formatClock(marker.at - loaded.from)}`}
            aria-label={`Jump to ${marker.label} at ${formatClock(marker.at - loaded.from)}`}
            onClick={() => {
              setIsPlaying(false);
              setTime(Math.min(Math.max(marker.at, loaded.from), loaded.to));
            }}
            style={{ position: 'absolute', top: 0, left: `${pct(marker.at)}%`, transform: 'translateX(-50%)', fontSize: 11, padding: '2px 4px' }}
          >
            {marker.label}
          </button>
        ))}
        <input
          type="range"
          aria-label="Replay position"
          aria-valuetext={`${formatClock(time - loaded.from)} of ${formatClock(duration)}`}
          data-testid="replay-scrubber"
          min={0}
          max={Math.max(duration, 0)}
          step={1000}
          value={Math.round(time - loaded.from)}
          onChange={(e) => {
            setIsPlaying(false);
            setTime(loaded.from + Number(e.target.value));
          }}
          style={{ width: '100%' }}
        />
      </div>
    </section>
  );
}
