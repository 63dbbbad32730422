// Runs in the browser before the app's code (Next's client instrumentation hook).

// zod compiles object schemas with `new Function` when it may, and probes whether it may by
// trying; under our Content-Security-Policy (no 'unsafe-eval', server/content-security-policy.ts)
// the probe is refused and reported as a violation even though zod catches it. Parsing without
// the compiled fast path costs nothing a form or a socket payload would notice.
//
// Set without importing zod: zod keeps its configuration in `globalThis.__zod_globalConfig` and
// adopts an object already there (zod/v4/core/core.js), so `z.config({ jitless: true })` is not
// needed, and the pages that never parse with zod in the browser (the room, the dashboard) do not
// download it (31 KB gzipped). tests/unit/zod-jitless.test.ts holds zod to that.
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(holder.__zod_globalConfig ??= {}).jitless = true;

export {};
