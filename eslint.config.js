import nextPlugin from '@next/eslint-plugin-next';
import tseslint from 'typescript-eslint';

// The layers point down only: components -> protocol/domain; app -> use cases; use cases ->
// protocol, domain, the database; protocol -> domain; domain -> nothing of ours. A module path is
// matched both as `@/...` and as a relative path reaching the same folder (`../use-cases/x`,
// `../../lib/use-cases/x`).
const layer = (folder, why) => {
  const tail = folder.split('/').at(-1);
  return { regex: `^(@/${folder}|(\\.\\.?/)+(${folder}|${tail}))(/|$)`, message: why };
};
const NOT_USE_CASES = (who) => layer('lib/use-cases', `${who} must not depend on use cases: move the type or schema to lib/protocol or lib/domain.`);
const NOT_SERVER = (who) => layer('server', `${who} must not depend on the custom server (server/).`);
const NOT_APP = (who) => layer('app', `${who} must not depend on routes or pages (app/).`);
const NOT_COMPONENTS = (who) => layer('components', `${who} must not depend on React components.`);
const restrict = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['.next/**', 'node_modules/**', 'lib/generated/**', 'data/**', 'public/**', 'test-results/**', 'next-env.d.ts', 'tmp/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { '@next/next': nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through lib/env.ts.' },
      ],
    },
  },
  {
    files: ['lib/domain/**'],
    rules: {
      'no-restricted-imports': restrict(
        NOT_USE_CASES('lib/domain'),
        NOT_SERVER('lib/domain'),
        NOT_APP('lib/domain'),
        NOT_COMPONENTS('lib/domain'),
        layer('lib/protocol', 'lib/domain is below lib/protocol: the protocol imports the domain, not the other way.'),
        layer('lib/db', 'lib/domain is pure: no database.'),
        layer('lib/services', 'lib/domain is pure: no services.'),
      ),
    },
  },
  {
    // The browser's first load stays free of zod (31 KB gzipped): these modules are what the room,
    // the dashboard and every page's instrumentation import at runtime. Their zod schemas live in
    // the `*-schema.ts` module beside each; types may still come from there.
    files: [
      'lib/domain/text.ts',
      'lib/domain/guide.ts',
      'lib/domain/feedback.ts',
      'lib/domain/rubric.ts',
      'lib/domain/phase-timer.ts',
      'lib/domain/prompt.ts',
      'lib/protocol/connection.ts',
      'components/ui/fetch-result.ts',
      'instrumentation-client.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', allowTypeImports: true, message: 'This module is in the browser\'s first load: put zod schemas in its *-schema.ts module.' }],
          patterns: [{ regex: '-schema$', allowTypeImports: true, message: 'This module is in the browser\'s first load: import only types from *-schema.ts modules.' }],
        },
      ],
    },
  },
  {
    files: ['lib/protocol/**'],
    rules: {
      'no-restricted-imports': restrict(NOT_USE_CASES('lib/protocol'), NOT_SERVER('lib/protocol'), NOT_APP('lib/protocol'), NOT_COMPONENTS('lib/protocol')),
    },
  },
  {
    files: ['lib/use-cases/**'],
    rules: {
      'no-restricted-imports': restrict(
        NOT_SERVER('lib/use-cases'),
        NOT_APP('lib/use-cases'),
        NOT_COMPONENTS('lib/use-cases'),
        // What use cases need of lib/auth is password hashing, the throttle and the input schemas;
        // Auth.js, its config and the route guard belong to routes.
        { regex: '^@/lib/auth(/(index|config|route-guard|require-user|session-check|form-actions))?$', message: 'Use cases take the user from ctx; the Auth.js session and the route guard are for routes.' },
      ),
    },
  },
  {
    // The timeline is written through its typed writer only (appendTimelineEvent / timelineColumns).
    files: ['lib/**', 'server/**', 'app/**'],
    ignores: ['lib/use-cases/timeline.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.property.name='timelineEvent'][property.name=/^(create|createMany|upsert|update|updateMany)$/], MemberExpression[object.name='timelineEvent'][property.name=/^(create|createMany|upsert|update|updateMany)$/]",
          message: 'Write timeline events through appendTimelineEvent or timelineColumns (lib/use-cases/timeline.ts), with a TTimelineEvent.',
        },
      ],
    },
  },
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': restrict(NOT_USE_CASES('components'), NOT_SERVER('components')),
      'no-restricted-globals': ['error', { name: 'fetch', message: 'Call our routes through fetchResult (components/ui/fetch-result.ts).' }],
    },
  },
  {
    files: ['components/ui/fetch-result.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['server/realtime/**'],
    rules: {
      // Socket handlers call use cases; they do not reach into the database themselves.
      'no-restricted-imports': restrict(layer('lib/db', 'Socket handlers call use cases instead of opening the database.'), NOT_APP('server'), NOT_COMPONENTS('server')),
      'no-restricted-syntax': [
        'error',
        {
          // `prisma.interview…` / `deps.prisma.interview…`: handing the client to a use case is fine, querying is not.
          selector: "MemberExpression[object.name='prisma'], MemberExpression[object.type='MemberExpression'][object.property.name='prisma']",
          message: 'Socket handlers do not query the database: call a use case (lib/use-cases) with useCaseContext(...).',
        },
      ],
    },
  },
  {
    // Tooling, tests and the env module itself read process.env by design.
    files: ['lib/env.ts', 'scripts/**', 'tests/**', '*.config.*', 'prisma.config.ts', 'bench/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['types/**/*.d.ts'],
    rules: { '@typescript-eslint/consistent-type-definitions': 'off' },
  },
);
