import { expect, newUser, test, journeyTakes } from './fixtures';

test('a visitor signs up, signs out, signs in again and lands on the dashboard', async ({ page }) => {
  journeyTakes(4);
  const user = newUser('alice');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('system-design');
  await page.getByRole('link', { name: 'Create an account' }).click();

  const signUp = page.getByRole('form', { name: 'Sign up' });
  await signUp.getByLabel('Name').fill(user.name);
  await signUp.getByLabel('Email').fill(user.email);
  await signUp.getByLabel('Password').fill('short');
  await signUp.getByRole('button', { name: 'Create account' }).click();
  await expect(signUp.getByRole('alert')).toContainText('at least');
  // The focus goes to the field in error; what was typed there, but the password, is kept.
  await expect(signUp.getByLabel('Password')).toBeFocused();
  await expect(signUp.getByLabel('Email')).toHaveValue(user.email);

  await signUp.getByLabel('Password').fill(user.password);
  await signUp.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Your interviews' })).toBeVisible();
  await expect(page.getByText('No interviews yet')).toBeVisible();
  await expect(page.getByTestId('signed-in-user')).toHaveText(user.name);
  // The dashboard has no live connection to show (the room has; its specs check it).
  await expect(page.getByTestId('connection-status')).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard/);

  const signIn = page.getByRole('form', { name: 'Sign in' });
  await signIn.getByLabel('Email').fill(user.email);
  await signIn.getByLabel('Password').fill('wrong-password-123');
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn.getByRole('alert')).toHaveText('Wrong email or password.');
  await expect(signIn.getByRole('alert')).toBeFocused();
  // The same error a second time moves the focus to it again.
  await signIn.getByLabel('Password').fill('wrong-password-456');
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn.getByRole('alert')).toBeFocused();

  await signIn.getByLabel('Password').fill(user.password);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('signed-in-user')).toHaveText(user.name);
});

test('signing up twice with one email says it is already registered', async ({ page, signedIn }) => {
  journeyTakes(2);
  const { user } = await signedIn('bob');
  await page.goto('/sign-up');
  const form = page.getByRole('form', { name: 'Sign up' });
  await form.getByLabel('Name').fill('Someone else');
  await form.getByLabel('Email').fill(user.email);
  await form.getByLabel('Password').fill('another-password-1');
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(form.getByRole('alert')).toContainText('already registered');
});

test('a user changes their password and then deletes their account', async ({ signedIn, browser, server }) => {
  journeyTakes(5);
  const { page, user } = await signedIn('carol');
  await page.goto('/settings');
  const change = page.getByRole('form', { name: 'Change password' });
  await change.getByLabel('Current password').fill('not-my-password');
  await change.getByLabel('New password').fill('a-brand-new-password');
  await change.getByRole('button', { name: 'Change password' }).click();
  await expect(change.getByRole('alert')).toContainText('not correct');

  await change.getByLabel('Current password').fill(user.password);
  await change.getByLabel('New password').fill('a-brand-new-password');
  await change.getByRole('button', { name: 'Change password' }).click();
  await expect(change.getByRole('status')).toContainText('Password changed');
  // This browser stays signed in with the new password.
  await page.goto('/dashboard');
  await expect(page.getByTestId('signed-in-user')).toHaveText(user.name);

  // The old password no longer works; the new one does.
  const other = await browser.newContext({ baseURL: server.baseURL });
  const otherPage = await other.newPage();
  await otherPage.goto('/sign-in');
  const signIn = otherPage.getByRole('form', { name: 'Sign in' });
  await signIn.getByLabel('Email').fill(user.email);
  await signIn.getByLabel('Password').fill(user.password);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn.getByRole('alert')).toHaveText('Wrong email or password.');
  await signIn.getByLabel('Password').fill('a-brand-new-password');
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(otherPage).toHaveURL(/\/dashboard$/);
  await other.close();

  await page.goto('/settings');
  const remove = page.getByRole('form', { name: 'Delete account' });
  await remove.getByLabel('Type your email to confirm').fill(user.email);
  await remove.getByLabel('Password').fill('a-brand-new-password');
  await remove.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL(/\/\?deleted=1$/);
  await expect(page.getByRole('status')).toHaveText('Your account was deleted.');
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();

  await page.goto('/sign-in');
  const again = page.getByRole('form', { name: 'Sign in' });
  await again.getByLabel('Email').fill(user.email);
  await again.getByLabel('Password').fill('a-brand-new-password');
  await again.getByRole('button', { name: 'Sign in' }).click();
  await expect(again.getByRole('alert')).toHaveText('Wrong email or password.');
});

test('a signed-in user stays signed in across a server restart', async ({ signedIn, server }) => {
  journeyTakes(5);
  const { page, user } = await signedIn('dave');
  await page.goto('/dashboard');
  await expect(page.getByTestId('signed-in-user')).toHaveText(user.name);

  expect(await server.stop()).toBe(0);
  await server.start();
  await page.reload({ waitUntil: 'commit' });
  await expect(page.getByTestId('signed-in-user')).toHaveText(user.name);
});
