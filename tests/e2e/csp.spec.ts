// Issue 9 #9: every page runs under the Content-Security-Policy (server/content-security-policy.ts)
// with no violation. Every test's browser contexts are watched the same way (fixtures.ts), so the
// room, the whiteboard, the replay and its exports are checked by their own journeys; this file
// walks the other pages and shows that the watch sees a violation when there is one.
import type { Page } from '@playwright/test';
import { drawRectangle, shapesOn } from './board-actions';
import { expect, fixtureHeaders, test, watchCsp } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

/** Next's client runtime ran: it sets `window.next` once its (nonce-carrying) scripts execute. */
async function expectScriptsRan(page: Page): Promise<void> {
  await page.waitForFunction(() => typeof (window as unknown as { next?: { version?: string } }).next?.version === 'string');
}

test('every page loads and runs its scripts under the policy, with no violation', async ({ page, signedIn }) => {
  test.setTimeout(120_000);
  // Pages a visitor sees.
  for (const path of ['/', '/sign-in', '/sign-up', '/no-such-page']) {
    const response = await page.goto(path);
    expect(response?.headers()['content-security-policy'], path).toContain("'strict-dynamic'");
    await expectScriptsRan(page);
  }
  // Client-side behaviour of a form (needs its scripts): the sign-in form shows its own error.
  await page.goto('/sign-in');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill('nobody@example.test');
  await form.getByLabel('Password').fill('not-the-password');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();

  // Pages a signed-in person sees, and the room with a board drawn on.
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  for (const path of ['/dashboard', '/interviews/new', '/prompts', '/prompts/new', '/progress', '/settings', '/practice']) {
    await ivr.goto(path);
    await expectScriptsRan(ivr);
  }
  const listed = await ivr.request.get('/api/prompts?kind=design', { headers: fixtureHeaders() });
  const promptId = ((await listed.json()) as { data: { items: Array<{ id: string }> } }).data.items[0]!.id;
  await ivr.goto(`/prompts/${promptId}`);
  await expectScriptsRan(ivr);

  const { roomPath } = await interviewWithCandidate(ivr, candidate.page);
  await expect(ivr.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });
  await drawRectangle(ivr, 200, 150);
  await expect(shapesOn(candidate.page)).toHaveCount(1);
  // The invite page, as a visitor.
  const token = (await ivr.getByLabel('Invite link').inputValue()).split('/').at(-1)!;
  await page.goto(`/invite/${token}`);
  await expectScriptsRan(page);
  expect(roomPath).toMatch(/^\/interviews\//);
});

test('the watch sees what the policy blocks: an inline handler and an image from another host', async ({ browser, server }) => {
  const context = await browser.newContext({ baseURL: server.baseURL });
  const violations = await watchCsp(context);
  const page = await context.newPage();
  await page.goto('/sign-in');
  await expectScriptsRan(page);
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<img src="/no-such-image.png" onerror="window.__injected = true">');
    document.body.insertAdjacentHTML('beforeend', '<img src="https://images.example.invalid/x.png">');
  });
  // Chromium reports each refusal twice, as a console message and as a securitypolicyviolation
  // event, in no fixed order: wait for the reports themselves, not for a count.
  await expect.poll(() => violations.join('\n')).toMatch(/script-src-attr/);
  await expect.poll(() => violations.join('\n')).toMatch(/img-src blocked https:\/\/images\.example\.invalid/);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  // And the server refuses a socket handshake from another origin (same check as the integration test).
  const refused = await context.request.get('/socket.io/?EIO=4&transport=polling', { headers: { ...fixtureHeaders(), Origin: 'https://evil.example' } });
  expect(refused.status()).toBe(403);
  await context.close();
});
