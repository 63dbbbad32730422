import { describe, expect, it, vi } from 'vitest';

const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };

describe('instrumentation-client.ts', () => {
  it('makes zod jitless without importing it, when zod loads after it', async () => {
    delete holder.__zod_globalConfig;
    vi.resetModules();
    await import('../../instrumentation-client');
    const { z } = await import('zod');
    expect(z.config().jitless).toBe(true);
  });

  it('and when zod was loaded first', async () => {
    vi.resetModules();
    const { z } = await import('zod');
    z.config({ jitless: false });
    await import('../../instrumentation-client');
    expect(z.config().jitless).toBe(true);
  });
});
