// Runs in the browser before the app's code (Next's client instrumentation hook).
import { z } from 'zod';

// zod compiles object schemas with `new Function` when it may, and probes whether it may by
// trying; under our Content-Security-Policy (no 'unsafe-eval', server/content-security-policy.ts)
// the probe is refused and reported as a violation even though zod catches it. Parsing without
// the compiled fast path costs nothing a form or a socket payload would notice.
z.config({ jitless: true });
