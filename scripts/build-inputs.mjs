// What `next build` may read, hashed: used by scripts/build-if-changed.mjs to skip a build whose
// inputs have not changed. Everything in the project counts except what the build cannot read
// (tests, benchmarks, CI, documentation, test and lint configuration, run-time data, outputs);
// packages count through the lockfile npm writes for what is installed
// (node_modules/.package-lock.json); so do the Node version, NODE_ENV and NEXT_PUBLIC_* variables.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SKIPPED_DIRS = new Set([
  'node_modules', '.next', '.git', 'data', 'dist', 'tmp', 'coverage', 'test-results', 'playwright-report',
  'tests', 'bench', '.ci',
  // Copied from node_modules/@tldraw/assets by prebuild: covered by the installed packages.
  'public/tldraw-assets',
]);
const SKIPPED_FILES = new Set([
  '.git', '.next-build.json', 'next-env.d.ts', 'vitest.config.ts', 'playwright.config.ts', 'eslint.config.js',
  'Dockerfile', 'docker-compose.yml', '.dockerignore',
]);
const INSTALLED_PACKAGES = 'node_modules/.package-lock.json';

const isSkippedFile = (relative) => SKIPPED_FILES.has(relative) || relative.endsWith('.md') || relative.endsWith('.tsbuildinfo');

/** The project's files that the build may read, relative to `root` with `/`, sorted. */
export function buildInputFiles(root, dir = '') {
  const files = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(relative)) files.push(...buildInputFiles(root, relative));
    } else if (!isSkippedFile(relative)) {
      files.push(relative);
    }
  }
  return dir ? files : files.sort();
}

/** SHA-256 (hex) of the build's inputs under `root`, with `env` and `nodeVersion`. */
export function buildInputsHash(root, { env = process.env, nodeVersion = process.version } = {}) {
  const hash = createHash('sha256');
  const variables = Object.entries(env)
    .filter(([name]) => name.startsWith('NEXT_PUBLIC_') || name === 'NODE_ENV')
    .sort(([a], [b]) => (a < b ? -1 : 1));
  hash.update(JSON.stringify({ nodeVersion, variables }));
  for (const file of [...buildInputFiles(root), INSTALLED_PACKAGES]) {
    const full = path.join(root, file);
    hash.update(`\0${file}\0`);
    hash.update(existsSync(full) ? readFileSync(full) : '\0missing');
  }
  return hash.digest('hex');
}

/** True when .next holds the build that `record` describes and it was made from `inputs`. */
export function isBuildCurrent(record, inputs, buildId) {
  return Boolean(record && buildId && record.inputs === inputs && record.buildId === buildId);
}
