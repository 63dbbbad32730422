import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZPromptCopy } from '@/lib/domain/interview';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { connected } from '../helpers/http-client';
import { acceptInviteAs, createInterviewAs, joinedSocket, nextEvent, signedInClient } from '../helpers/room-fixtures';

let server: TTestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

async function room() {
  const interviewer = await signedInClient(server, 'ivr');
  const candidate = await signedInClient(server, 'cand');
  const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
  await acceptInviteAs(candidate, inviteToken);
  const ivr = await joinedSocket(interviewer, interviewId);
  const cand = await joinedSocket(candidate, interviewId);
  const row = await server.services.prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
  const guide = ZPromptCopy.parse(row.promptCopy).guide;
  const close = () => [ivr, cand].forEach((socket) => socket.close());
  return { interviewer, candidate, interviewId, ivr, cand, guide, close };
}

describe('hint ladder', () => {
  it('reveals in any order, once each, to everyone in the room; records each reveal once', async () => {
    const { interviewId, ivr, cand, guide, close } = await room();
    const first = nextEvent<{ hints: unknown[] }>(cand, 'hint:revealed');
    expect(await ivr.emitWithAck('hint:reveal', { interviewId, index: 2 })).toEqual({ ok: true, data: { hints: [{ index: 2, text: guide.hints[2] }] } });
    expect((await first).hints).toEqual([{ index: 2, text: guide.hints[2] }]);

    // Again: same answer, no new timeline event.
    expect(await ivr.emitWithAck('hint:reveal', { interviewId, index: 2 })).toMatchObject({ ok: true, data: { hints: [{ index: 2 }] } });
    const both = nextEvent<{ hints: unknown[] }>(cand, 'hint:revealed', (p) => p.hints.length === 2);
    expect(await ivr.emitWithAck('hint:reveal', { interviewId, index: 0 })).toMatchObject({ ok: true });
    expect((await both).hints).toEqual([
      { index: 2, text: guide.hints[2] },
      { index: 0, text: guide.hints[0] },
    ]);
    const events = await server.services.prisma.timelineEvent.findMany({ where: { interviewId, kind: 'hint:revealed' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => e.payload)).toEqual([{ index: 2 }, { index: 0 }]);
    close();
  });

  it('two reveals racing both land', async () => {
    const { interviewId, ivr, close } = await room();
    await Promise.all([ivr.emitWithAck('hint:reveal', { interviewId, index: 0 }), ivr.emitWithAck('hint:reveal', { interviewId, index: 1 })]);
    const row = await server.services.prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
    expect([...row.revealedHints].sort()).toEqual([0, 1]);
    close();
  });

  it('refuses the candidate, a stranger, a hint that does not exist, and an ended interview', async () => {
    const { interviewId, ivr, cand, guide, close } = await room();
    expect(await cand.emitWithAck('hint:reveal', { interviewId, index: 0 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const stranger = await signedInClient(server, 'stranger');
    const strangerSocket = stranger.client.socket();
    await connected(strangerSocket);
    expect(await strangerSocket.emitWithAck('hint:reveal', { interviewId, index: 0 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await strangerSocket.emitWithAck('guide:sync', { interviewId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    strangerSocket.close();
    expect(await ivr.emitWithAck('hint:reveal', { interviewId, index: guide.hints.length })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ivr.emitWithAck('hint:reveal', { interviewId, index: -1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ivr.emitWithAck('hint:reveal', { interviewId, index: '0' } as never)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    expect(await ivr.emitWithAck('interview:end', { interviewId })).toMatchObject({ ok: true });
    expect(await ivr.emitWithAck('hint:reveal', { interviewId, index: 0 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const row = await server.services.prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
    expect(row.revealedHints).toEqual([]);
    close();
  });
});

describe('key points', () => {
  it('sets ticks (not toggles) for the interviewer only, and tells only their other tabs', async () => {
    const { interviewer, interviewId, ivr, cand, guide, close } = await room();
    const ivrTab2 = await joinedSocket(interviewer, interviewId);
    const candHeard: string[] = [];
    cand.onAny((event) => candHeard.push(event));
    const onTab2 = nextEvent<{ checkedKeyPoints: number[] }>(ivrTab2, 'guide:checked');

    expect(await ivr.emitWithAck('guide:check', { interviewId, index: 3, checked: true })).toEqual({ ok: true, data: { checkedKeyPoints: [3] } });
    expect((await onTab2).checkedKeyPoints).toEqual([3]);
    // Retried message: still ticked once.
    expect(await ivr.emitWithAck('guide:check', { interviewId, index: 3, checked: true })).toEqual({ ok: true, data: { checkedKeyPoints: [3] } });
    expect(await ivr.emitWithAck('guide:check', { interviewId, index: 1, checked: true })).toEqual({ ok: true, data: { checkedKeyPoints: [1, 3] } });
    expect(await ivr.emitWithAck('guide:check', { interviewId, index: 3, checked: false })).toEqual({ ok: true, data: { checkedKeyPoints: [1] } });
    expect(await ivr.emitWithAck('guide:check', { interviewId, index: guide.keyPoints.length, checked: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await cand.emitWithAck('guide:check', { interviewId, index: 0, checked: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    expect(await ivr.emitWithAck('guide:sync', { interviewId })).toMatchObject({ ok: true, data: { interviewer: { checkedKeyPoints: [1] } } });
    expect(candHeard.filter((event) => event.startsWith('guide:') || event.startsWith('note:'))).toEqual([]);
    ivrTab2.close();
    close();
  });
});

describe('notes', () => {
  it('stamps interview time on creation (0 before the start), keeps it on edits, and lists them in order', async () => {
    const { interviewId, ivr, close } = await room();
    const early = await ivr.emitWithAck('note:save', { interviewId, text: 'before the start' });
    expect(early).toMatchObject({ ok: true, data: { atMs: 0, text: 'before the start' } });

    // Started 90 s ago.
    const startedAt = new Date(Date.now() - 90_000);
    await server.services.prisma.interview.update({ where: { id: interviewId }, data: { status: 'live', startedAt } });
    const later = await ivr.emitWithAck('note:save', { interviewId, text: '' });
    if (!later.ok) throw new Error(later.error.message);
    expect(later.data.atMs).toBeGreaterThanOrEqual(90_000);
    expect(later.data.atMs).toBeLessThan(120_000);

    const edited = await ivr.emitWithAck('note:save', { interviewId, id: later.data.id, text: 'typed later' });
    expect(edited).toMatchObject({ ok: true, data: { id: later.data.id, atMs: later.data.atMs, text: 'typed later' } });

    const sync = await ivr.emitWithAck('guide:sync', { interviewId });
    expect(sync.ok && sync.data.interviewer?.notes.map((n) => n.text)).toEqual(['before the start', 'typed later']);
    const timeline = await server.services.prisma.timelineEvent.findMany({ where: { interviewId, kind: 'note' } });
    expect(timeline).toHaveLength(2);
    // The timeline names the note; its text stays in the Note row.
    expect(JSON.stringify(timeline.map((e) => e.payload))).not.toContain('typed later');
    close();
  });

  it('refuses the candidate and texts over 5000 characters; a note of another interview is not found', async () => {
    const { interviewId, ivr, cand, close } = await room();
    const other = await room();
    expect(await cand.emitWithAck('note:save', { interviewId, text: 'mine' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await ivr.emitWithAck('note:save', { interviewId, text: 'x'.repeat(5001) })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const theirs = await other.ivr.emitWithAck('note:save', { interviewId: other.interviewId, text: 'theirs' });
    if (!theirs.ok) throw new Error(theirs.error.message);
    expect(await ivr.emitWithAck('note:save', { interviewId, id: theirs.data.id, text: 'hijack' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await ivr.emitWithAck('note:delete', { interviewId, id: theirs.data.id });
    expect(await server.services.prisma.note.findUniqueOrThrow({ where: { id: theirs.data.id } })).toMatchObject({ text: 'theirs' });
    expect(await server.services.prisma.note.count({ where: { interviewId } })).toBe(0);
    close();
    other.close();
  });

  it('deletes a note with its timeline marker, tells the other tab, and is idempotent', async () => {
    const { interviewer, interviewId, ivr, close } = await room();
    const ivrTab2 = await joinedSocket(interviewer, interviewId);
    const saved = await ivr.emitWithAck('note:save', { interviewId, text: 'to delete' });
    if (!saved.ok) throw new Error(saved.error.message);
    const deletedOnTab2 = nextEvent<{ noteId: string }>(ivrTab2, 'note:deleted');
    expect(await ivr.emitWithAck('note:delete', { interviewId, id: saved.data.id })).toEqual({ ok: true, data: { id: saved.data.id } });
    expect((await deletedOnTab2).noteId).toBe(saved.data.id);
    expect(await ivr.emitWithAck('note:delete', { interviewId, id: saved.data.id })).toEqual({ ok: true, data: { id: saved.data.id } });
    expect(await server.services.prisma.note.count({ where: { interviewId } })).toBe(0);
    expect(await server.services.prisma.timelineEvent.count({ where: { interviewId, kind: 'note' } })).toBe(0);
    ivrTab2.close();
    close();
  });
});
