import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, JOURNEY_CHROMIUM } from './tests/e2e/chromium';

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
    // A failed test keeps its trace (actions, console, network, sources) but neither the screencast
    // nor DOM snapshots, which are recorded for every test, passing or not. The screencast encodes a
    // frame per paint in the browser and GPU processes: about 30% of the CPU of a room journey
    // (cgroup: 157 s with it, 110 s without, one journey of two people and 12 room loads). A DOM
    // snapshot at every action cost about 15% more (cgroup, whiteboard + room journeys on one
    // worker, four runs each: 97, 107, 115, 120 CPU-s with snapshots; 86, 88, 101, 104 without).
    // The failure screenshot below still shows the final state.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: false },
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: JOURNEY_CHROMIUM, args: CHROMIUM_ARGS },
  },
});
