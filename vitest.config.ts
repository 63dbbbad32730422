import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

const at = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: at('./') },
      // The real module throws outside React Server Components; server code is tested as plain Node.
      { find: /^server-only$/, replacement: at('./tests/helpers/empty.ts') },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // Builds the migrated PGlite template once, before any worker copies it.
          globalSetup: ['tests/helpers/global-setup.ts'],
          // Real databases and servers: opening PGlite alone takes a second or more.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
