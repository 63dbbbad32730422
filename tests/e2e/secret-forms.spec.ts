import type { Page } from '@playwright/test';
import { expect, journeyTakes, newUser, signUpThroughApi, test } from './fixtures';

/**
 * Every form that carries a password, used before the page's scripts have run (a slow
 * connection): the app's JavaScript is never delivered, so the browser submits the form as HTML
 * alone. The password must travel only in a POST body: never in a requested URL, the address bar
 * or the history (which records every URL the tab navigated to), and the form must still work.
 */
async function withoutScripts(page: Page): Promise<{ urls: string[] }> {
  await page.route('**/_next/static/**/*.js', (route) => route.abort());
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  page.on('framenavigated', (frame) => urls.push(frame.url()));
  return { urls };
}

function expectNowhere(urls: string[], page: Page, ...secrets: string[]): void {
  for (const secret of secrets) {
    // As typed, percent-encoded, or form-encoded (a space as "+").
    const encodings = [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
    expect(urls.filter((url) => encodings.some((encoded) => url.includes(encoded)))).toEqual([]);
    expect(page.url()).not.toContain(secret);
  }
}

test('sign-up and sign-in with the scripts held back post the password, show errors and sign the user in', async ({ page, server }) => {
  journeyTakes(5);
  const { urls } = await withoutScripts(page);
  const user = newUser('noscript');

  await page.goto('/sign-up');
  const signUp = page.getByRole('form', { name: 'Sign up' });
  await signUp.getByLabel('Name').fill(user.name);
  await signUp.getByLabel('Email').fill(user.email);
  await signUp.getByLabel('Password').fill('short-pw');
  await signUp.getByLabel('Password').press('Enter');
  await expect(signUp.getByRole('alert')).toContainText('at least');
  // What was typed, except the password, is still there.
  await expect(signUp.getByLabel('Email')).toHaveValue(user.email);
  await expect(signUp.getByLabel('Name')).toHaveValue(user.name);

  await signUp.getByLabel('Password').fill(user.password);
  await signUp.getByLabel('Password').press('Enter');
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('signed-in-user')).toHaveText(user.name);
  expectNowhere(urls, page, user.password, 'short-pw');

  // A second browser without scripts signs in: a wrong password first, then the right one.
  const other = await page.context().browser()!.newContext({ baseURL: server.baseURL });
  const second = await other.newPage();
  const seen = await withoutScripts(second);
  await second.goto('/sign-in?callbackUrl=%2Fsettings');
  const signIn = second.getByRole('form', { name: 'Sign in' });
  await signIn.getByLabel('Email').fill(user.email);
  await signIn.getByLabel('Password').fill('wrong-password-123');
  await signIn.getByLabel('Password').press('Enter');
  await expect(signIn.getByRole('alert')).toHaveText('Wrong email or password.');
  await expect(signIn.getByLabel('Email')).toHaveValue(user.email);
  await signIn.getByLabel('Password').fill(user.password);
  await signIn.getByLabel('Password').press('Enter');
  await expect(second).toHaveURL(/\/settings$/);
  await expect(second.getByRole('heading', { name: 'Settings' })).toBeVisible();
  expectNowhere(seen.urls, second, user.password, 'wrong-password-123');
  expect(server.logs()).not.toContain(user.password);
  await other.close();
});

test('changing the password and deleting the account work with the scripts held back, never putting a password in a URL', async ({
  browser,
  server,
}) => {
  journeyTakes(6);
  const user = newUser('noscript');
  const context = await browser.newContext({ baseURL: server.baseURL });
  await signUpThroughApi(context, server.baseURL, user);
  const page = await context.newPage();
  const { urls } = await withoutScripts(page);
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByLabel('Password').press('Enter');
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto('/settings');
  const change = page.getByRole('form', { name: 'Change password' });
  await change.getByLabel('Current password').fill('not-my-password');
  await change.getByLabel('New password').fill('a-brand-new-password');
  await change.getByLabel('New password').press('Enter');
  await expect(change.getByRole('alert')).toContainText('not correct');

  await change.getByLabel('Current password').fill(user.password);
  await change.getByLabel('New password').fill('a-brand-new-password');
  await change.getByLabel('New password').press('Enter');
  await expect(change.getByRole('status')).toContainText('Password changed');
  // This browser was signed in again with the new password.
  await page.goto('/dashboard');
  await expect(page.getByTestId('signed-in-user')).toHaveText(user.name);

  await page.goto('/settings');
  const remove = page.getByRole('form', { name: 'Delete account' });
  await remove.getByLabel('Type your email to confirm').fill(user.email);
  await remove.getByLabel('Password').fill('a-brand-new-password');
  await remove.getByLabel('Password').press('Enter');
  await expect(page).toHaveURL(/\/\?deleted=1$/);
  await expect(page.getByRole('status')).toHaveText('Your account was deleted.');

  expectNowhere(urls, page, user.password, 'not-my-password', 'a-brand-new-password');
  expect(server.logs()).not.toContain('a-brand-new-password');
  await context.close();
});

test('the other forms, submitted with the scripts held back, never put what was typed in a URL either', async ({ signedIn }) => {
  journeyTakes(3);
  const { page } = await signedIn('noscript');
  const { urls } = await withoutScripts(page);
  await page.goto('/prompts/new');
  const form = page.getByRole('form', { name: 'New prompt' });
  await form.getByLabel('Title').fill('A title typed before the scripts ran');
  await form.getByLabel('Title').press('Enter');
  // The page is shown again (nothing is saved without the scripts), and no URL carries the text.
  await expect(page.getByRole('form', { name: 'New prompt' })).toBeVisible();
  expectNowhere(urls, page, 'A title typed before the scripts ran');
});
