#!/usr/bin/env node
// `npm test`'s build leg: `npm run build`, unless the production build in .next was made from
// exactly the inputs there are now (scripts/build-inputs.mjs).
//
// The record beside .next (.next-build.json) holds the inputs' hash and the BUILD_ID that build
// wrote; both must match, so a build made some other way (a new BUILD_ID) is never mistaken for
// ours. The record is removed before building and written only after a build that succeeded, so
// an interrupted build never looks current.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildInputsHash, isBuildCurrent } from './build-inputs.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const RECORD = path.join(ROOT, '.next-build.json');
const BUILD_ID = path.join(ROOT, '.next', 'BUILD_ID');

const readBuildId = () => (existsSync(BUILD_ID) ? readFileSync(BUILD_ID, 'utf8').trim() : undefined);
function readRecord() {
  try {
    return JSON.parse(readFileSync(RECORD, 'utf8'));
  } catch {
    return undefined;
  }
}

const inputs = buildInputsHash(ROOT);
const buildId = readBuildId();
if (isBuildCurrent(readRecord(), inputs, buildId)) {
  console.log(`build skipped: .next (build ${buildId}) was made from these inputs (sha256 ${inputs.slice(0, 12)})`);
  process.exit(0);
}

rmSync(RECORD, { force: true });
const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(RECORD, `${JSON.stringify({ inputs, buildId: readBuildId() }, null, 2)}\n`);
