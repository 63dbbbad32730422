// Keyset vs OFFSET pagination of the dashboard's interview history, side by side on the same data.
//
//   npx tsx bench/history.bench.ts [rows] [page] [--without-index]
//
// Seeds `rows` interviews (default 5,000) for one user, plus as many for other users, into a
// fresh migrated PGlite database, then times reading page `page` (default 100, of 20 rows) two
// ways with the same filter and order (createdAt desc, id desc):
//   - keyset: listInterviews with the cursor of the previous page's last row (what we ship);
//   - offset: the same Prisma query with skip = (page - 1) * 20.
// Each is run several times after a warm-up and the median is printed, with the plan PostgreSQL
// chose for the equivalent SQL. --without-index drops the Interview(createdAt, id) index (migration
// history_index) first: without it PostgreSQL reads all the user's rows and sorts them for every
// page, so keyset and OFFSET cost about the same.
import { performance } from 'node:perf_hooks';

import { openDatabase } from '@/lib/db/client';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { encodeHistoryCursor, listInterviews } from '@/lib/use-cases/list-interviews';
import { createTestDatabase } from '../tests/helpers/test-db';
import { useCaseContext } from '@/lib/use-cases/context';

const PAGE_SIZE = 20;
const RUNS = 30;

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const ROWS = Number(args[0] ?? 5_000);
const PAGE = Number(args[1] ?? 100);
const WITHOUT_INDEX = process.argv.includes('--without-index');

async function seed(prisma: PrismaClient): Promise<string> {
  const users = await Promise.all(
    ['owner', 'partner', 'other-a', 'other-b'].map((name) => prisma.user.create({ data: { email: `${name}@bench.test`, name } })),
  );
  const [owner, partner, otherA, otherB] = users as [(typeof users)[number], (typeof users)[number], (typeof users)[number], (typeof users)[number]];
  const base = Date.UTC(2026, 0, 1);
  const promptCopy = { title: 'Design a rate limiter' };
  // The owner's rows and other people's rows interleave in time, as they would in real use.
  const interviews = Array.from({ length: ROWS * 2 }, (_, i) => ({
    id: `b${String(i).padStart(7, '0')}`,
    promptCopy,
    phasePlan: [],
    level: 'L5' as const,
    status: (['scheduled', 'live', 'ended'] as const)[i % 3]!,
    createdAt: new Date(base + Math.floor(i / 2) * 60_000),
  }));
  for (let i = 0; i < interviews.length; i += 2_000) await prisma.interview.createMany({ data: interviews.slice(i, i + 2_000) });
  const participants = interviews.flatMap((interview, i) =>
    i % 2 === 0
      ? [
          { interviewId: interview.id, userId: owner.id, role: 'interviewer' as const },
          { interviewId: interview.id, userId: partner.id, role: 'candidate' as const },
        ]
      : [
          { interviewId: interview.id, userId: otherA.id, role: 'interviewer' as const },
          { interviewId: interview.id, userId: otherB.id, role: 'candidate' as const },
        ],
  );
  for (let i = 0; i < participants.length; i += 4_000) await prisma.participant.createMany({ data: participants.slice(i, i + 4_000) });
  const scorecards = interviews
    .filter((_, i) => i % 6 === 0)
    .map((interview) => ({ interviewId: interview.id, interviewerId: owner.id, version: 1, scores: {}, levelEstimate: 'L5', recommendation: 'yes' }));
  for (let i = 0; i < scorecards.length; i += 2_000) await prisma.scorecard.createMany({ data: scorecards.slice(i, i + 2_000) });
  await prisma.$executeRawUnsafe('ANALYZE');
  return owner.id;
}

async function median(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i += 1) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function plan(prisma: PrismaClient, sql: string, params: unknown[]): Promise<string> {
  const rows = await prisma.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${sql}`, ...params);
  return rows.map((row) => `    ${row['QUERY PLAN']}`).join('\n');
}

async function main() {
  const testDb = await createTestDatabase({ kind: 'pglite' });
  const db = await openDatabase({ dataDir: testDb.dataDir });
  const { prisma } = db;
  try {
    let start = performance.now();
    const userId = await seed(prisma);
    console.log(`seeded ${ROWS} interviews for the user (+${ROWS} for others) in ${((performance.now() - start) / 1000).toFixed(1)} s`);
    if (WITHOUT_INDEX) {
      await prisma.$executeRawUnsafe('DROP INDEX "Interview_createdAt_id_idx"');
      await prisma.$executeRawUnsafe('ANALYZE');
    }
    console.log(WITHOUT_INDEX ? 'without the Interview(createdAt, id) index' : 'with the Interview(createdAt, id) index');

    // The row just before the page: its sort key is the cursor a reader arrives with.
    const skip = (PAGE - 1) * PAGE_SIZE;
    const before = await prisma.interview.findFirstOrThrow({
      where: { participants: { some: { userId } } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: skip - 1,
      select: { id: true, createdAt: true },
    });
    const cursor = encodeHistoryCursor({ t: before.createdAt.getTime(), id: before.id });

    const keysetPage = await listInterviews(useCaseContext(prisma, userId), { cursor });
    const offsetPage = await prisma.interview.findMany({
      where: { participants: { some: { userId } } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip,
      take: PAGE_SIZE,
      select: { id: true },
    });
    const isSamePage = JSON.stringify(keysetPage.items.map((i) => i.id)) === JSON.stringify(offsetPage.map((i) => i.id));
    if (!isSamePage) throw new Error('keyset and offset disagree on the page');

    const keysetFirst = await median(() => listInterviews(useCaseContext(prisma, userId)));
    const keyset = await median(() => listInterviews(useCaseContext(prisma, userId), { cursor }));
    // OFFSET, with everything else as listInterviews does it (same where, order, includes).
    const offset = await median(() =>
      prisma.interview.findMany({
        where: { participants: { some: { userId } } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip,
        take: PAGE_SIZE + 1,
        select: {
          id: true,
          level: true,
          status: true,
          promptCopy: true,
          scheduledAt: true,
          createdAt: true,
          participants: { select: { userId: true, role: true, user: { select: { name: true, email: true } } } },
          scorecards: { orderBy: { version: 'desc' }, take: 1, select: { recommendation: true } },
        },
      }),
    );

    console.log(`\npage ${PAGE} of ${Math.ceil(ROWS / PAGE_SIZE)} (rows ${skip + 1}-${skip + PAGE_SIZE}), median of ${RUNS} runs, whole use case incl. includes:`);
    console.log(`  keyset, first page     ${keysetFirst.toFixed(2)} ms`);
    console.log(`  keyset, page ${PAGE}       ${keyset.toFixed(2)} ms`);
    console.log(`  OFFSET ${skip}, page ${PAGE} ${offset.toFixed(2)} ms`);

    // The interviews query alone, as SQL, with PostgreSQL's plan and the rows each step touched.
    const from = `SELECT i.id FROM "Interview" i WHERE EXISTS (SELECT 1 FROM "Participant" p WHERE p."interviewId" = i.id AND p."userId" = $1)`;
    // The cursor condition as listInterviews' where becomes in SQL (Prisma has no row comparison).
    const keysetSql = `${from} AND i."createdAt" <= $2::timestamp(3) AND (i."createdAt" < $2::timestamp(3) OR (i."createdAt" = $2::timestamp(3) AND i.id < $3)) ORDER BY i."createdAt" DESC, i.id DESC LIMIT ${PAGE_SIZE + 1}`;
    const offsetSql = `${from} ORDER BY i."createdAt" DESC, i.id DESC LIMIT ${PAGE_SIZE + 1} OFFSET ${skip}`;
    start = performance.now();
    console.log(`\nkeyset plan:\n${await plan(prisma, keysetSql, [userId, before.createdAt, before.id])}`);
    console.log(`\nOFFSET plan:\n${await plan(prisma, offsetSql, [userId])}`);
  } finally {
    await db.close();
    await testDb.cleanup();
  }
}

await main();
