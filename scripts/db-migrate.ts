// `npm run db:migrate`: applies prisma/migrations to PostgreSQL when DATABASE_URL is set, else to
// the embedded PGlite data dir (${DATA_DIR:-./data}/pglite). Replaces `prisma migrate deploy`,
// which needs Prisma's native engine and cannot reach PGlite.
import path from 'node:path';

import { openDatabase } from '../lib/db/client';
import { describePromptBankLoad, loadPromptBank } from '../lib/use-cases/load-prompt-bank';

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = path.resolve(process.env.DATA_DIR || 'data');
  const db = await openDatabase({ databaseUrl, dataDir, migrate: false });
  try {
    const { applied } = await db.migrate();
    const where = db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : path.join(dataDir, 'pglite');
    if (applied.length === 0) console.log(`${where}: up to date, no migration applied`);
    else console.log(`${where}: applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`);
    console.log(describePromptBankLoad(await loadPromptBank(db.prisma)));
  } finally {
    await db.close();
  }
}

// Exit explicitly: a stray timer or handle (the engine arms ~10 s ones) must not hold a CLI open.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
