'use client';

import { useEffect, useState } from 'react';
import type { SerializedSchema } from 'tldraw';
import { buildFrames, type TReplayFrames } from '@/lib/domain/board-replay';
import { idleStretches, replaySpan, type TIdleStretch, type TReplaySpan } from '@/lib/domain/replay-timeline';
import type { TBoardTimeline, TReplayMarker } from '@/lib/use-cases/board-timeline';

export type TReplayTimeline = TReplaySpan & {
  frames: TReplayFrames;
  schema: SerializedSchema | null;
  markers: TReplayMarker[];
  /** Stretches with no board change and no marker, which playback may skip. */
  idle: TIdleStretch[];
};

type TBody = { ok: true; data: TBoardTimeline } | { ok: false; error: { message: string } };

/** The stored timeline of an interview's board, as the replay plays it. */
export function useReplayTimeline(interviewId: string): { timeline: TReplayTimeline | null; error: string | null } {
  const [timeline, setTimeline] = useState<TReplayTimeline | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let isCancelled = false;
    void (async () => {
      try {
        const response = await fetch(`/api/interviews/${encodeURIComponent(interviewId)}/board-timeline`);
        const body = (await response.json()) as TBody;
        if (isCancelled) return;
        if (!body.ok) return setError(body.error.message);
        const frames = buildFrames(body.data);
        const span = replaySpan({
          startedAt: body.data.startedAt,
          endedAt: body.data.endedAt,
          firstChangeAt: frames.events[0]?.at ?? null,
          lastFrameAt: frames.end || null,
        });
        const activity = [...frames.events, ...body.data.markers];
        setTimeline({
          ...span,
          frames,
          schema: body.data.schema as SerializedSchema | null,
          markers: body.data.markers,
          idle: idleStretches(activity, span),
        });
      } catch {
        if (!isCancelled) setError('The replay could not be loaded. Try again.');
      }
    })();
    return () => {
      isCancelled = true;
    };
  }, [interviewId]);

  return { timeline, error };
}
