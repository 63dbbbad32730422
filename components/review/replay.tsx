'use client';

import { Tldraw } from 'tldraw';
import 'tldraw/tldraw.css';
import type { TReplayMarker } from '@/lib/protocol/review';
import { BOARD_ASSET_URLS, BOARD_CAMERA_OPTIONS, BOARD_COLOR_SCHEME, BOARD_SHAPE_UTILS } from '@/components/whiteboard/tldraw-setup';
import { useEffect } from 'react';
import { ReplayAudio, useRecordingTracks } from './replay-audio';
import { ReplayExportButtons } from './replay-export';
import { ReplayTrack } from './replay-markers';
import { formatDuration } from './review-format';
import { REPLAY_SPEEDS, usePlayback, type TReplaySpeed } from './use-playback';
import { useReplayBoard } from './use-replay-board';
import { useReplayTimeline } from './use-replay-timeline';

export type { TReplayMarker } from '@/lib/protocol/review';

export type TBoardReplayProps = {
  /** The interview whose stored timeline is replayed; also names the exported files. */
  interviewId: string;
  /** Where the timeline comes from instead of the interview's route (a calibration reference session's). */
  timelineUrl?: string;
  /**
   * Markers along the timeline ({ at: ms since the epoch, kind, label }). Default: the markers
   * the timeline route answers (phase changes, hints, notes the caller may see, the end).
   */
  markers?: TReplayMarker[];
  /** tldraw license key (read on the server); without one tldraw runs in development mode only. */
  licenseKey?: string | null;
};

const NO_IDLE: never[] = [];

/**
 * Replay of an interview's whiteboard from the interview's start: play, pause, 1x-8x, skipping
 * idle stretches, a keyboard-accessible scrubber, markers that jump to their moment, and the
 * moment shown as PNG or SVG. Read-only; every moment is rebuilt from the stored timeline. Opens
 * on the final board. Load with `ssr: false` (see replay-loader.tsx).
 */
export default function BoardReplay({ interviewId, timelineUrl, markers: givenMarkers, licenseKey }: TBoardReplayProps) {
  const { timeline, error } = useReplayTimeline(timelineUrl ?? `/api/interviews/${encodeURIComponent(interviewId)}/board-timeline`);
  const playback = usePlayback(timeline, timeline?.idle ?? NO_IDLE, 'end');
  const board = useReplayBoard(timeline, playback.time);
  const tracks = useRecordingTracks(interviewId);
  // With voices, a stretch without board changes is talk, not idle: play it.
  const hasAudio = tracks.length > 0;
  const { setIsSkippingIdle } = playback;
  useEffect(() => {
    if (hasAudio) setIsSkippingIdle(false);
  }, [hasAudio, setIsSkippingIdle]);

  if (error) return <div role="alert">{error}</div>;
  if (!timeline) return <div aria-busy="true">Loading the replay…</div>;

  const { from, to } = timeline;
  const markers = givenMarkers ?? timeline.markers;

  return (
    <section className="replay" aria-label="Whiteboard replay">
      <div className="replay-board">
        <Tldraw
          store={board.store}
          shapeUtils={BOARD_SHAPE_UTILS}
          assetUrls={BOARD_ASSET_URLS}
          colorScheme={BOARD_COLOR_SCHEME}
          cameraOptions={BOARD_CAMERA_OPTIONS}
          licenseKey={licenseKey ?? undefined}
          onMount={board.onMount}
          hideUi
        />
      </div>
      <div className="replay-controls">
        <button type="button" className="button primary" onClick={playback.togglePlay} data-testid="replay-play" aria-pressed={playback.isPlaying}>
          {playback.isPlaying ? 'Pause' : 'Play'}
        </button>
        <label className="replay-inline">
          Speed{' '}
          <select value={playback.speed} onChange={(e) => playback.setSpeed(Number(e.target.value) as TReplaySpeed)} data-testid="replay-speed">
            {REPLAY_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}x
              </option>
            ))}
          </select>
        </label>
        {timeline.idle.length > 0 ? (
          <label className="replay-inline">
            <input type="checkbox" checked={playback.isSkippingIdle} onChange={(e) => playback.setIsSkippingIdle(e.target.checked)} />
            Skip idle stretches
          </label>
        ) : null}
        <span data-testid="replay-time" data-at={Math.round(playback.time)}>
          {formatDuration(playback.time - from)} / {formatDuration(to - from)}
        </span>
        <span>
          Shapes: <span data-testid="replay-shape-count">{board.shapeCount}</span>
        </span>
        <ReplayAudio tracks={tracks} playback={playback} />
        <ReplayExportButtons
          interviewId={interviewId}
          editor={board.editor}
          timeRef={playback.timeRef}
          from={from}
          shapeCount={board.shapeCount}
          isPlaying={playback.isPlaying}
        />
      </div>
      {board.skippedCount > 0 ? (
        <p className="hint" role="status" data-testid="replay-skipped">
          {board.skippedCount === 1 ? '1 stored record' : `${board.skippedCount} stored records`} of this moment could not be read by
          this version of the whiteboard and {board.skippedCount === 1 ? 'is' : 'are'} not shown.
        </p>
      ) : null}
      <section className="replay-pane" aria-label="API and data at this moment">
        <h3>API and data</h3>
        {board.paneText ? (
          <pre className="replay-pane-text" data-testid="replay-pane">
            {board.paneText}
          </pre>
        ) : (
          <p className="hint">Nothing was written in the API and data pane by this moment.</p>
        )}
      </section>
      <ReplayTrack markers={markers} from={from} to={to} time={playback.time} idle={timeline.idle} onSeek={playback.seek} />
    </section>
  );
}
