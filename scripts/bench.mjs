#!/usr/bin/env node
// `npm run bench`: every bench/*.bench.ts in turn. Each prints its measurement next to its
// baseline from the same run; nothing here asserts a timing.
//   npm run bench                  every bench
//   npm run bench -- capacity      the benches whose file name contains "capacity"
//   npm run bench -- --quick       a shorter run of each (flags go to every bench)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const args = process.argv.slice(2);
const flags = args.filter((arg) => arg.startsWith('--'));
const only = args.filter((arg) => !arg.startsWith('--'));
const benches = readdirSync('bench')
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
  .sort();
for (const name of benches) {
  console.log(`\n=== bench/${name}`);
  const result = spawnSync('npx', ['tsx', `bench/${name}`, ...flags], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
