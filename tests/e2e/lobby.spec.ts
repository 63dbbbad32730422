import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { DIMENSION_IDS } from '@/lib/domain/rubric';
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
  await kim.page.reload({ waitUntil: 'commit' });
  const waiting = kim.page.getByRole('region', { name: 'Waiting for a partner' });
  await expect(waiting).toContainText('As interviewer, L4, 30 minutes.');
  await waiting.getByRole('button', { name: 'Cancel' }).click();
  await expect(kim.page.getByRole('form', { name: 'Find a partner' })).toBeVisible();
});

test('a peer swap: both halves run, roles swap for the second, and each person is scored once as the candidate', async ({ signedIn }) => {
  journeyTakes(14);
  const ann = await signedIn('ann');
  const bob = await signedIn('bob');
  for (const person of [ann, bob]) {
    await person.page.goto('/practice');
    const form = person.page.getByRole('form', { name: 'Find a partner' });
    await form.getByLabel('Both (peer swap)').check();
    await form.getByLabel('Length').selectOption('30');
    await form.getByRole('button', { name: 'Find a partner' }).click();
  }
  await expect(ann.page.getByRole('region', { name: 'Partner found' })).toContainText('you are the candidate first, then the roles swap');
  await expect(bob.page.getByRole('region', { name: 'Partner found' })).toContainText('you are the interviewer first');
  await ann.page.getByRole('button', { name: "I'm ready" }).click();
  await bob.page.getByRole('button', { name: "I'm ready" }).click();
  await expect(ann.page).toHaveURL(/\/interviews\/[^/]+$/);
  await expect(bob.page).toHaveURL(/\/interviews\/[^/]+$/);

  /** The interviewer starts and ends the half, then scores it (the form has its own journeys). */
  async function runHalf(interviewer: typeof ann, candidate: typeof ann) {
    await expect(candidate.page.getByText('You are the candidate')).toBeVisible();
    await interviewer.page.getByRole('button', { name: 'Start interview' }).click();
    await expect(candidate.page.getByTestId('interview-status')).toHaveText('Live');
    interviewer.page.once('dialog', (dialog) => void dialog.accept());
    await interviewer.page.getByRole('button', { name: 'End interview' }).click();
    await expect(candidate.page.getByTestId('interview-status')).toHaveText('Ended');
    const id = new URL(interviewer.page.url()).pathname.split('/').at(-1)!;
    const status = await interviewer.page.evaluate(
      async ({ id, dimensions }) => {
        const scores = Object.fromEntries(dimensions.map((d) => [d, { score: 3, comment: '' }]));
        const response = await fetch(`/api/interviews/${id}/scorecards`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ scores, levelEstimate: 'L4', recommendation: 'yes', summary: 'Peer swap half' }),
        });
        return response.status;
      },
      { id, dimensions: DIMENSION_IDS },
    );
    expect(status).toBe(201);
    return id;
  }

  const first = await runHalf(bob, ann);
  // After the first half, both go on to the second with one click; the roles are swapped.
  for (const person of [ann, bob]) {
    await person.page.getByRole('link', { name: 'Swap roles: second half' }).click();
    await expect(person.page).toHaveURL(/\/interviews\/[^/]+$/);
  }
  const second = await runHalf(ann, bob);
  expect(second).not.toBe(first);

  // The dashboard lists the two halves together.
  await ann.page.goto('/dashboard');
  const list = ann.page.getByRole('main');
  await expect(list.getByText('Peer swap, half 1 of 2 · You are the candidate')).toBeVisible();
  await expect(list.getByText('Peer swap, half 2 of 2 · You interview')).toBeVisible();
});

test('one offers a time in their own time zone, another books it and downloads a calendar file that a calendar parser reads', async ({ signedIn }) => {
  journeyTakes(8);
  const ivy = await signedIn('ivy');
  const joe = await signedIn('joe');
  await ivy.page.goto('/practice');
  const offer = ivy.page.getByRole('form', { name: 'Offer a time' });
  const local = new Date(Date.now() + 26 * 60 * 60_000);
  local.setSeconds(0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  const value = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:${pad(local.getMinutes())}`;
  await offer.getByLabel('Start (your time)').fill(value);
  await offer.getByLabel('I will be').selectOption('interviewer');
  await offer.getByLabel('Level').selectOption('L5');
  await offer.getByRole('button', { name: 'Offer this time' }).click();
  await expect(ivy.page.getByRole('region', { name: 'Book a slot' }).getByRole('status')).toHaveText('Your slot is on offer.');
  await expect(ivy.page.getByTestId('my-session')).toContainText('On offer');

  await joe.page.goto('/practice');
  const slot = joe.page.getByTestId('open-slot').filter({ hasText: ivy.user.name });
  await expect(slot).toContainText('you are the candidate');
  await slot.getByRole('button', { name: 'Book' }).click();
  const mine = joe.page.getByTestId('my-session').filter({ hasText: ivy.user.name });
  await expect(mine).toContainText('Booked');
  // The one who offered sees the booking without reloading.
  await expect(ivy.page.getByTestId('my-session')).toContainText(`Booked`);

  const [download] = await Promise.all([joe.page.waitForEvent('download'), mine.getByRole('link', { name: 'Add to calendar (.ics)' }).click()]);
  const text = await readFile((await download.path())!, 'utf8');
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent')!;
  expect((event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().getTime()).toBe(local.getTime());
  expect(String(event.getFirstPropertyValue('summary'))).toContain(ivy.user.name);
  expect(String(event.getFirstPropertyValue('url'))).toMatch(/\/interviews\/[^/]+$/);
});
