import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildInputFiles, buildInputsHash, isBuildCurrent } from '../../scripts/build-inputs.mjs';

let root: string;

async function put(relative: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
  await writeFile(path.join(root, relative), content);
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'mockroom-build-inputs-'));
  for (const file of ['app/page.tsx', 'components/ui/button.tsx', 'lib/domain/rubric.ts', 'public/logo.svg', 'next.config.js', 'package-lock.json', '.env']) {
    await put(file, `${file} v1`);
  }
  for (const file of ['tests/unit/a.test.ts', 'bench/x.bench.ts', 'README.md', '.next/BUILD_ID', 'node_modules/next/package.json', 'public/tldraw-assets/icon.svg', 'data/pglite/PG_VERSION']) {
    await put(file, `${file} v1`);
  }
  await put('node_modules/.package-lock.json', 'installed v1');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const hashWith = (env: Record<string, string> = {}) => buildInputsHash(root, { env, nodeVersion: 'v24.22.3' });

describe('the inputs of next build', () => {
  it('are the sources, public files, configuration and .env, not tests, docs, outputs or data', () => {
    expect(buildInputFiles(root)).toEqual(['.env', 'app/page.tsx', 'components/ui/button.tsx', 'lib/domain/rubric.ts', 'next.config.js', 'package-lock.json', 'public/logo.svg']);
  });

  it('change their hash with any source, .env, the installed packages, NEXT_PUBLIC_ variables or the Node version', async () => {
    const before = hashWith();
    expect(hashWith()).toBe(before);
    for (const [file, content] of [
      ['lib/domain/rubric.ts', 'changed'],
      ['.env', 'NEXT_PUBLIC_X=1'],
      ['node_modules/.package-lock.json', 'installed v2'],
      ['app/new-page.tsx', 'new'],
    ] as const) {
      const earlier = hashWith();
      await put(file, content);
      expect(hashWith(), file).not.toBe(earlier);
    }
    const current = hashWith();
    expect(hashWith({ NEXT_PUBLIC_FLAG: 'on' })).not.toBe(current);
    expect(hashWith({ NODE_ENV: 'development' })).not.toBe(current);
    expect(buildInputsHash(root, { env: {}, nodeVersion: 'v22.13.0' })).not.toBe(current);
    // Other variables are not the build's business.
    expect(hashWith({ DATABASE_URL: 'postgres://x' })).toBe(current);
  });

  it('keep their hash when only tests, docs, data or outputs change', async () => {
    const before = hashWith();
    for (const file of ['tests/unit/a.test.ts', 'bench/x.bench.ts', 'README.md', '.next/BUILD_ID', 'data/pglite/PG_VERSION', 'public/tldraw-assets/icon.svg']) {
      await put(file, 'changed');
    }
    expect(hashWith()).toBe(before);
  });
});

describe('a recorded build', () => {
  it('is current only with the same inputs and the same BUILD_ID in .next', () => {
    const record = { inputs: 'abc', buildId: 'build-1' };
    expect(isBuildCurrent(record, 'abc', 'build-1')).toBe(true);
    expect(isBuildCurrent(record, 'abd', 'build-1')).toBe(false);
    // .next was rebuilt some other way since the record was written.
    expect(isBuildCurrent(record, 'abc', 'build-2')).toBe(false);
    expect(isBuildCurrent(record, 'abc', undefined)).toBe(false);
    expect(isBuildCurrent(undefined, 'abc', 'build-1')).toBe(false);
  });
});
