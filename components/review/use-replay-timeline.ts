'use client';

import { useEffect, useState } from 'react';
import type { SerializedSchema } from 'tldraw';
import { buildFrames, type TReplayFrames } from '@/lib/domain/board-replay';
import { idleStretches, replaySpan, type TIdleStretch, type TReplaySpan } from '@/lib/domain/replay-timeline';
import { fetchResult } from '@/components/ui/fetch-result';
import type { TBoardTimeline, TReplayMarker } from '@/lib/protocol/review';

export type TReplayTimeline = TReplaySpan & {
  frames: TReplayFrames;
  schema: SerializedSchema | null;
  markers: TReplayMarker[];
  /** Stretches with no board change and no marker, which playback may skip. */
  idle: TIdleStretch[];
};

const LOAD_FAILED = 'The replay could not be loaded. Try again.';

function toReplayTimeline(data: TBoardTimeline): TReplayTimeline {
  const frames = buildFrames(data);
  const span = replaySpan({
    startedAt: data.startedAt,
    endedAt: data.endedAt,
    firstChangeAt: frames.events[0]?.at ?? null,
    lastFrameAt: frames.end || null,
  });
  const activity = [...frames.events, ...data.markers];
  return { ...span, frames, schema: data.schema as SerializedSchema | null, markers: data.markers, idle: idleStretches(activity, span) };
}

/** The stored timeline of a board (an interview's timeline route, or a reference session's), as the replay plays it. */
export function useReplayTimeline(url: string): { timeline: TReplayTimeline | null; error: string | null } {
  const [timeline, setTimeline] = useState<TReplayTimeline | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let isCancelled = false;
    void (async () => {
      const result = await fetchResult<TBoardTimeline>(url, {
        offlineMessage: LOAD_FAILED,
      });
      if (isCancelled) return;
      if (!result.ok) return setError(result.error.message);
      try {
        setTimeline(toReplayTimeline(result.data));
      } catch {
        setError(LOAD_FAILED);
      }
    })();
    return () => {
      isCancelled = true;
    };
  }, [url]);

  return { timeline, error };
}
