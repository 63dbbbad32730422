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

/**
 * What the Content-Security-Policy blocked in a browser context: every `securitypolicyviolation`
 * event of its pages (reported through a binding, so it survives navigations) and every console
 * message in which Chromium reports a refusal. A test's contexts must end with none: the app,
 * tldraw, the replay and its exports work under the policy (server/content-security-policy.ts).
 */
export async function watchCsp(context: BrowserContext): Promise<string[]> {
  const violations: string[] = [];
  await context.exposeBinding('__mockroomCspViolation', ({ page }, report: string) => {
    violations.push(`${page.url()}: ${report}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __mockroomCspViolation: (report: string) => void }).__mockroomCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} ${event.sample}`);
    });
  });
  context.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(`${message.page()?.url() ?? ''}: console: ${message.text()}`);
  });
  return violations;
}

type TWorkerFixtures = { server: ServerProcess };
type TTestFixtures = {
  /** A signed-in person in their own browser context (two calls = two people). */
  signedIn: (label?: string) => Promise<TPerson>;
};

export const test = base.extend<TTestFixtures, TWorkerFixtures>({
  // Playwright's own context (the `page` fixture's), watched like the signed-in people's.
  context: async ({ context }, use) => {
    const violations = await watchCsp(context);
    await use(context);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  },
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
    const violations: string[][] = [];
    await use(async (label = 'user') => {
      const user = newUser(label);
      const context = await browser.newContext({ baseURL: server.baseURL });
      contexts.push(context);
      violations.push(await watchCsp(context));
      const id = await signUpThroughApi(context, server.baseURL, user);
      // A minted session instead of a second scrypt round in the server; auth.spec.ts signs in for real.
      const cookie = await mintSessionCookie({ user: { id, name: user.name, email: user.email }, secret: SERVER_PROCESS_AUTH_SECRET });
      await context.addCookies([{ ...cookie, url: server.baseURL, httpOnly: true, sameSite: 'Lax' }]);
      const page = await context.newPage();
      return { context, page, user };
    });
    await Promise.all(contexts.map((context) => context.close()));
    expect(violations.flat(), 'Content-Security-Policy violations').toEqual([]);
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

// Every `page.reload` in the journeys waits only for the new document (`waitUntil: 'commit'`) and
// the assertions after it wait for what they need: on a loaded machine a reload was seen to wait
// for the "load" lifecycle event until the 150 s timeout although the trace showed every resource
// of the new page loaded and the board drawn (whiteboard.spec.ts, 1 of 3 runs beside two busy loops).

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
