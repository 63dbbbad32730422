import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

const at = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

// Integration files that spawn server processes, restart servers, open databases directly or
// change globals: each runs in a fresh module graph with its own servers ('integration-own').
const OWN_PROCESS_FILES = [
  'tests/integration/lifecycle.test.ts',
  'tests/integration/db.test.ts',
  'tests/integration/board.test.ts',
  'tests/integration/board-durability.test.ts',
  'tests/integration/board-engine.test.ts',
  'tests/integration/board-convergence.test.ts',
  'tests/integration/board-frame-fuzz.test.ts',
  'tests/integration/oauth.test.ts',
  // Servers with their own environment (rate limits, a database behind a cuttable proxy).
  'tests/integration/auth-hardening.test.ts',
  'tests/integration/db-outage.test.ts',
  // TURN configured (STUN/TURN URLs and secret).
  'tests/integration/call.test.ts',
  // Two production servers on one PostgreSQL database (skipped without TEST_DATABASE_URL).
  'tests/integration/lobby-two-processes.test.ts',
];

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: at('./') },
      // The real module throws outside React Server Components; server code is tested as plain Node.
      { find: /^server-only$/, replacement: at('./tests/helpers/empty.ts') },
    ],
  },
  test: {
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine. An
    // integration worker runs the tests and their server on one thread, so two use both cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // A guard against hangs, not a speed check: real scrypt hashes (auth.test.ts) that take
          // 0.1 s on a quiet machine took over 5 s (vitest's default) on one busy with other work.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: OWN_PROCESS_FILES,
          environment: 'node',
          // One server and database per worker, shared by its files (tests/helpers/app-server.ts):
          // files make their own users and interviews, so they need no fresh database each.
          isolate: false,
          env: { MOCKROOM_TEST_SERVER: 'shared' },
          // Builds the migrated PGlite template once, before any worker copies it.
          globalSetup: ['tests/helpers/global-setup.ts'],
          // Real databases and servers: opening PGlite alone takes a second or more.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Three production processes behind HAProxy with Redis and PostgreSQL
          // (tests/cluster/cluster.test.ts): skipped unless REDIS_URL and TEST_DATABASE_URL are
          // set; `npm run test:cluster`, a leg of .ci/run. Needs `npm run build`.
          name: 'cluster',
          include: ['tests/cluster/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          // Tests of processes, restarts, migrations and environments: their own servers and
          // databases, in a fresh module graph per file.
          name: 'integration-own',
          include: OWN_PROCESS_FILES,
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          // Hang guards, not speed checks. A server process start costs about 4 s of CPU (tsx,
          // Next, PGlite); it took 5 s with the machine's load average at 11 and 27 s at 27, and a
          // lifecycle test starts two.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
