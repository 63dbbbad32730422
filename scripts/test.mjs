#!/usr/bin/env node
// `npm test`: every leg of the suite, with each leg's time. Stops after the first step that fails.
// Steps run in order; the legs of one step run side by side, each with its output held back and
// printed whole when it ends. typecheck, lint and unit are single-threaded or nearly so and share
// nothing, so together they take about as long as the longest; the build runs alone, because
// tsc reads the route types the build writes into .next/types.
// `node scripts/test.mjs <leg>...` runs only those legs.
import { spawn } from 'node:child_process';

const steps = [
  [
    ['typecheck', 'npx', ['tsc', '--noEmit', '-p', '.']],
    ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
    ['unit', 'npx', ['vitest', 'run', '--project', 'unit']],
  ],
  // `npm run build` unless .next was built from these very inputs (scripts/build-if-changed.mjs).
  [['build', 'node', ['scripts/build-if-changed.mjs']]],
  [['integration', 'npx', ['vitest', 'run', '--project', 'integration*']]],
  [['e2e', 'npx', ['playwright', 'test']]],
];

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };

/** Runs one leg; alone it prints as it goes, beside others it prints when done. */
function run([name, command, args], { alone }) {
  const header = `\n=== ${name}: ${command} ${args.join(' ')}`;
  if (alone) console.log(header);
  const started = Date.now();
  const child = spawn(command, args, { env, stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(chunk));
  child.stderr?.on('data', (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      if (!alone) {
        console.log(header);
        process.stdout.write(Buffer.concat(output));
      }
      resolve({ name, seconds: (Date.now() - started) / 1000, code: code ?? 1, signal, together: !alone });
    });
  });
}

const only = process.argv.slice(2);
const results = [];
const started = Date.now();
for (const step of steps) {
  const legs = step.filter(([name]) => only.length === 0 || only.includes(name));
  if (legs.length === 0) continue;
  const stepResults = await Promise.all(legs.map((leg) => run(leg, { alone: legs.length === 1 })));
  results.push(...stepResults);
  if (stepResults.some((result) => result.code !== 0)) break;
}

const lines = results.map(
  (r) => `${r.name.padEnd(12)} ${r.seconds.toFixed(1).padStart(7)} s  ${r.code === 0 ? 'ok' : 'FAILED'}${r.together ? '  (side by side)' : ''}`,
);
console.log(`\nLeg times:\n${lines.join('\n')}\ntotal        ${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s`);
const failed = results.find((result) => result.code !== 0);
if (failed) {
  console.error(`\n${failed.name} failed (exit ${failed.signal ?? failed.code})`);
  process.exit(failed.code);
}
