import { describe, expect, it } from 'vitest';
import { parseTimelineEvent, parseTimelineRows, TIMELINE_KINDS, ZTimelineEvent } from '@/lib/domain/timeline';

const board = {
  kind: 'board',
  payload: { sinceClock: 3, clock: 5, diff: { puts: { 'shape:a': { id: 'shape:a', typeName: 'shape', x: 1 } }, deletes: ['shape:b'] } },
};

describe('timeline events', () => {
  it('reads every kind the writers write', () => {
    const events = [
      board,
      { kind: 'timer', payload: { command: { type: 'extend', minutes: 5 }, version: 4, status: 'live', phaseIndex: 1 } },
      { kind: 'interview:started', payload: {} },
      { kind: 'interview:ended', payload: {} },
      { kind: 'hint:revealed', payload: { index: 2 } },
      { kind: 'note', payload: { noteId: 'cln0te' } },
      { kind: 'chat', payload: { text: 'hello' } },
      { kind: 'participant:joined', payload: { role: 'candidate' } },
      { kind: 'scorecard:submitted', payload: { version: 1 } },
    ];
    for (const event of events) expect(parseTimelineEvent(event), event.kind).toEqual(event);
    expect([...TIMELINE_KINDS].sort()).toEqual(events.map((e) => e.kind).sort());
  });

  it('refuses an unknown kind', () => {
    expect(parseTimelineEvent({ kind: 'hint:hidden', payload: { index: 0 } })).toBeNull();
    expect(ZTimelineEvent.safeParse({ kind: 'boards', payload: board.payload }).success).toBe(false);
  });

  it('refuses a payload of the wrong shape', () => {
    expect(parseTimelineEvent({ kind: 'hint:revealed', payload: { index: '1' } })).toBeNull();
    expect(parseTimelineEvent({ kind: 'hint:revealed', payload: { index: -1 } })).toBeNull();
    expect(parseTimelineEvent({ kind: 'note', payload: {} })).toBeNull();
    expect(parseTimelineEvent({ kind: 'chat', payload: null })).toBeNull();
    expect(parseTimelineEvent({ kind: 'timer', payload: { command: { type: 'jump' }, version: 1, status: 'live', phaseIndex: 0 } })).toBeNull();
    expect(parseTimelineEvent({ kind: 'participant:joined', payload: { role: 'interviewer' } })).toBeNull();
    expect(parseTimelineEvent({ kind: 'board', payload: { ...board.payload, diff: { puts: { a: 1 }, deletes: [] } } })).toBeNull();
    expect(parseTimelineEvent({ kind: 'board', payload: { sinceClock: 'x', clock: 5, diff: board.payload.diff } })).toBeNull();
  });

  it('reads a payload that a raw query handed back as JSON text, and refuses text that is not JSON', () => {
    expect(parseTimelineEvent({ kind: 'chat', payload: JSON.stringify({ text: 'hi' }) })).toEqual({ kind: 'chat', payload: { text: 'hi' } });
    expect(parseTimelineEvent({ kind: 'chat', payload: '{"text":' })).toBeNull();
  });

  it('lets a reader skip rows it cannot read and keep the rest, with their other columns', () => {
    const at = new Date(1_000);
    const rows = [
      { at, actorId: 'u1', kind: 'hint:revealed', payload: { index: 0 } },
      { at, actorId: 'u1', kind: 'hint:revealed', payload: { index: 'first' } },
      { at, actorId: null, kind: 'retired:kind', payload: {} },
      { at, actorId: 'u2', kind: 'chat', payload: { text: 'still here' } },
    ];
    expect(parseTimelineRows(rows)).toEqual([
      { at, actorId: 'u1', event: { kind: 'hint:revealed', payload: { index: 0 } } },
      { at, actorId: 'u2', event: { kind: 'chat', payload: { text: 'still here' } } },
    ]);
  });
});
