import { randomUUID } from 'node:crypto';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { createTestDatabase } from '../helpers/test-db';
import { freePort, SERVER_PROCESS_AUTH_SECRET, ServerProcess } from '../helpers/server-process';
import { mintSessionCookie } from '../helpers/session';

export type TTestUser = { name: string; email: string; password: string };

/** A fresh user per call, so tests never share accounts and can run in parallel. */
export function newUser(label = 'user'): TTestUser {
  const id = randomUUID().slice(0, 8);
  return { name: `${label} ${id}`, email: `${label}-${id}@example.test`, password: `pw-${randomUUID()}` };
}

type TPerson = { context: BrowserContext; page: Page; user: TTestUser };

type TWorkerFixtures = { server: ServerProcess };
type TTestFixtures = {
  /** A signed-in person in their own browser context (two calls = two people). */
  signedIn: (label?: string) => Promise<TPerson>;
};

export const test = base.extend<TTestFixtures, TWorkerFixtures>({
  server: [
    async ({}, use) => {
      const database = await createTestDatabase();
      const server = new ServerProcess(await freePort(), { dataDir: database.dataDir, databaseUrl: database.databaseUrl });
      await server.start();
      await use(server);
      await server.stop();
      await database.cleanup();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ server }, use) => {
    await use(server.baseURL);
  },
  signedIn: async ({ browser, server }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (label = 'user') => {
      const user = newUser(label);
      const context = await browser.newContext({ baseURL: server.baseURL });
      contexts.push(context);
      const id = await signUpThroughApi(context, server.baseURL, user);
      // A minted session instead of a second scrypt round in the server; auth.spec.ts signs in for real.
      const cookie = await mintSessionCookie({ user: { id, name: user.name, email: user.email }, secret: SERVER_PROCESS_AUTH_SECRET });
      await context.addCookies([{ ...cookie, url: server.baseURL, httpOnly: true, sameSite: 'Lax' }]);
      const page = await context.newPage();
      return { context, page, user };
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect };

/**
 * Headers for the fixtures' own API calls. `Connection: close` keeps no idle connection in the
 * context's request pool: the server closes idle keep-alive connections after 5 s, and a request
 * sent on one just as it closes fails with ECONNRESET (seen on a busy machine, where a person's
 * next API call came more than 5 s after the previous one). Browsers retry such a request; the
 * request API does not.
 */
export function fixtureHeaders(origin?: string): Record<string, string> {
  return { Connection: 'close', ...(origin ? { Origin: origin } : {}) };
}

/**
 * A journey's time budget, from what it takes on a quiet 2-core machine (`quietSeconds`, measured
 * with `npm test`). Every step waits for what the user would see, never for a fixed time, so a
 * machine busy with other work slows a journey down without breaking it: the budget is ten times
 * the quiet time (seven times was seen with the machine loaded by three other test suites), and
 * never under the 60 s default. A journey that outgrows it has become slower: look at why.
 */
export function journeyTakes(quietSeconds: number): void {
  test.setTimeout(Math.max(60, 10 * quietSeconds) * 1000);
}

/** Signs up through the API the form uses; resolves with the new user's id. */
export async function signUpThroughApi(context: BrowserContext, baseURL: string, user: TTestUser): Promise<string> {
  const response = await context.request.post('/api/signup', { data: user, headers: fixtureHeaders(baseURL) });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

/** Signs in through Auth.js's own credentials endpoint, as the form does, leaving the cookie in the context. */
export async function signInThroughApi(context: BrowserContext, user: TTestUser): Promise<void> {
  const csrf = (await (await context.request.get('/api/auth/csrf', { headers: fixtureHeaders() })).json()) as { csrfToken: string };
  const response = await context.request.post('/api/auth/callback/credentials', {
    headers: fixtureHeaders(),
    form: { csrfToken: csrf.csrfToken, email: user.email, password: user.password },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(response.status());
  const cookies = await context.cookies();
  expect(cookies.some((cookie) => cookie.name.endsWith('authjs.session-token'))).toBe(true);
}
