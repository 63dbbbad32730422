import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TTimerCommand, type TTimerState } from '@/lib/domain/phase-timer';
import { ZTimerState } from '@/lib/domain/phase-timer-schema';
import { applyTimerCommand } from '@/lib/use-cases/timer';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { Browserish, type TClientSocket } from '../helpers/http-client';
import { acceptInviteAs, createInterviewAs, joinedSocket, nextEvent, signedInClient, type TSignedInClient } from '../helpers/room-fixtures';
import { useCaseContext } from '@/lib/use-cases/context';

const MIN = 60_000;
// The design prompts' default plan; createInterviewAs uses the first design prompt at 45 minutes.
const DESIGN_PHASES = ['Requirements', 'Estimation', 'High-level design', 'Deep dive', 'Wrap-up'];

type TTimerBroadcast = { interviewId: string; state: TTimerState };

let server: TTestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

/** Every `timer:state` a socket receives for one interview, in arrival order. */
function recordStates(socket: TClientSocket, interviewId: string): TTimerState[] {
  const states: TTimerState[] = [];
  (socket as unknown as { on: (e: string, l: (p: TTimerBroadcast) => void) => void }).on('timer:state', (payload) => {
    if (payload.interviewId === interviewId) states.push(payload.state);
  });
  return states;
}

/** Sends a command that must be accepted and waits until every socket received the resulting state. */
async function command(from: TClientSocket, to: TClientSocket[], interviewId: string, timerCommand: TTimerCommand): Promise<TTimerState> {
  const broadcasts = to.map((socket) => nextEvent<TTimerBroadcast>(socket, 'timer:state', (p) => p.interviewId === interviewId));
  const ack = await from.emitWithAck('timer:command', { interviewId, command: timerCommand });
  if (!ack.ok) throw new Error(`${timerCommand.type} refused: ${ack.error.message}`);
  expect(ack.data.changed).toBe(true);
  for (const { state } of await Promise.all(broadcasts)) expect(state).toEqual(ack.data.state);
  return ack.data.state;
}

async function roomWithCandidate(target: TTestServer) {
  const interviewer = await signedInClient(target, 'ivr');
  const candidate = await signedInClient(target, 'cand');
  const { interviewId, inviteToken } = await createInterviewAs(target, interviewer);
  await acceptInviteAs(candidate, inviteToken);
  return { interviewer, candidate, interviewId };
}

describe('the phase timer over socket.io', () => {
  it('obeys the interviewer only: the candidate is forbidden, a stranger finds nothing, bad commands are refused', async () => {
    const { interviewer, candidate, interviewId } = await roomWithCandidate(server);
    const stranger = await signedInClient(server, 'stranger');
    const ivr = await joinedSocket(interviewer, interviewId);
    const cand = await joinedSocket(candidate, interviewId);
    const strangerSocket = stranger.client.socket();
    await new Promise<void>((resolve) => strangerSocket.once('connect', () => resolve()));

    expect(await cand.emitWithAck('timer:command', { interviewId, command: { type: 'start' } })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await cand.emitWithAck('interview:start', { interviewId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await strangerSocket.emitWithAck('timer:command', { interviewId, command: { type: 'start' } })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: 'Interview not found.' },
    });
    const invalid = [{ type: 'extend', minutes: 3 }, { type: 'skip' }, { type: 'start', at: 0 }];
    for (const bad of invalid) {
      expect(await ivr.emitWithAck('timer:command', { interviewId, command: bad } as never)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }

    const row = await server.services.prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
    expect(row).toMatchObject({ status: 'scheduled', state: null, stateVersion: 0, startedAt: null });
    for (const socket of [ivr, cand, strangerSocket]) socket.close();
  });

  it('broadcasts every command to both screens with increasing versions, stores it and appends it to the timeline', async () => {
    const { interviewer, candidate, interviewId } = await roomWithCandidate(server);
    const ivr = await joinedSocket(interviewer, interviewId);
    const cand = await joinedSocket(candidate, interviewId);
    const seenByIvr = recordStates(ivr, interviewId);
    const seenByCand = recordStates(cand, interviewId);
    const both = [ivr, cand];

    // Before the start: the plan from the prompt, the first phase full, nothing stored yet.
    const joined = await cand.emitWithAck('room:join', { interviewId });
    if (!joined.ok) throw new Error(joined.error.message);
    expect(joined.data.timer).toMatchObject({ status: 'scheduled', phaseIndex: 0, version: 0, remainingMs: 5 * MIN });
    expect(joined.data.timer?.plan.map((p) => p.name)).toEqual(DESIGN_PHASES);

    const liveOnCandidate = nextEvent<{ status: string }>(cand, 'room:updated', (p) => p.status === 'live');
    const before = Date.now();
    const started = await command(ivr, both, interviewId, { type: 'start' });
    const after = Date.now();
    await liveOnCandidate;
    expect(started).toMatchObject({ status: 'live', phaseIndex: 0, version: 1, remainingMs: null });
    expect(started.deadline).toBeGreaterThanOrEqual(before + 5 * MIN);
    expect(started.deadline).toBeLessThanOrEqual(after + 5 * MIN);

    const paused = await command(ivr, both, interviewId, { type: 'pause' });
    expect(paused).toMatchObject({ status: 'paused', deadline: null, version: 2 });
    expect(paused.remainingMs).toBeGreaterThan(4 * MIN);
    expect(paused.remainingMs).toBeLessThanOrEqual(5 * MIN);
    // Pausing twice is not an error, and changes nothing.
    expect(await ivr.emitWithAck('timer:command', { interviewId, command: { type: 'pause' } })).toMatchObject({
      ok: true,
      data: { changed: false, state: { version: 2 } },
    });

    const resumed = await command(ivr, both, interviewId, { type: 'resume' });
    expect(resumed).toMatchObject({ status: 'live', remainingMs: null, version: 3 });
    const plusOne = await command(ivr, both, interviewId, { type: 'extend', minutes: 1 });
    expect(plusOne.deadline).toBe(resumed.deadline! + 1 * MIN);
    const plusFive = await command(ivr, both, interviewId, { type: 'extend', minutes: 5 });
    expect(plusFive.deadline).toBe(resumed.deadline! + 6 * MIN);
    expect(plusFive.extensionsMs).toEqual([6 * MIN, 0, 0, 0, 0]);

    // Refused moves say why and change nothing.
    expect(await ivr.emitWithAck('timer:command', { interviewId, command: { type: 'previous' } })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This is the first phase' },
    });

    const next = await command(ivr, both, interviewId, { type: 'next' });
    expect(next).toMatchObject({ phaseIndex: 1, version: 6 });
    expect(next.deadline).toBe(next.phaseStartedAt! + 5 * MIN);
    const back = await command(ivr, both, interviewId, { type: 'previous' });
    expect(back).toMatchObject({ phaseIndex: 0, version: 7 });
    // Re-entering a phase restarts its planned time (extensions were for the earlier visit).
    expect(back.deadline).toBe(back.phaseStartedAt! + 5 * MIN);
    for (let i = 0; i < 4; i += 1) await command(ivr, both, interviewId, { type: 'next' });
    expect(await ivr.emitWithAck('timer:command', { interviewId, command: { type: 'next' } })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This is the last phase; use End interview' },
    });

    const endedOnCandidate = nextEvent<{ status: string }>(cand, 'room:updated', (p) => p.status === 'ended');
    const ended = await command(ivr, both, interviewId, { type: 'end' });
    await endedOnCandidate;
    expect(ended).toMatchObject({ status: 'ended', phaseIndex: 4, version: 12, deadline: null });

    // Both screens saw every version once, in order.
    const versions = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(seenByIvr.map((s) => s.version)).toEqual(versions);
    expect(seenByCand.map((s) => s.version)).toEqual(versions);

    // Stored: the state (valid per the domain schema), its version, the derived lifecycle, the times.
    const row = await server.services.prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
    expect(ZTimerState.parse(row.state)).toEqual(ended);
    expect(row).toMatchObject({ status: 'ended', stateVersion: 12 });
    expect(row.startedAt?.getTime()).toBe(started.startedAt);
    expect(row.endedAt?.getTime()).toBe(ended.endedAt);

    const timeline = await server.services.prisma.timelineEvent.findMany({ where: { interviewId }, orderBy: { id: 'asc' } });
    const timerEvents = timeline.filter((e) => e.kind === 'timer');
    expect(timerEvents.map((e) => (e.payload as { version: number }).version)).toEqual(versions);
    expect(timerEvents[3]?.payload).toEqual({ command: { type: 'extend', minutes: 1 }, version: 4, status: 'live', phaseIndex: 0 });
    expect(timerEvents.every((e) => e.actorId === interviewer.userId)).toBe(true);
    expect(timeline.filter((e) => e.kind === 'interview:started')).toHaveLength(1);
    expect(timeline.filter((e) => e.kind === 'interview:ended')).toHaveLength(1);

    // Ended is final: no command but another (idempotent) end.
    expect(await ivr.emitWithAck('timer:command', { interviewId, command: { type: 'resume' } })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'The interview has ended' },
    });
    expect(await ivr.emitWithAck('interview:end', { interviewId })).toEqual({ ok: true, data: { status: 'ended' } });
    ivr.close();
    cand.close();
  });

  it('gives a late joiner the same state in room:join', async () => {
    const { interviewer, candidate, interviewId } = await roomWithCandidate(server);
    const ivr = await joinedSocket(interviewer, interviewId);
    await command(ivr, [ivr], interviewId, { type: 'start' });
    await command(ivr, [ivr], interviewId, { type: 'extend', minutes: 5 });
    const latest = await command(ivr, [ivr], interviewId, { type: 'next' });

    const late = candidate.client.socket();
    await new Promise<void>((resolve) => late.once('connect', () => resolve()));
    const joined = await late.emitWithAck('room:join', { interviewId });
    expect(joined).toMatchObject({ ok: true, data: { status: 'live' } });
    expect(joined.ok && joined.data.timer).toEqual(latest);
    ivr.close();
    late.close();
  });

  it('"Start interview" and "End interview" are timer commands: same versions, same broadcasts', async () => {
    const { interviewer, candidate, interviewId } = await roomWithCandidate(server);
    const ivr = await joinedSocket(interviewer, interviewId);
    const cand = await joinedSocket(candidate, interviewId);

    const startedState = nextEvent<TTimerBroadcast>(cand, 'timer:state');
    expect(await ivr.emitWithAck('interview:start', { interviewId })).toEqual({ ok: true, data: { status: 'live' } });
    expect((await startedState).state).toMatchObject({ status: 'live', version: 1 });
    // The timer's own start is now a no-op, not a second start.
    expect(await ivr.emitWithAck('timer:command', { interviewId, command: { type: 'start' } })).toMatchObject({
      ok: true,
      data: { changed: false, state: { version: 1 } },
    });
    await command(ivr, [cand], interviewId, { type: 'pause' });

    // Ending while paused: the lifecycle goes from live (paused is live) to ended.
    const endedState = nextEvent<TTimerBroadcast>(cand, 'timer:state');
    expect(await ivr.emitWithAck('interview:end', { interviewId })).toEqual({ ok: true, data: { status: 'ended' } });
    expect((await endedState).state).toMatchObject({ status: 'ended', version: 3 });
    const row = await server.services.prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
    expect(row).toMatchObject({ status: 'ended', stateVersion: 3 });
    ivr.close();
    cand.close();
  });

  it('two commands racing on one version: the loser reloads and applies on the newer state, nothing is lost', async () => {
    const { interviewer, interviewId } = await roomWithCandidate(server);
    const { prisma } = server.services;
    const started = await applyTimerCommand(useCaseContext(prisma, interviewer.userId), { interviewId, command: { type: 'start' } });
    expect(started).toMatchObject({ ok: true, data: { changed: true } });
    // Called side by side, both read version 1 before either writes; only one write can match it.
    const results = await Promise.all([
      applyTimerCommand(useCaseContext(prisma, interviewer.userId), { interviewId, command: { type: 'extend', minutes: 1 } }),
      applyTimerCommand(useCaseContext(prisma, interviewer.userId), { interviewId, command: { type: 'extend', minutes: 5 } }),
    ]);
    expect(results.map((r) => r.ok && r.data.changed)).toEqual([true, true]);
    const versions = results.map((r) => (r.ok ? r.data.state.version : null)).sort();
    expect(versions).toEqual([2, 3]);
    const row = await prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
    const state = ZTimerState.parse(row.state);
    expect(state.version).toBe(3);
    expect(row.stateVersion).toBe(3);
    expect(state.extensionsMs[0]).toBe(6 * MIN);
    expect(await prisma.timelineEvent.count({ where: { interviewId, kind: 'timer' } })).toBe(3);
  });
});

describe('the phase timer across a server restart', () => {
  it('is stored with the interview and picked up again by a new server process', async () => {
    let current = await startTestServer();
    try {
      const { interviewer, candidate, interviewId } = await roomWithCandidate(current);
      const ivr = await joinedSocket(interviewer, interviewId);
      await command(ivr, [ivr], interviewId, { type: 'start' });
      const before = await command(ivr, [ivr], interviewId, { type: 'next' });
      ivr.close();
      current = await current.restart();

      // Same secret, same database: the session cookies still hold.
      const moved = (person: TSignedInClient): TSignedInClient => {
        const client = new Browserish(current.url);
        for (const [name, value] of person.client.cookies) client.cookies.set(name, value);
        return { ...person, client };
      };
      const cand = await joinedSocket(moved(candidate), interviewId);
      const rejoined = await cand.emitWithAck('room:join', { interviewId });
      expect(rejoined.ok && rejoined.data.timer).toEqual(before);

      // And it carries on from there: the next version, the next phase.
      const ivr2 = await joinedSocket(moved(interviewer), interviewId);
      const after = await command(ivr2, [cand, ivr2], interviewId, { type: 'next' });
      expect(after).toMatchObject({ version: before.version + 1, phaseIndex: 2 });
      cand.close();
      ivr2.close();
    } finally {
      await current.cleanup();
    }
  });
});
