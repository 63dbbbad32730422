// Vitest globalSetup for the integration projects: builds the migrated PGlite template once per run,
// before workers start, so that they copy it instead of each running initdb; and gives the run a
// directory and a tag for the databases of the workers' shared servers (tests/helpers/app-server.ts),
// which it removes when the run ends (workers are killed, so they cannot clean up after themselves).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { checkTestDatabaseUrl, dropTaggedDatabases, ensurePgliteTemplates, pruneStaleTemplates, testDatabaseUrl } from './test-db';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runDir = await mkdtemp(path.join(os.tmpdir(), 'mockroom-test-run-'));
  const tag = `r${randomBytes(4).toString('hex')}`;
  project.provide('mockroomTestRunDir', runDir);
  project.provide('mockroomTestRunTag', tag);
  const adminUrl = testDatabaseUrl();
  const teardown = async () => {
    if (adminUrl) await dropTaggedDatabases(adminUrl, tag);
    await rm(runDir, { recursive: true, force: true });
  };
  if (adminUrl) {
    await checkTestDatabaseUrl(adminUrl);
    return teardown;
  }
  const started = performance.now();
  const templates = await ensurePgliteTemplates();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`[test-db] PGlite template ready in ${seconds} s: ${templates.migrated}`);
  await pruneStaleTemplates(templates);
  return teardown;
}
