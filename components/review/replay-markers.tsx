'use client';

import { useEffect, useRef, useState } from 'react';
import { groupMarkers, type TIdleStretch, type TMarkerGroup } from '@/lib/domain/replay-timeline';
import type { TReplayMarker } from '@/lib/protocol/review';
import { formatDuration } from './review-format';

type Props = {
  markers: TReplayMarker[];
  from: number;
  to: number;
  time: number;
  idle: readonly TIdleStretch[];
  onSeek: (at: number) => void;
};

/** Marker labels are 11 px text: a width that holds the label, so overlap can be worked out before layout. */
const markerWidth = (label: string) => Math.ceil(label.length * 6.8) + 14;

/** The track's width in px, following resizes. */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * The scrubber with its markers above it. Markers too close to be read apart become one button
 * ("Phase 2 +2") whose list opens on hover, focus or click; every marker stays one click away at
 * any session length. Idle stretches show as hatched spans under the scrubber.
 */
export function ReplayTrack({ markers, from, to, time, idle, onSeek }: Props) {
  const { ref, width } = useWidth<HTMLDivElement>();
  const duration = to - from;
  const xOf = (at: number) => (duration > 0 ? ((Math.min(Math.max(at, from), to) - from) / duration) * width : 0);
  const clock = (at: number) => formatDuration(at - from);
  const groups = width > 0 ? groupMarkers(markers.map((item) => ({ item, x: xOf(item.at), width: markerWidth(item.label) })), width) : [];

  return (
    <div className="replay-track">
      <div className="replay-markers" ref={ref} data-testid="replay-markers">
        {groups.map((group) => (
          <MarkerGroup key={`${group.items[0]!.kind}-${group.items[0]!.at}`} group={group} clock={clock} onSeek={onSeek} />
        ))}
      </div>
      <input
        type="range"
        aria-label="Replay position"
        aria-valuetext={`${clock(time)} of ${formatDuration(duration)}`}
        data-testid="replay-scrubber"
        min={0}
        max={Math.max(duration, 0)}
        step={1000}
        value={Math.round(time - from)}
        onChange={(e) => onSeek(from + Number(e.target.value))}
      />
      {idle.length > 0 && duration > 0 ? (
        <div className="replay-idle" aria-hidden="true">
          {idle.map((stretch) => (
            <span
              key={stretch.from}
              title={`Nothing happened for ${formatDuration(stretch.to - stretch.from)}`}
              style={{ left: `${((stretch.from - from) / duration) * 100}%`, width: `${((stretch.to - stretch.from) / duration) * 100}%` }}
            />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function MarkerGroup({ group, clock, onSeek }: { group: TMarkerGroup<TReplayMarker>; clock: (at: number) => string; onSeek: (at: number) => void }) {
  const [isOpen, setIsOpen] = useState(false);
  const [first] = group.items;
  if (!first) return null;
  const style = { left: group.left, width: group.width };

  if (group.items.length === 1) {
    return (
      <button
        type="button"
        className={`replay-marker replay-marker-${first.kind}`}
        data-testid="replay-marker"
        data-kind={first.kind}
        data-at={first.at}
        title={`${first.label} at ${clock(first.at)}`}
        aria-label={`Jump to ${first.label} at ${clock(first.at)}`}
        onClick={() => onSeek(first.at)}
        style={style}
      >
        {first.label}
      </button>
    );
  }

  const last = group.items.at(-1)!;
  return (
    <div
      className="replay-group"
      data-open={isOpen}
      style={style}
      onMouseLeave={() => setIsOpen(false)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') setIsOpen(false);
      }}
    >
      <button
        type="button"
        className={`replay-marker replay-marker-${first.kind}`}
        data-testid="replay-marker-group"
        aria-expanded={isOpen}
        aria-label={`${group.items.length} markers from ${clock(first.at)} to ${clock(last.at)}`}
        onClick={() => setIsOpen((open) => !open)}
      >
        {first.label} +{group.items.length - 1}
      </button>
      <ul className="replay-group-list">
        {group.items.map((marker, i) => (
          <li key={`${marker.kind}-${marker.at}-${i}`}>
            <button
              type="button"
              className={`replay-marker replay-marker-${marker.kind}`}
              data-testid="replay-marker"
              data-kind={marker.kind}
              data-at={marker.at}
              aria-label={`Jump to ${marker.label} at ${clock(marker.at)}`}
              onClick={() => {
                setIsOpen(false);
                onSeek(marker.at);
              }}
            >
              {marker.label} <span className="replay-marker-time">{clock(marker.at)}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
