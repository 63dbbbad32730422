import { randomUUID } from 'node:crypto';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { createTestDatabase } from '../helpers/test-db';
import { freePort, ServerProcess } from '../helpers/server-process';

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
      await signUpThroughApi(context, server.baseURL, user);
      await signInThroughApi(context, user);
      const page = await context.newPage();
      return { context, page, user };
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect };

export async function signUpThroughApi(context: BrowserContext, baseURL: string, user: TTestUser): Promise<void> {
  const response = await context.request.post('/api/signup', { data: user, headers: { Origin: baseURL } });
  expect(response.status(), await response.text()).toBe(201);
}

/** Signs in through Auth.js's own credentials endpoint, as the form does, leaving the cookie in the context. */
export async function signInThroughApi(context: BrowserContext, user: TTestUser): Promise<void> {
  const csrf = (await (await context.request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await context.request.post('/api/auth/callback/credentials', {
    form: { csrfToken: csrf.csrfToken, email: user.email, password: user.password },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(response.status());
  const cookies = await context.cookies();
  expect(cookies.some((cookie) => cookie.name.endsWith('authjs.session-token'))).toBe(true);
}
