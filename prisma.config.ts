import path from 'node:path';
import { defineConfig } from 'prisma/config';

// `env('DATABASE_URL')` throws when the variable is unset, and the embedded default leaves it
// unset: read process.env with a placeholder so `prisma generate` works with no database.
export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' },
});
