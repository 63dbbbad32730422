'use client';

import { useEffect, useRef, useState } from 'react';
import type { TRecordingTrack } from '@/lib/protocol/recording';
import { useRouteData } from '@/components/ui/use-route-data';

const NO_TRACKS: TRecordingTrack[] = [];

/** How far an element may drift from the replay's clock before it is moved back (seconds). */
const MAX_DRIFT_SECONDS = 0.3;

type TPlayback = { time: number; isPlaying: boolean; speed: number };

/** The recorded voices of an interview (empty when none was recorded), for the replay. */
export function useRecordingTracks(interviewId: string): TRecordingTrack[] {
  const { data } = useRouteData<TRecordingTrack[]>(`/api/interviews/${interviewId}/recordings`, 'The recording could not be loaded.');
  return data ?? NO_TRACKS;
}

/**
 * One recorded track as an <audio> element slaved to the replay's clock: at `time` (server epoch
 * ms, the clock the track's start was stamped with) it plays from `time - startedAt`, at the
 * replay's speed, and pauses, seeks and scrubs with it. MediaRecorder's WebM has no duration in
 * its header: the element is sent to the end once so that the browser learns it.
 */
function TrackAudio({ track, playback, isMuted }: { track: TRecordingTrack; playback: TPlayback; isMuted: boolean }) {
  const ref = useRef<HTMLAudioElement>(null);
  const [duration, setDuration] = useState<number | null>(null);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let isProbing = false;
    const onMetadata = () => {
      if (Number.isFinite(element.duration)) return setDuration(element.duration);
      isProbing = true;
      element.currentTime = 1e7;
    };
    // Not on the first durationchange: the demuxer reports what it has read so far while it
    // walks to the end; the seek completes only once it got there.
    const onSeeked = () => {
      if (!isProbing || !Number.isFinite(element.duration)) return;
      isProbing = false;
      setDuration(element.duration);
      element.currentTime = 0;
    };
    element.addEventListener('loadedmetadata', onMetadata);
    element.addEventListener('seeked', onSeeked);
    if (element.readyState >= 1) onMetadata();
    return () => {
      element.removeEventListener('loadedmetadata', onMetadata);
      element.removeEventListener('seeked', onSeeked);
    };
  }, [track.url]);

  const { time, isPlaying, speed } = playback;
  useEffect(() => {
    const element = ref.current;
    if (!element || duration === null) return;
    element.muted = isMuted;
    if (element.playbackRate !== speed) element.playbackRate = speed;
    const offset = (time - track.startedAt) / 1000;
    const target = Math.min(Math.max(offset, 0), duration);
    const isInside = offset >= 0 && offset < duration;
    if (!isPlaying || !isInside) {
      if (!element.paused) element.pause();
      if (Math.abs(element.currentTime - target) > 0.05) element.currentTime = target;
      return;
    }
    if (Math.abs(element.currentTime - target) > MAX_DRIFT_SECONDS * Math.max(1, speed / 2)) element.currentTime = target;
    if (element.paused) void element.play().catch(() => undefined);
  }, [time, isPlaying, speed, isMuted, duration, track.startedAt]);

  return (
    <audio
      ref={ref}
      src={track.url}
      preload="auto"
      data-testid="replay-audio"
      data-user-id={track.userId}
      data-started-at={track.startedAt}
      data-last-chunk-at={track.lastChunkAt ?? ''}
      data-ready={duration !== null}
    />
  );
}

/** The recorded voices under the replay: each plays in step with the board, and each person's voice can be muted. */
export function ReplayAudio({ tracks, playback }: { tracks: TRecordingTrack[]; playback: TPlayback }) {
  const [muted, setMuted] = useState<ReadonlySet<string>>(new Set());
  if (tracks.length === 0) return null;
  const people = [...new Map(tracks.map((track) => [track.userId, track.name])).entries()];
  return (
    <div className="replay-audio" role="group" aria-label="Recorded voices">
      <span>Voices:</span>
      {people.map(([userId, name]) => (
        <label key={userId} className="replay-inline">
          <input
            type="checkbox"
            checked={!muted.has(userId)}
            data-testid="replay-voice"
            onChange={(event) =>
              setMuted((current) => {
                const next = new Set(current);
                if (event.target.checked) next.delete(userId);
                else next.add(userId);
                return next;
              })
            }
          />
          {name}
        </label>
      ))}
      {tracks.map((track) => (
        <TrackAudio key={track.id} track={track} playback={playback} isMuted={muted.has(track.userId)} />
      ))}
    </div>
  );
}
