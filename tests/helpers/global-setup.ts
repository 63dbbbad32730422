// Vitest globalSetup for the integration project: builds the migrated PGlite template once per run,
// before workers start, so that they copy it instead of each running initdb.
import { checkTestDatabaseUrl, ensurePgliteTemplates, pruneStaleTemplates, testDatabaseUrl } from './test-db';

export default async function setup(): Promise<void> {
  const adminUrl = testDatabaseUrl();
  if (adminUrl) {
    await checkTestDatabaseUrl(adminUrl);
    return;
  }
  const started = performance.now();
  const templates = await ensurePgliteTemplates();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`[test-db] PGlite template ready in ${seconds} s: ${templates.migrated}`);
  await pruneStaleTemplates(templates);
}
