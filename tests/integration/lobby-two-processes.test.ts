// The practice lobby served by two production server processes on one PostgreSQL database (run
// where TEST_DATABASE_URL is set, as .ci/run's PostgreSQL leg does): 200 people enter and leave
// at random through either process while one of them restarts; every compatible pair is matched,
// nobody twice or with themselves, and nobody's place is lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type TDatabase } from '@/lib/db/client';
import { isCompatible, type TLobbyEntry } from '@/lib/domain/matching';
import { Browserish, testUser } from '../helpers/http-client';
import { freePort, SERVER_PROCESS_AUTH_SECRET, ServerProcess } from '../helpers/server-process';
import { seededRandom } from '../helpers/seeded-random';
import { mintSessionCookie } from '../helpers/session';
import { createTestDatabase, testDatabaseUrl, type TTestDatabase } from '../helpers/test-db';

const PEOPLE = Number(process.env.LOBBY_PEOPLE ?? 200);

describe.skipIf(!testDatabaseUrl())('the lobby on two processes sharing PostgreSQL', () => {
  let testDb: TTestDatabase;
  let db: TDatabase;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase({ kind: 'postgres' });
    for (let i = 0; i < 2; i++) {
      servers.push(new ServerProcess(await freePort(), { dataDir: `${testDb.dataDir}/p${i}`, databaseUrl: testDb.databaseUrl }));
    }
    await Promise.all(servers.map((server) => server.start()));
    db = await openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir });
  }, 180_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await db?.close();
    await testDb?.cleanup();
  }, 60_000);

  it(`${PEOPLE} people through either process, one restarting: every compatible pair matched, nobody twice, nobody lost`, async () => {
    const random = seededRandom(Number(process.env.LOBBY_SEED ?? 29)).next;
    const prisma = db.prisma;
    const users = Array.from({ length: PEOPLE }, () => testUser('crowd'));
    await prisma.user.createMany({ data: users.map((u) => ({ name: u.name, email: u.email })) });
    const rows = await prisma.user.findMany({ where: { email: { in: users.map((u) => u.email) } }, select: { id: true, name: true, email: true } });
    const people = await Promise.all(
      rows.map(async (row, i) => {
        const server = servers[i % 2]!;
        const client = new Browserish(server.baseURL);
        const cookie = await mintSessionCookie({ user: { id: row.id, name: row.name!, email: row.email }, secret: SERVER_PROCESS_AUTH_SECRET });
        client.cookies.set(cookie.name, cookie.value);
        return { userId: row.id, client, server };
      }),
    );
    const roles = ['candidate', 'interviewer', 'either', 'swap'] as const;
    const choices = new Map(
      people.map((p) => [p.userId, { role: roles[Math.floor(random() * roles.length)]!, level: random() < 0.5 ? 'L4' : 'L5', topics: [], durationMinutes: random() < 0.5 ? 45 : 60 }]),
    );
    const leavers = new Set(people.filter(() => random() < 0.15).map((p) => p.userId));

    /** A request that waits out the restart of its process. */
    const post = async (p: (typeof people)[number], path: string, json: unknown) => {
      for (let attempt = 0; ; attempt++) {
        try {
          const response = await p.client.request(path, { method: 'POST', json });
          if (response.status < 500) return response.status;
        } catch (error) {
          if (attempt > 100) throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };

    const started = Date.now();
    let restart: Promise<void> | undefined;
    for (let i = 0; i < people.length; i += 20) {
      const wave = people.slice(i, i + 20);
      // Halfway through, the second process stops (SIGTERM) and starts again while people keep coming.
      if (i === Math.floor(people.length / 40) * 20) restart = servers[1]!.stop().then(() => servers[1]!.start());
      const statuses = await Promise.all(wave.map((p) => post(p, '/api/lobby', choices.get(p.userId))));
      expect(statuses.every((status) => status === 200)).toBe(true);
      await Promise.all(wave.filter((p) => leavers.has(p.userId)).map((p) => post(p, '/api/lobby/leave', {})));
    }
    await restart;

    const userIds = people.map((p) => p.userId);
    const waitingEntries = async () =>
      (await prisma.lobbyEntry.findMany({ where: { userId: { in: userIds }, status: 'waiting' } })).map((e): TLobbyEntry => ({ ...e, priorityAt: e.priorityAt.getTime() }));
    const compatiblePairs = (entries: TLobbyEntry[]) => entries.flatMap((a) => entries.filter((b) => a.id < b.id && isCompatible(a, b, new Set())));
    // The servers' sweeps (every 2 s, on both) pair whoever is still pairable.
    for (let i = 0; i < 100 && compatiblePairs(await waitingEntries()).length > 0; i++) await new Promise((r) => setTimeout(r, 200));
    const seconds = (Date.now() - started) / 1000;

    const matches = await prisma.lobbyMatch.findMany({ where: { OR: [{ interviewerId: { in: userIds } }, { candidateId: { in: userIds } }] } });
    console.log(`[lobby] ${PEOPLE} people on 2 processes (one restarted): ${matches.length} matches in ${seconds.toFixed(1)} s (${(matches.length / seconds).toFixed(1)} matches/s)`);
    expect(compatiblePairs(await waitingEntries())).toEqual([]);
    // A match given up by a leaver expires and their partner is paired again: among the matches
    // that stand, nobody appears twice.
    const inMatches = matches.filter((m) => m.status !== 'expired').flatMap((m) => [m.interviewerId, m.candidateId]);
    expect(new Set(inMatches).size).toBe(inMatches.length);
    for (const m of matches) {
      expect(m.interviewerId).not.toBe(m.candidateId);
      const [a, b] = [choices.get(m.interviewerId)!, choices.get(m.candidateId)!];
      expect([a.level, a.durationMinutes]).toEqual([b.level, b.durationMinutes]);
      expect(a.role === 'swap').toBe(b.role === 'swap');
    }
    // Everyone is somewhere: matched, waiting, or gone by their own choice.
    const placed = new Set((await prisma.lobbyEntry.findMany({ where: { userId: { in: userIds }, status: { in: ['waiting', 'matched'] } } })).map((e) => e.userId));
    for (const p of people) expect(placed.has(p.userId) || leavers.has(p.userId)).toBe(true);
  }, 240_000);
});
