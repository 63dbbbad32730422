#!/usr/bin/env node
// Self-hosts tldraw's fonts, icons and translations: by default tldraw loads them from its CDN,
// which an offline machine (or a strict CSP) cannot reach. Copies @tldraw/assets into
// public/tldraw-assets, served by Next at /tldraw-assets. Runs at postinstall and before build.
import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const source = path.dirname(require.resolve('@tldraw/assets/selfHosted'));
const target = path.join(root, 'public', 'tldraw-assets');

await rm(target, { recursive: true, force: true });
await mkdir(target, { recursive: true });
for (const folder of ['fonts', 'icons', 'translations', 'embed-icons']) {
  await cp(path.join(source, folder), path.join(target, folder), { recursive: true });
}
console.log(`tldraw assets copied to ${path.relative(root, target)}`);
