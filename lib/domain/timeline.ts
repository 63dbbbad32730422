import { z } from 'zod';
import type { TReplayDiff } from './board-replay';
import { ZTimerCommand, ZTimerStatus } from './phase-timer-schema';

// The interview's timeline: one row per thing that happened (`TimelineEvent`: kind, payload,
// at, actor). Every kind and its payload are named here once; writers build a TTimelineEvent
// (so a misspelt kind or a missing field does not compile) and readers parse stored rows with
// parseTimelineEvent, which answers null for a row this server cannot read (an old or damaged
// one) so that a reader skips it instead of crashing or guessing.

const ZIndex = z.int().min(0);
const ZClock = z.int();

/**
 * tldraw's forward diff as the board archive stores it: records put by id (whole, or
 * [before, after]) and ids deleted. The records themselves are tldraw's to validate; only the
 * shape the replay walks is checked here (cheap: the keys of `puts`, not every record).
 */
const ZBoardDiff = z.object({
  puts: z.record(z.string(), z.union([z.looseObject({ id: z.string(), typeName: z.string() }), z.tuple([z.unknown(), z.unknown()])])),
  deletes: z.array(z.string()),
});

/** Board changes of one archive write, covering document clocks (sinceClock, clock]. */
export const ZBoardChanges = z.object({ sinceClock: ZClock, clock: ZClock, diff: ZBoardDiff });
export type TBoardChanges = { sinceClock: number; clock: number; diff: TReplayDiff };

const event = <K extends string, P extends z.ZodType>(kind: K, payload: P) => z.object({ kind: z.literal(kind), payload });

export const ZTimelineEvent = z.discriminatedUnion('kind', [
  /** Whiteboard changes, about one a second while people draw (server/board/prisma-board-archive.ts). */
  event('board', ZBoardChanges),
  /** A timer command that changed the state, and the state's version, status and phase after it. */
  event('timer', z.object({ command: ZTimerCommand, version: z.int().min(0), status: ZTimerStatus, phaseIndex: ZIndex })),
  event('interview:started', z.object({})),
  event('interview:ended', z.object({})),
  /** A hint of the ladder shown to the candidate (its index; the text is in the prompt copy). */
  event('hint:revealed', z.object({ index: ZIndex })),
  /** The interviewer wrote a note; the text stays in the Note row, only its id is here. */
  event('note', z.object({ noteId: z.string().min(1) })),
  event('chat', z.object({ text: z.string() })),
  /** The candidate accepted the invite. */
  event('participant:joined', z.object({ role: z.literal('candidate') })),
  event('scorecard:submitted', z.object({ version: z.int().min(1) })),
]);

type TParsedTimelineEvent = z.infer<typeof ZTimelineEvent>;

/** One timeline event (kind and payload). The board diff keeps the replay's record type. */
export type TTimelineEvent =
  | Exclude<TParsedTimelineEvent, { kind: 'board' }>
  | { kind: 'board'; payload: TBoardChanges };

export type TTimelineKind = TTimelineEvent['kind'];
export type TTimelinePayload<K extends TTimelineKind> = Extract<TTimelineEvent, { kind: K }>['payload'];

export const TIMELINE_KINDS = ZTimelineEvent.options.map((option) => option.shape.kind.value) as readonly TTimelineKind[];

/**
 * A stored row's kind and payload as a typed event, or null when it is not one this server
 * knows (an unknown kind, or a payload of the wrong shape): readers skip such rows.
 */
export function parseTimelineEvent(row: { kind: string; payload: unknown }): TTimelineEvent | null {
  // Raw queries may hand jsonb back as text.
  let payload = row.payload;
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload) as unknown;
    } catch {
      return null;
    }
  }
  const parsed = ZTimelineEvent.safeParse({ kind: row.kind, payload });
  return parsed.success ? (parsed.data as TTimelineEvent) : null;
}

/** Parses stored rows, keeping each row's other columns and dropping the ones that do not parse. */
export function parseTimelineRows<R extends { kind: string; payload: unknown }>(rows: readonly R[]): Array<Omit<R, 'kind' | 'payload'> & { event: TTimelineEvent }> {
  const events: Array<Omit<R, 'kind' | 'payload'> & { event: TTimelineEvent }> = [];
  for (const row of rows) {
    const parsed = parseTimelineEvent(row);
    if (!parsed) continue;
    const { kind: _kind, payload: _payload, ...rest } = row;
    events.push({ ...rest, event: parsed });
  }
  return events;
}
