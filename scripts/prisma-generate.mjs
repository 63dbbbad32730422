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
// schema-engine-<binary target> (e.g. schema-engine-debian-openssl-3.0.x, .exe on Windows). Prisma
// runs it with --version and downloads again when the commit differs (after an upgrade, say), so
// only a binary of the expected commit counts.
function hasNativeSchemaEngine(prismaPkgPath) {
  let enginesDir;
  let expectedCommit;
  try {
    const fromPrisma = createRequire(prismaPkgPath);
    const enginesPkgPath = fromPrisma.resolve('@prisma/engines/package.json');
    enginesDir = path.dirname(enginesPkgPath);
    expectedCommit = createRequire(enginesPkgPath)('@prisma/engines-version/package.json').prisma
      .enginesVersion;
  } catch {
    return false;
  }
  return readdirSync(enginesDir)
    .filter((name) => name.startsWith('schema-engine-') && !/\.(sha256|sig|gz)$/.test(name))
    .some((name) => {
      const run = spawnSync(path.join(enginesDir, name), ['--version'], { encoding: 'utf8', timeout: 10_000 });
      return run.status === 0 && typeof run.stdout === 'string' && run.stdout.includes(expectedCommit);
    });
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
    `prisma-generate: no native schema engine of this Prisma version, so ${env.PRISMA_SCHEMA_ENGINE_BINARY} stands in for it (migrations run through lib/db/migrate.ts)`,
  );
}

const result = spawnSync(process.execPath, [cli, 'generate', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
