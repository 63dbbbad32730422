// Rebuilding the whiteboard at any moment of an interview from its stored timeline: keyframes
// (whole documents, at most one a minute) and board events (the changes of each save, about one
// a second while people draw). Pure: no tldraw store, no DOM, no database.

/** A tldraw document record (shape, page, asset, binding, document…). Never presence. */
export type TReplayRecord = { id: string; typeName: string } & Record<string, unknown>;

/**
 * tldraw's TLSyncForwardDiff as the board store saves it (storage.getChangesSince): full records
 * put (or [before, after] pairs) by id, and the ids deleted.
 */
export type TReplayDiff = {
  puts: Record<string, TReplayRecord | [before: TReplayRecord, after: TReplayRecord]>;
  deletes: string[];
};

/** Presence never belongs to the replayed document (the sync storage's change feed may carry it). */
const NOT_DOCUMENT = new Set(['instance_presence']);

/** One stored save's changes; the diff covers document clocks (sinceClock, clock]. */
export type TReplayEvent = { at: number; sinceClock: number; clock: number; diff: TReplayDiff };

/** A whole document at a document clock, with the time it was stored. */
export type TReplayKeyframe = { at: number; clock: number; records: TReplayRecord[] };

export type TReplayFrames = {
  /** Ordered by time (then clock). */
  keyframes: TReplayKeyframe[];
  /** Ordered by time (then clock). */
  events: TReplayEvent[];
  /** Time of the first stored frame (the first stroke), ms since the epoch; 0 when nothing was stored. */
  start: number;
  /** Time of the last stored frame. */
  end: number;
};

export type TBoardDocument = Record<string, TReplayRecord>;

const byTimeThenClock = <T extends { at: number; clock: number }>(a: T, b: T) => a.at - b.at || a.clock - b.clock;

/** Sorts and indexes what the timeline route returned. */
export function buildFrames(input: { keyframes: TReplayKeyframe[]; events: TReplayEvent[] }): TReplayFrames {
  const keyframes = [...input.keyframes].sort(byTimeThenClock);
  const events = [...input.events].sort(byTimeThenClock);
  const times = [...keyframes.map((k) => k.at), ...events.map((e) => e.at)];
  return {
    keyframes,
    events,
    start: times.length ? Math.min(...times) : 0,
    end: times.length ? Math.max(...times) : 0,
  };
}

/** Index of the last item with at <= t, or -1. */
function lastAtOrBefore(items: Array<{ at: number }>, t: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.at <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Applies one diff to a document in place (records themselves are never mutated). */
export function applyDiff(doc: TBoardDocument, diff: TReplayDiff): void {
  for (const [id, put] of Object.entries(diff.puts ?? {})) {
    const record = Array.isArray(put) ? put[1] : put;
    if (!NOT_DOCUMENT.has(record.typeName)) doc[id] = record;
  }
  for (const id of diff.deletes ?? []) delete doc[id];
}

/**
 * The document records as they were live at time `t` (ms since the epoch): the nearest keyframe
 * stored at or before `t` (or an empty document), then every board event after that keyframe's
 * clock, in order, up to `t`. Before the first frame: an empty document. Cost: one keyframe copy
 * plus at most about a minute of events, independent of where `t` lies.
 */
export function boardAt(frames: TReplayFrames, t: number): TBoardDocument {
  const doc: TBoardDocument = {};
  const k = lastAtOrBefore(frames.keyframes, t);
  const baseClock = k >= 0 ? frames.keyframes[k]!.clock : -Infinity;
  if (k >= 0) for (const record of frames.keyframes[k]!.records) if (!NOT_DOCUMENT.has(record.typeName)) doc[record.id] = record;
  const last = lastAtOrBefore(frames.events, t);
  // Events are ordered by time; those at or before the keyframe's clock are already in it.
  let i = last;
  while (i >= 0 && frames.events[i]!.clock > baseClock) i -= 1;
  for (let j = i + 1; j <= last; j += 1) applyDiff(doc, frames.events[j]!.diff);
  return doc;
}

/** The shapes of a document (what the replay counts). */
export function shapesOf(doc: TBoardDocument): TReplayRecord[] {
  return Object.values(doc).filter((r) => r.typeName === 'shape');
}
