import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium when present (offline machines, CI), else Playwright's own browser. Of Debian's,
// the headless shell (package chromium-headless-shell, the same build without the browser UI; what
// Playwright itself runs headless) first: the journeys cost about 10% less CPU with it than with
// the full browser in --headless (cgroup, whiteboard + room journeys, 3 pairs: 47.4 s vs 52.4 s).
const SYSTEM_CHROMIUMS = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'];
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? SYSTEM_CHROMIUMS.find((file) => existsSync(file));

export default defineConfig({
  testDir: 'tests/e2e',
  // Each worker boots its own production server and database (tests/e2e/fixtures.ts). Two, in CI
  // too: journeys wait for what the user sees, never for time, so a busy machine only slows them.
  workers: 2,
  // Tests, not files, are shared out between the workers: every test makes its own people and
  // interviews, and a file's tests need not wait behind a long one of the same file.
  fullyParallel: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    // A failed test keeps its trace (actions, DOM snapshots, network) but not the screencast: the
    // screencast encodes a frame per paint in the browser and GPU processes of every test, passing
    // or not, which cost about 30% of the CPU of a room journey (measured in a cgroup: 157 s with
    // it, 110 s without, for the same journey of two people and 12 room loads). The failure
    // screenshot below still shows the final state.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
