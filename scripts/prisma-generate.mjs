#!/usr/bin/env node
// Runs `prisma generate` on machines without Prisma's native schema engine.
//
// The engine is a binary that @prisma/engines downloads from Prisma's CDN at install time; offline
// that download fails quietly and every later prisma command, `generate` included, then tries again
// and dies with ENOTFOUND. `generate` never runs the engine, it only checks that the file exists,
// so pointing PRISMA_SCHEMA_ENGINE_BINARY at any executable lets it proceed. We do that only when
// the real engine is missing, so machines that have it keep native `prisma migrate`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

function findPrismaCli() {
  const pkgPath = require.resolve('prisma/package.json');
  const pkg = require(pkgPath);
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin.prisma;
  return { pkgPath, cli: path.join(path.dirname(pkgPath), bin) };
}

// @prisma/engines keeps the downloaded binary beside its package.json, named
// schema-engine-<binary target> (e.g. schema-engine-debian-openssl-3.0.x, .exe on Windows).
function hasNativeSchemaEngine(prismaPkgPath) {
  let enginesDir;
  try {
    const fromPrisma = createRequire(prismaPkgPath);
    enginesDir = path.dirname(fromPrisma.resolve('@prisma/engines/package.json'));
  } catch {
    return false;
  }
  return readdirSync(enginesDir).some(
    (name) => name.startsWith('schema-engine-') && !/\.(sha256|sig|gz)$/.test(name),
  );
}

function placeholderExecutable() {
  // /bin/true exits at once should anything ever run it; node is the fallback where it is absent.
  return existsSync('/bin/true') ? '/bin/true' : process.execPath;
}

const { pkgPath, cli } = findPrismaCli();
const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !hasNativeSchemaEngine(pkgPath)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = placeholderExecutable();
  console.log(
    `prisma-generate: native schema engine not installed, using ${env.PRISMA_SCHEMA_ENGINE_BINARY} as a placeholder (migrations run through lib/db/migrate.ts)`,
  );
}

const result = spawnSync(process.execPath, [cli, 'generate', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
