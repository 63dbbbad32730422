import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIRM_SECONDS, isCompatible, type TEnterLobbyInput, type TLobbyEntry } from '@/lib/domain/matching';
import { suitsLevel } from '@/lib/domain/prompt-search';
import type { TLobbyView } from '@/lib/protocol/lobby';
import { expireMatches, sweepLobby } from '@/lib/use-cases/lobby';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { connected, type TClientSocket } from '../helpers/http-client';
import { signedInClient, type TSignedInClient } from '../helpers/room-fixtures';
import { seededRandom } from '../helpers/seeded-random';
import { eventually } from '../helpers/tldraw-node';

let server: TTestServer;
const sockets: TClientSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.cleanup();
});

type TAnswer = { status: number; view: TLobbyView | null; error: { code: string; message: string } | null };

async function call(person: TSignedInClient, path: string, json?: unknown): Promise<TAnswer> {
  const response = await person.client.request(path, json === undefined ? {} : { method: 'POST', json });
  const body = (await response.json()) as { ok: boolean; data?: TLobbyView; error?: { code: string; message: string } };
  return { status: response.status, view: body.ok ? body.data! : null, error: body.ok ? null : body.error! };
}

const enter = (person: TSignedInClient, choice: Partial<TEnterLobbyInput> = {}) =>
  call(person, '/api/lobby', { role: 'either', level: 'L4', topics: [], durationMinutes: 45, ...choice });
const view = async (person: TSignedInClient) => (await call(person, '/api/lobby')).view!;
const leave = (person: TSignedInClient) => call(person, '/api/lobby/leave', {});
const ready = (person: TSignedInClient, matchId: string) => call(person, '/api/lobby/ready', { matchId });

async function person(label: string): Promise<TSignedInClient> {
  return signedInClient(server, label);
}

/** Resolves at the next `lobby:changed` nudge on this person's socket. */
async function nudges(someone: TSignedInClient): Promise<{ next: () => Promise<void> }> {
  const socket = someone.client.socket();
  sockets.push(socket);
  await connected(socket);
  return { next: () => new Promise<void>((resolve) => socket.once('lobby:changed', () => resolve())) };
}

describe('the practice lobby', () => {
  it('pairs two compatible people at once, tells the first over their socket, and starts their interview when both are ready', async () => {
    const ann = await person('ann');
    const bob = await person('bob');
    const annNudges = await nudges(ann);

    const first = await enter(ann, { role: 'candidate', level: 'L5', topics: ['redis-caching', 'latency'], durationMinutes: 60 });
    expect(first.status).toBe(200);
    expect(first.view).toMatchObject({ state: 'waiting', choice: { role: 'candidate', level: 'L5', durationMinutes: 60 } });
    // Pressing again (another tab) keeps the one place.
    expect((await enter(ann, { role: 'candidate', level: 'L5', durationMinutes: 60 })).view?.state).toBe('waiting');
    expect(await server.services.prisma.lobbyEntry.count({ where: { userId: ann.userId } })).toBe(1);

    const annToldOfMatch = annNudges.next();
    const pressedAt = Date.now();
    const second = await enter(bob, { role: 'either', level: 'L5', topics: ['redis-caching'], durationMinutes: 60 });
    await annToldOfMatch;
    console.log(`[lobby] second press to both seeing the match: ${Date.now() - pressedAt} ms`);
    expect(second.view).toMatchObject({ state: 'matched', role: 'interviewer', isReady: false, isPartnerReady: false, level: 'L5' });
    const annView = await view(ann);
    expect(annView).toMatchObject({ state: 'matched', role: 'candidate', partnerName: bob.user.name });
    if (annView.state !== 'matched' || second.view?.state !== 'matched') throw new Error('not matched');
    expect(annView.matchId).toBe(second.view.matchId);
    expect(annView.expiresAt - Date.now()).toBeGreaterThan((CONFIRM_SECONDS - 10) * 1000);

    // A stranger cannot confirm it; the first "ready" waits for the other.
    const eve = await person('eve');
    expect((await ready(eve, annView.matchId)).status).toBe(404);
    const annReady = await ready(ann, annView.matchId);
    expect(annReady.view).toMatchObject({ state: 'matched', isReady: true, isPartnerReady: false });
    const annToldOfStart = annNudges.next();
    const bobReady = await ready(bob, annView.matchId);
    await annToldOfStart;
    expect(bobReady.view).toMatchObject({ state: 'started', role: 'interviewer' });
    const annStarted = await view(ann);
    expect(annStarted).toMatchObject({ state: 'started', role: 'candidate' });
    if (annStarted.state !== 'started' || bobReady.view?.state !== 'started') throw new Error('not started');
    expect(annStarted.interviewId).toBe(bobReady.view.interviewId);

    const interview = await server.services.prisma.interview.findUniqueOrThrow({
      where: { id: annStarted.interviewId },
      include: { participants: true, prompt: true },
    });
    expect(interview.level).toBe('L5');
    expect(interview.durationMinutes).toBe(60);
    expect(interview.participants.map((p) => [p.userId, p.role]).sort()).toEqual(
      [[ann.userId, 'candidate'], [bob.userId, 'interviewer']].sort(),
    );
    expect(suitsLevel(interview.prompt!.difficulty, 'L5')).toBe(true);
    // On the topic both named (the bank has several Redis prompts for L5).
    expect(interview.prompt!.topics).toContain('redis-caching');
    // Both can open the room.
    expect((await ann.client.request(`/interviews/${interview.id}`)).status).toBe(200);
  });

  it('refuses bad input with a clear error and keeps nobody in the queue; signed-out and cross-site calls are refused', async () => {
    const kim = await person('kim');
    for (const body of [
      { role: 'boss', level: 'L4', durationMinutes: 45 },
      { role: 'either', level: 'L9', durationMinutes: 45 },
      { role: 'either', level: 'L4', durationMinutes: 44 },
      { role: 'either', level: 'L4', durationMinutes: 45, topics: ['x\u0000'] },
      { role: 'either', level: 'L4', durationMinutes: 45, userId: 'someone-else' },
      [],
      'either',
    ]) {
      const answer = await call(kim, '/api/lobby', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.error?.message).toBeTruthy();
    }
    expect((await ready(kim, '%00')).status).toBe(400);
    expect(await server.services.prisma.lobbyEntry.count({ where: { userId: kim.userId } })).toBe(0);

    const anonymous = await fetch(new URL('/api/lobby', server.url));
    expect(anonymous.status).toBe(401);
    const crossSite = await kim.client.request('/api/lobby', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'either', level: 'L4', durationMinutes: 45 }),
    });
    expect(crossSite.status).toBe(403);
  });

  it('a partner who does not confirm in time: the one who did keeps their place, the other is a no-show and waits behind others next time', async () => {
    const db = server.services.prisma;
    const [amy, ben] = [await person('amy'), await person('ben')];
    await enter(amy, { level: 'L4', durationMinutes: 30, role: 'candidate' });
    const matched = (await enter(ben, { level: 'L4', durationMinutes: 30, role: 'interviewer' })).view;
    if (matched?.state !== 'matched') throw new Error('not matched');
    await ready(amy, matched.matchId);
    const amyEntry = await db.lobbyEntry.findFirstOrThrow({ where: { userId: amy.userId } });

    // The sweep, as it runs a minute later (the clock injected).
    const affected = await expireMatches(db, new Date(Date.now() + (CONFIRM_SECONDS + 1) * 1000));
    expect(affected.sort()).toEqual([amy.userId, ben.userId].sort());
    expect(await view(amy)).toMatchObject({ state: 'waiting', notice: 'partner_no_show' });
    expect((await db.lobbyEntry.findFirstOrThrow({ where: { userId: amy.userId, status: 'waiting' } })).priorityAt).toEqual(amyEntry.priorityAt);
    expect(await view(ben)).toMatchObject({ state: 'idle', notice: 'you_no_show', noShows: { recent: 1, penaltyMinutes: 0 } });
    expect(await db.noShow.count({ where: { userId: ben.userId } })).toBe(1);
    expect((await ready(ben, matched.matchId)).status).toBe(409);

    // Ben's second no-show this week (leaving while matched counts): his next place is 5 minutes back.
    const cal = await person('cal');
    await leave(amy);
    await enter(cal, { level: 'L4', durationMinutes: 30, role: 'candidate' });
    const again = (await enter(ben, { level: 'L4', durationMinutes: 30, role: 'interviewer' })).view;
    expect(again?.state).toBe('matched');
    expect((await leave(ben)).view).toMatchObject({ state: 'idle', noShows: { recent: 2, penaltyMinutes: 5 } });
    // His own settings page says so, to him.
    expect(await (await ben.client.request('/settings')).text()).toContain('You missed 2 matches this week, so your next place in the queue is 5 minutes behind others.');
    expect(await view(cal)).toMatchObject({ state: 'waiting', notice: 'partner_no_show' });
    const before = Date.now();
    await enter(ben, { level: 'L4', durationMinutes: 60, role: 'interviewer' });
    const benEntry = await db.lobbyEntry.findFirstOrThrow({ where: { userId: ben.userId, status: 'waiting' } });
    expect(benEntry.priorityAt.getTime() - before).toBeGreaterThanOrEqual(5 * 60_000 - 1000);
    for (const someone of [ben, cal]) await leave(someone);
  });

  it('never pairs a pair one of them blocked; a report is kept, and only about one\'s own partner', async () => {
    const db = server.services.prisma;
    const [dan, fay] = [await person('dan'), await person('fay')];
    await enter(dan, { level: 'L5', durationMinutes: 30, role: 'candidate' });
    const matched = (await enter(fay, { level: 'L5', durationMinutes: 30, role: 'interviewer' })).view;
    if (matched?.state !== 'matched') throw new Error('not matched');
    await ready(dan, matched.matchId);
    const started = (await ready(fay, matched.matchId)).view;
    if (started?.state !== 'started') throw new Error('not started');

    const stranger = await person('stranger');
    const report = (who: TSignedInClient, body: unknown) =>
      who.client.request(`/api/interviews/${started.interviewId}/report`, { method: 'POST', json: body });
    expect((await report(stranger, { reason: 'spam' })).status).toBe(404);
    expect((await report(dan, { reason: '' })).status).toBe(400);
    expect((await report(dan, { reason: 'Was rude and left after five minutes.', block: true })).status).toBe(201);
    expect(await db.partnerReport.findMany({ where: { interviewId: started.interviewId }, select: { reporterId: true, reportedId: true } })).toEqual([
      { reporterId: dan.userId, reportedId: fay.userId },
    ]);

    await enter(dan, { level: 'L5', durationMinutes: 30, role: 'candidate' });
    expect((await enter(fay, { level: 'L5', durationMinutes: 30, role: 'interviewer' })).view?.state).toBe('waiting');
    expect(await view(dan)).toMatchObject({ state: 'waiting', waitingCompatible: 0 });
    for (const someone of [dan, fay]) await leave(someone);
  });

  it('a peer swap creates both halves at once: roles swapped, a different prompt for each candidate, one group', async () => {
    const db = server.services.prisma;
    const [gus, hal] = [await person('gus'), await person('hal')];
    await enter(gus, { role: 'swap', level: 'L4', durationMinutes: 30 });
    // Someone who wants one role only is not a partner for a swap.
    const only = await person('only');
    expect((await enter(only, { role: 'either', level: 'L4', durationMinutes: 30 })).view?.state).toBe('waiting');
    await leave(only);
    const matched = (await enter(hal, { role: 'swap', level: 'L4', durationMinutes: 30 })).view;
    expect(matched).toMatchObject({ state: 'matched', isSwap: true, role: 'interviewer' });
    if (matched?.state !== 'matched') throw new Error('not matched');
    await ready(gus, matched.matchId);
    const started = (await ready(hal, matched.matchId)).view;
    if (started?.state !== 'started') throw new Error('not started');

    const halves = await db.interview.findMany({ where: { swapGroupId: matched.matchId }, include: { participants: true }, orderBy: { swapHalf: 'asc' } });
    expect(halves.map((h) => h.swapHalf)).toEqual([1, 2]);
    expect(halves[0]!.id).toBe(started.interviewId);
    const roleOf = (half: (typeof halves)[number], userId: string) => half.participants.find((p) => p.userId === userId)?.role;
    expect([roleOf(halves[0]!, gus.userId), roleOf(halves[0]!, hal.userId)]).toEqual(['candidate', 'interviewer']);
    expect([roleOf(halves[1]!, gus.userId), roleOf(halves[1]!, hal.userId)]).toEqual(['interviewer', 'candidate']);
    expect(halves[0]!.promptId).not.toBe(halves[1]!.promptId);
    expect(halves.every((h) => h.durationMinutes === 30 && h.level === 'L4')).toBe(true);

    // Each half is its own interview with its own page and history entry.
    const history = (await gus.client.request('/dashboard')).status;
    expect(history).toBe(200);
    for (const half of halves) expect((await hal.client.request(`/interviews/${half.id}`)).status).toBe(200);
  });

  it('200 people entering and leaving at random over real sockets: every compatible pair is matched and told, nobody twice or with themselves, nobody lost', async () => {
    const db = server.services.prisma;
    const random = seededRandom(Number(process.env.LOBBY_SEED ?? 13)).next;
    const people = await Promise.all(Array.from({ length: 200 }, (_, i) => person(`crowd${i}`)));
    const roles = ['candidate', 'interviewer', 'either'] as const;
    const choices = new Map(
      people.map((p) => [p.userId, { role: roles[Math.floor(random() * 3)]!, level: random() < 0.5 ? ('L4' as const) : ('L5' as const), durationMinutes: random() < 0.5 ? (45 as const) : (60 as const) }]),
    );
    const leavers = new Set(people.filter(() => random() < 0.15).map((p) => p.userId));
    // Each person's page has its socket open: told of a match by a nudge, or by their own answer.
    const told = new Set<string>();
    const crowdSockets = await Promise.all(
      people.map(async (p) => {
        const socket = p.client.socket();
        await connected(socket);
        socket.on('lobby:changed', () => told.add(p.userId));
        return socket;
      }),
    );
    // A sweep as a server process runs it: pair, then nudge whoever changed.
    const sweep = async () => server.services.realtime.notifyLobbyChanged(await sweepLobby(db, new Date()));
    const started = Date.now();
    // In waves of 20 at once, each with a sweep beside it, as two processes would race.
    for (let i = 0; i < people.length; i += 20) {
      const wave = people.slice(i, i + 20);
      await Promise.all([
        ...wave.map(async (p) => {
          if ((await enter(p, choices.get(p.userId)!)).view?.state === 'matched') told.add(p.userId);
        }),
        sweep(),
      ]);
      await Promise.all(wave.filter((p) => leavers.has(p.userId)).map((p) => leave(p)));
    }
    await sweep();
    const userIds = people.map((p) => p.userId);
    const matches = await db.lobbyMatch.findMany({ where: { OR: [{ interviewerId: { in: userIds } }, { candidateId: { in: userIds } }] } });
    const seconds = (Date.now() - started) / 1000;
    console.log(`[lobby] 200 people: ${matches.length} matches in ${seconds.toFixed(1)} s (${(matches.length / seconds).toFixed(1)} matches/s, one process)`);

    const pending = matches.filter((m) => m.status === 'pending');
    const inPending = pending.flatMap((m) => [m.interviewerId, m.candidateId]);
    expect(new Set(inPending).size).toBe(inPending.length);
    await eventually(() => expect(inPending.filter((id) => !told.has(id))).toEqual([]));
    for (const socket of crowdSockets) socket.close();
    for (const m of matches) expect(m.interviewerId).not.toBe(m.candidateId);
    for (const m of pending) {
      const a = { ...choices.get(m.interviewerId)!, topics: [] } as const;
      const b = { ...choices.get(m.candidateId)!, topics: [] } as const;
      expect(a.level).toBe(b.level);
      expect(a.durationMinutes).toBe(b.durationMinutes);
      expect(a.role).not.toBe('candidate');
      expect(b.role).not.toBe('interviewer');
    }
    // Everyone is somewhere: matched, waiting, or gone by their own choice.
    const entries = await db.lobbyEntry.findMany({ where: { userId: { in: userIds }, status: { in: ['waiting', 'matched'] } } });
    for (const p of people) {
      const has = entries.some((e) => e.userId === p.userId);
      expect(has || leavers.has(p.userId), p.user.name).toBe(true);
    }
    // Nobody left waiting could be paired with anyone else left waiting.
    const waiting: TLobbyEntry[] = entries.filter((e) => e.status === 'waiting').map((e) => ({ ...e, priorityAt: e.priorityAt.getTime() }));
    for (const a of waiting) for (const b of waiting) expect(isCompatible(a, b, new Set()), `${a.userId} ${b.userId}`).toBe(false);
    await db.lobbyEntry.updateMany({ where: { userId: { in: userIds }, status: 'waiting' }, data: { status: 'left' } });
  });
});
