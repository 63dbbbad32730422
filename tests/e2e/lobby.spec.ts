import { expect, journeyTakes, test } from './fixtures';

test('two people press "Find a partner" with compatible choices, both confirm, and land in one room with opposite roles', async ({ signedIn }) => {
  journeyTakes(8);
  const ann = await signedIn('ann');
  const bob = await signedIn('bob');

  // Ann wants to be the candidate, at L5, on caching; she reaches the lobby from the dashboard.
  await ann.page.goto('/dashboard');
  await ann.page.getByRole('link', { name: 'Find a partner' }).first().click();
  await expect(ann.page).toHaveURL(/\/practice$/);
  const annForm = ann.page.getByRole('form', { name: 'Find a partner' });
  await annForm.getByLabel('Candidate').check();
  await annForm.getByLabel('L5 (senior)').check();
  await annForm.getByLabel('Length').selectOption('60');
  await annForm.getByLabel('Redis and caching').check();
  await annForm.getByRole('button', { name: 'Find a partner' }).click();
  const waiting = ann.page.getByRole('region', { name: 'Waiting for a partner' });
  await expect(waiting.getByRole('status')).toContainText('Looking for a partner');
  await expect(waiting).toContainText('As candidate, L5, 60 minutes, on Redis and caching.');
  await expect(waiting.getByTestId('lobby-compatible')).toContainText('Nobody else who fits is waiting');

  // Bob takes either role at L5 for 60 minutes, any topic.
  await bob.page.goto('/practice');
  const bobForm = bob.page.getByRole('form', { name: 'Find a partner' });
  await bobForm.getByLabel('L5 (senior)').check();
  await bobForm.getByLabel('Length').selectOption('60');
  await bobForm.getByRole('button', { name: 'Find a partner' }).click();

  // Both are told at once, in the page and in its title, with a minute to confirm.
  for (const [page, role] of [
    [ann.page, 'candidate'],
    [bob.page, 'interviewer'],
  ] as const) {
    const matched = page.getByRole('region', { name: 'Partner found' });
    await expect(matched.getByRole('alert')).toContainText('Partner found');
    await expect(matched).toContainText(`You will be the ${role} in a 60-minute L5 interview.`);
    await expect(matched.getByTestId('lobby-countdown')).toHaveText(/^[01]:\d\d left to confirm\.$/);
    await expect(page).toHaveTitle(/Partner found!/);
  }
  await expect(ann.page.getByRole('region', { name: 'Partner found' })).toContainText(`Partner found: ${bob.user.name}`);

  // The "I'm ready" button has the focus: Enter confirms.
  await expect(ann.page.getByRole('button', { name: "I'm ready" })).toBeFocused();
  await ann.page.keyboard.press('Enter');
  await expect(ann.page.getByRole('region', { name: 'Partner found' })).toContainText('Waiting for your partner to confirm');
  await bob.page.getByRole('button', { name: "I'm ready" }).click();

  // Both land in the same new room, with opposite roles.
  await expect(ann.page).toHaveURL(/\/interviews\/[^/]+$/);
  await expect(bob.page).toHaveURL(/\/interviews\/[^/]+$/);
  expect(new URL(ann.page.url()).pathname).toBe(new URL(bob.page.url()).pathname);
  await expect(ann.page.getByText('You are the candidate')).toBeVisible();
  await expect(bob.page.getByRole('button', { name: 'Start interview' })).toBeVisible();
});

test('a person waiting can cancel, and leaves the queue', async ({ signedIn }) => {
  journeyTakes(3);
  const kim = await signedIn('kim');
  await kim.page.goto('/practice');
  const form = kim.page.getByRole('form', { name: 'Find a partner' });
  await form.getByLabel('Interviewer').check();
  await form.getByLabel('Length').selectOption('30');
  await form.getByRole('button', { name: 'Find a partner' }).click();
  await expect(kim.page.getByRole('region', { name: 'Waiting for a partner' })).toBeVisible();
  // A reload keeps the place: it is stored, not held by the page.
  await kim.page.reload();
  const waiting = kim.page.getByRole('region', { name: 'Waiting for a partner' });
  await expect(waiting).toContainText('As interviewer, L4, 30 minutes.');
  await waiting.getByRole('button', { name: 'Cancel' }).click();
  await expect(kim.page.getByRole('form', { name: 'Find a partner' })).toBeVisible();
});
