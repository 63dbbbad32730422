// `npm run db:diff -- --name <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL from the existing migrations to prisma/schema.prisma. Replaces
// `prisma migrate dev --create-only`, which needs Prisma's native engine and a shadow database.
import path from 'node:path';
import { parseArgs } from 'node:util';

import { createMigration, DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_PATH } from '../lib/db/migrate';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string', short: 'n' },
      schema: { type: 'string', default: DEFAULT_SCHEMA_PATH },
      migrations: { type: 'string', default: DEFAULT_MIGRATIONS_DIR },
    },
  });
  if (!values.name) {
    console.error('usage: npm run db:diff -- --name <migration_name> [--schema <path>] [--migrations <dir>]');
    return 2;
  }
  const result = await createMigration({
    name: values.name,
    schemaPath: values.schema,
    migrationsDir: values.migrations,
  });
  if (!result.created) {
    console.log('no changes: the schema matches the migrations');
    return 0;
  }
  console.log(`wrote ${path.relative(process.cwd(), result.path)}`);
  return 0;
}

// Exit explicitly: a stray timer or handle (the engine arms ~10 s ones) must not hold a CLI open.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
