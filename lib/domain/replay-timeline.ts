// The replay's time line: where playback starts and ends, which stretches had nothing happening
// (so playback can skip them), and which markers sit too close to be shown apart. Pure.

/** A moment on the replay's time line (ms since the epoch). */
export type TTimed = { at: number };

/** The span the replay plays. */
export type TReplaySpan = { from: number; to: number };

/**
 * Playback starts when the interview started (not when it was created: a room opened the day
 * before would otherwise open with a day of nothing), or, for an interview never started, at its
 * first board change. It ends at the end of the interview or the last stored change, whichever
 * is later.
 */
export function replaySpan(input: { startedAt: number | null; endedAt: number | null; firstChangeAt: number | null; lastFrameAt: number | null }): TReplaySpan {
  const from = input.startedAt ?? input.firstChangeAt ?? input.lastFrameAt ?? input.endedAt ?? 0;
  const to = Math.max(from, input.endedAt ?? 0, input.lastFrameAt ?? 0);
  return { from, to };
}

/** With no board change or marker for this long, a stretch counts as idle. */
export const IDLE_MIN_MS = 30_000;
/** Playback lands this long before the next change, so its run-up is visible. */
export const IDLE_LEAD_MS = 2_000;

export type TIdleStretch = { from: number; to: number };

/**
 * Stretches of at least `minMs` inside the span in which nothing happened (no board change, no
 * marker), in time order. Skipping one jumps from `from` to `to`, and `to` is IDLE_LEAD_MS before
 * the next thing that happened.
 */
export function idleStretches(activity: readonly TTimed[], span: TReplaySpan, minMs = IDLE_MIN_MS): TIdleStretch[] {
  const times = [span.from, ...activity.map((a) => a.at).filter((t) => t > span.from && t < span.to), span.to].sort((a, b) => a - b);
  const out: TIdleStretch[] = [];
  for (let i = 1; i < times.length; i += 1) {
    const start = times[i - 1]!;
    const next = times[i]!;
    if (next - start >= minMs) out.push({ from: start + IDLE_LEAD_MS, to: next - IDLE_LEAD_MS });
  }
  return out;
}

/** Where playback continues from `t` with idle stretches skipped: the end of the one `t` is in, else `t`. */
export function skipIdle(stretches: readonly TIdleStretch[], t: number): number {
  const stretch = stretches.find((s) => t >= s.from && t < s.to);
  return stretch ? stretch.to : t;
}

/** A marker on a track: its moment's position (px from the track's start) and its label's width (px). */
export type TPlaced<T> = { item: T; x: number; width: number };

/** Markers shown as one button at `left` (px): one marker, or several too close to be told apart. */
export type TMarkerGroup<T> = { items: T[]; left: number; width: number };

/** A button of `width` centred on `x`, kept inside a track `trackWidth` wide. */
export function boxLeft(x: number, width: number, trackWidth: number): number {
  return Math.max(0, Math.min(x - width / 2, trackWidth - width));
}

/**
 * Groups markers whose buttons would overlap on the track. Left to right, each marker becomes a
 * button centred on its moment; while the last button would start before the previous one ends
 * (plus `gap` px), the two become one group, whose button is `groupExtra` px wider than its first
 * marker's (for the "+2" it adds) and centred on that marker. Input in any order; output in
 * position order, no two buttons overlapping.
 */
export function groupMarkers<T>(placed: ReadonlyArray<TPlaced<T>>, trackWidth: number, gap = 6, groupExtra = 28): Array<TMarkerGroup<T>> {
  const sorted = [...placed].sort((a, b) => a.x - b.x);
  const groups: Array<TMarkerGroup<T> & { x: number; firstWidth: number }> = [];
  for (const marker of sorted) {
    groups.push({ items: [marker.item], x: marker.x, firstWidth: marker.width, width: marker.width, left: boxLeft(marker.x, marker.width, trackWidth) });
    for (;;) {
      const last = groups.at(-1)!;
      const previous = groups.at(-2);
      if (!previous || last.left >= previous.left + previous.width + gap) break;
      previous.items.push(...last.items);
      previous.width = Math.min(trackWidth, previous.firstWidth + groupExtra);
      previous.left = boxLeft(previous.x, previous.width, trackWidth);
      groups.pop();
    }
  }
  return groups.map(({ items, left, width }) => ({ items, left, width }));
}
