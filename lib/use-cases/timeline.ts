import type { Prisma } from '@/lib/generated/prisma/client';
import type { TTimelineEvent } from '@/lib/domain/timeline';

// The one way a use case writes the timeline: a typed event (lib/domain/timeline.ts) and the
// row's context. Returns Prisma's promise, so it also goes into a $transaction([...]) batch.

type TTimelineDb = Pick<Prisma.TransactionClient, 'timelineEvent'>;

export type TTimelineContext = { interviewId: string; actorId: string | null; at?: Date };

/** The row's kind and payload columns of an event (also for nested and createMany writes). */
export function timelineColumns(event: TTimelineEvent): { kind: TTimelineEvent['kind']; payload: Prisma.InputJsonObject } {
  return { kind: event.kind, payload: event.payload as Prisma.InputJsonObject };
}

/** Appends one event to an interview's timeline. */
export function appendTimelineEvent(db: TTimelineDb, context: TTimelineContext, event: TTimelineEvent) {
  return db.timelineEvent.create({ data: { ...context, ...timelineColumns(event) }, select: { id: true, at: true } });
}
