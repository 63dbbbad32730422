#!/usr/bin/env node
// `npm run bench`: every bench/*.bench.ts in turn. Each prints its measurement next to its
// baseline from the same run; nothing here asserts a timing.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const benches = readdirSync('bench')
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.includes(wanted)))
  .sort();
for (const name of benches) {
  console.log(`\n=== bench/${name}`);
  const result = spawnSync('npx', ['tsx', `bench/${name}`], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
