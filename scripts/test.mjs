#!/usr/bin/env node
// `npm test`: every leg of the suite in order, with each leg's time. Stops at the first failure.
// Legs: typecheck, lint, unit, production build, integration (real server + DB), end-to-end (Chromium).
import { spawnSync } from 'node:child_process';

const legs = [
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['unit', 'npx', ['vitest', 'run', '--project', 'unit']],
  // `npm run build` unless .next was built from these very inputs (scripts/build-if-changed.mjs).
  ['build', 'node', ['scripts/build-if-changed.mjs']],
  ['integration', 'npx', ['vitest', 'run', '--project', 'integration*']],
  ['e2e', 'npx', ['playwright', 'test']],
];

const only = process.argv.slice(2);
const timings = [];
const started = Date.now();
for (const [name, command, args] of legs) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const legStart = Date.now();
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  const seconds = ((Date.now() - legStart) / 1000).toFixed(1);
  timings.push(`${name.padEnd(12)} ${seconds.padStart(7)} s  ${result.status === 0 ? 'ok' : 'FAILED'}`);
  if (result.status !== 0) {
    console.log(`\n${timings.join('\n')}`);
    console.error(`\n${name} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\nLeg times:\n${timings.join('\n')}\ntotal        ${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s`);
