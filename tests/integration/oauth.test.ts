import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TTestServer } from '../helpers/app-server';

// OAuth round trips need GitHub/Google and internet, which this suite does not have; what is
// ours to check is that the buttons follow the configuration and the no-linking message shows.
let server: TTestServer;

beforeAll(async () => {
  server = await startTestServer({ AUTH_GITHUB_ID: 'test-client-id', AUTH_GITHUB_SECRET: 'test-client-secret' });
});
afterAll(async () => {
  await server?.cleanup();
});

describe('optional OAuth providers', () => {
  it('shows a button only for the providers whose id and secret are set', async () => {
    const html = await (await fetch(`${server.url}/sign-in`)).text();
    expect(html).toContain('Continue with GitHub');
    expect(html).not.toContain('Continue with Google');
  });

  it('lists the configured provider in Auth.js', async () => {
    const providers = (await (await fetch(`${server.url}/api/auth/providers`)).json()) as Record<string, unknown>;
    expect(Object.keys(providers).sort()).toEqual(['credentials', 'github']);
  });

  it('explains that an OAuth sign-in with a password account email is not linked', async () => {
    const html = await (await fetch(`${server.url}/sign-in?error=OAuthAccountNotLinked`)).text();
    expect(html).toContain('already has a mockroom account with a password');
    expect(html).toContain('not linked automatically');
  });
});
