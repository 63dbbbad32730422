import { expect, test, journeyTakes } from './fixtures';
import { pickPrompt } from './prompt-picker';

test('an interviewer creates an interview, the candidate joins through the copied link, they chat; a third user is turned away', async ({
  signedIn,
}) => {
  journeyTakes(7);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const stranger = await signedIn('stranger');
  await interviewer.context.grantPermissions(['clipboard-read', 'clipboard-write']);

  // Create.
  const ivr = interviewer.page;
  await ivr.goto('/dashboard');
  await ivr.getByRole('link', { name: 'New interview' }).click();
  const form = ivr.getByRole('form', { name: 'New interview' });
  await pickPrompt(form, 'Design a ticket booking service');
  await form.getByLabel('L5 (senior)').check();
  await form.getByRole('button', { name: 'Create interview' }).click();
  await expect(ivr).toHaveURL(/\/interviews\/[^/]+$/);
  await expect(ivr.getByRole('heading', { level: 1 })).toHaveText('Design a ticket booking service');
  // Nothing was scheduled: the room does not claim a schedule.
  await expect(ivr.getByTestId('interview-status')).toHaveText('Not started');
  await expect(ivr.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');

  // Copy the invite link (in the room's Invite tab).
  await ivr.getByRole('tab', { name: 'Invite' }).click();
  await ivr.getByRole('region', { name: 'Invite' }).getByRole('button', { name: 'Copy' }).click();
  await expect(ivr.getByRole('region', { name: 'Invite' }).getByRole('status')).toHaveText('Copied.');
  const link = await ivr.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);

  // The candidate joins.
  const cand = candidate.page;
  await cand.goto(link);
  await cand.getByRole('button', { name: 'Join as candidate' }).click();
  await expect(cand).toHaveURL(/\/interviews\/[^/]+$/);
  await expect(cand.getByText('You are the candidate')).toBeVisible();

  // Both see each other online.
  for (const page of [ivr, cand]) {
    const people = page.getByTestId('participants');
    await expect(people.locator('li[data-online="true"]')).toHaveCount(2);
  }
  // The candidate sees no invite controls, hidden or not.
  await expect(cand.getByRole('tab', { name: 'Invite' })).toHaveCount(0);
  await expect(cand.getByLabel('Invite link')).toHaveCount(0);

  // Chat both ways.
  for (const page of [ivr, cand]) await page.getByRole('tab', { name: /^Chat/ }).click();
  await cand.getByLabel('Message').fill('Hi! Shall I start with requirements?');
  await cand.getByLabel('Message').press('Enter');
  await expect(ivr.getByTestId('chat-messages')).toContainText('Hi! Shall I start with requirements?');
  await ivr.getByLabel('Message').fill('Yes, go ahead.');
  await ivr.getByRole('button', { name: 'Send' }).click();
  await expect(cand.getByTestId('chat-messages')).toContainText('Yes, go ahead.');

  // A third person is turned away.
  await stranger.page.goto(link);
  await expect(stranger.page.getByRole('main').getByRole('alert')).toContainText('already joined this interview as the candidate');
  await expect(stranger.page.getByRole('button', { name: 'Join as candidate' })).toHaveCount(0);
  await stranger.page.goto(ivr.url().replace(/^https?:\/\/[^/]+/, ''));
  await expect(stranger.page.getByRole('heading', { name: 'Not found' })).toBeVisible();

  // Start, then end: both screens agree.
  await ivr.getByRole('button', { name: 'Start interview' }).click();
  await expect(cand.getByTestId('interview-status')).toHaveText('Live');
  ivr.once('dialog', (dialog) => void dialog.accept());
  await ivr.getByRole('button', { name: 'End interview' }).click();
  for (const page of [ivr, cand]) {
    await expect(page.getByTestId('interview-status')).toHaveText('Ended');
    await expect(page.getByText('This interview has ended. The whiteboard is read-only.')).toBeVisible();
  }
});
