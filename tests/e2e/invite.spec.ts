import type { APIRequestContext } from '@playwright/test';
import { expect, newUser, signUpThroughApi, journeyTakes, test } from './fixtures';

/** Creates an interview through the API as the signed-in requester; returns its invite path and title. */
async function createInterview(request: APIRequestContext, baseURL: string, scheduledAt: string | null) {
  const list = (await (await request.get('/api/prompts?q=ticket')).json()) as { data: { items: Array<{ id: string; title: string }> } };
  const prompt = list.data.items[0]!;
  const detail = (await (await request.get(`/api/prompts/${prompt.id}`)).json()) as { data: { guide: { phasePlan: unknown[] } } };
  const created = await request.post('/api/interviews', {
    headers: { Origin: baseURL },
    data: { promptId: prompt.id, level: 'L5', phasePlan: detail.data.guide.phasePlan, scheduledAt },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = ((await created.json()) as { data: { id: string } }).data;
  return { id, title: prompt.title };
}

test('a signed-out visitor sees who invites them, the level, the length and the time (not the prompt), signs up and lands in the room', async ({
  signedIn,
  page,
  baseURL,
}) => {
  journeyTakes(8);
  const interviewer = await signedIn('ivr');
  const scheduledAt = new Date(Date.UTC(2031, 2, 14, 15, 30)).toISOString();
  const { id, title } = await createInterview(interviewer.context.request, baseURL!, scheduledAt);
  await interviewer.page.goto(`/interviews/${id}`);
  // The panel writes the page's origin in front of the token once it runs in the browser.
  await expect(interviewer.page.getByLabel('Invite link')).toHaveValue(/^http/);
  const link = await interviewer.page.getByLabel('Invite link').inputValue();

  await page.goto(link);
  await expect(page).toHaveURL(new URL(link).pathname);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are invited to a mock interview');
  await expect(page.getByTestId('invite-interviewer')).toHaveText(interviewer.user.name);
  await expect(page.getByTestId('invite-level')).toHaveText('L5 (senior)');
  await expect(page.getByTestId('invite-length')).toHaveText('45 minutes');
  // In the reader's time zone (Playwright's default here is the machine's), with the date.
  await expect(page.getByTestId('invite-when')).toContainText('2031');
  await expect(page.getByTestId('invite-when')).toContainText('March');
  await expect(page.getByRole('main')).not.toContainText(title);

  await page.getByRole('main').getByRole('link', { name: 'Sign up' }).click();
  const form = page.getByRole('form', { name: 'Sign up' });
  await form.getByLabel('Name').fill('New Candidate');
  await form.getByLabel('Email').fill(`new-${Date.now()}@example.test`);
  await form.getByLabel('Password').fill('a-long-enough-password');
  await form.getByRole('button', { name: 'Create account' }).click();
  // Straight into the room: no second click on the invite.
  await expect(page).toHaveURL(new RegExp(`/interviews/${id}$`));
  await expect(page.getByText('You are the candidate')).toBeVisible();
  await interviewer.page.getByRole('tab', { name: 'Invite' }).click();
  await expect(interviewer.page.getByTestId('participants')).toContainText('New Candidate');
});

test('a signed-out visitor with an account signs in from the invite and lands in the room; an unscheduled interview says so', async ({
  signedIn,
  browser,
  baseURL,
}) => {
  journeyTakes(8);
  const interviewer = await signedIn('ivr');
  const { id } = await createInterview(interviewer.context.request, baseURL!, null);
  await interviewer.page.goto(`/interviews/${id}`);
  // The panel writes the page's origin in front of the token once it runs in the browser.
  await expect(interviewer.page.getByLabel('Invite link')).toHaveValue(/^http/);
  const link = await interviewer.page.getByLabel('Invite link').inputValue();

  const user = newUser('cand');
  const context = await browser.newContext({ baseURL });
  await signUpThroughApi(context, baseURL!, user);
  const page = await context.newPage();
  await page.goto(link);
  await expect(page.getByTestId('invite-when')).toHaveText('Not scheduled: whenever you both are ready');
  await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(user.email);
  await form.getByLabel('Password').fill(user.password);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`/interviews/${id}$`));
  await expect(page.getByText('You are the candidate')).toBeVisible();
  await context.close();
});
