import type { Page } from '@playwright/test';
import { expect, test, journeyTakes } from './fixtures';
import { pickPrompt } from './prompt-picker';

/** How far behind the candidate's computer clock is. */
const SKEW_MS = 3 * 60_000;

/**
 * "05:59" → 359, "+01:23" (overtime) → -83; NaN for anything else ("--:--" before the clock
 * offset is known), which fails a comparison so that expect.poll tries again.
 */
function toSeconds(text: string): number {
  const match = /^(\+)?(\d+):(\d{2})$/.exec(text.trim());
  if (!match) return Number.NaN;
  const value = Number(match[2]) * 60 + Number(match[3]);
  return match[1] ? -value : value;
}

const remainingOn = async (page: Page) => toSeconds(await page.getByTestId('timer-remaining').innerText());

/** Both screens show the same remaining time to within a second; resolves with the interviewer's. */
async function expectSameRemaining(a: Page, b: Page): Promise<number> {
  let shown = 0;
  await expect
    .poll(async () => {
      const [ta, tb] = await Promise.all([remainingOn(a), remainingOn(b)]);
      shown = ta;
      return Math.abs(ta - tb);
    })
    .toBeLessThanOrEqual(1);
  return shown;
}

test('both screens show the same phase and time left although the candidate’s clock is 3 minutes behind', async ({ signedIn }) => {
  journeyTakes(10);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  // Before any navigation: the candidate's Date.now() runs, but 3 minutes behind the real time.
  await candidate.page.clock.install({ time: Date.now() - SKEW_MS });

  // Create, with the phase plan edited: the first phase gets 6 minutes.
  const ivr = interviewer.page;
  await ivr.goto('/interviews/new');
  const form = ivr.getByRole('form', { name: 'New interview' });
  await pickPrompt(form, 'Design a ticket booking service');
  await expect(form.getByTestId('phase-plan-total')).toHaveText('Total: 45 minutes');
  await expect(form.getByLabel('Phase 3 name')).toHaveValue('High-level design');
  await form.getByLabel('Phase 1 minutes').fill('6');
  await expect(form.getByTestId('phase-plan-total')).toHaveText('Total: 46 minutes');
  await form.getByRole('button', { name: 'Create interview' }).click();
  await expect(ivr).toHaveURL(/\/interviews\/[^/]+$/);
  await expect(ivr.getByText('46 min')).toBeVisible();
  const link = await ivr.getByLabel('Invite link').inputValue();

  const cand = candidate.page;
  await cand.goto(link);
  await cand.getByRole('button', { name: 'Join as candidate' }).click();
  await expect(cand.getByText('You are the candidate')).toBeVisible();
  // The skew is real in the candidate's page.
  expect(Date.now() - (await cand.evaluate(() => Date.now()))).toBeGreaterThan(SKEW_MS - 30_000);

  for (const page of [ivr, cand]) {
    await expect(page.getByTestId('timer-phase')).toHaveText('1/5 · Requirements');
    await expect(page.getByTestId('timer-remaining')).toHaveText('06:00');
  }
  // Only the interviewer runs the clock.
  await expect(cand.getByRole('group', { name: 'Timer controls' })).toHaveCount(0);

  // Start: both announce the first phase and count down from 6:00 on the server's clock.
  await ivr.getByRole('button', { name: 'Start interview' }).click();
  for (const page of [ivr, cand]) {
    await expect(page.getByTestId('interview-status')).toHaveText('Live');
    await expect(page.getByTestId('timer-toast')).toHaveText('Phase 1 of 5: Requirements');
  }
  const afterStart = await expectSameRemaining(ivr, cand);
  expect(afterStart).toBeGreaterThan(5 * 60 + 30);
  expect(afterStart).toBeLessThanOrEqual(6 * 60);

  // Pause freezes both at the same value; resume and extend keep them together.
  await ivr.getByRole('button', { name: 'Pause' }).click();
  await expect(cand.getByText('Paused')).toBeVisible();
  const frozen = await ivr.getByTestId('timer-remaining').innerText();
  await expect(cand.getByTestId('timer-remaining')).toHaveText(frozen);
  await ivr.getByRole('button', { name: 'Resume' }).click();
  await expect(cand.getByText('Paused')).toHaveCount(0);
  await ivr.getByRole('button', { name: '+1 min' }).click();
  await expect.poll(() => remainingOn(cand)).toBeGreaterThan(6 * 60);
  expect(await expectSameRemaining(ivr, cand)).toBeGreaterThan(6 * 60);

  // Next phase: both screens show it and announce it (toast + live region for screen readers).
  await ivr.getByRole('button', { name: 'Next phase' }).click();
  for (const page of [ivr, cand]) {
    await expect(page.getByTestId('timer-phase')).toHaveText('2/5 · Estimation');
    await expect(page.getByTestId('timer-toast')).toHaveText('Phase 2 of 5: Estimation');
    await expect(page.getByTestId('timer-announcer')).toHaveText('Phase 2 of 5: Estimation');
  }
  const estimation = await expectSameRemaining(ivr, cand);
  expect(estimation).toBeGreaterThan(4 * 60 + 30);
  expect(estimation).toBeLessThanOrEqual(5 * 60);

  // A reload is a late join and a reconnect: the skewed clock is measured again, the state reloaded.
  await cand.reload({ waitUntil: 'commit' });
  await expect(cand.getByTestId('timer-phase')).toHaveText('2/5 · Estimation');
  await expectSameRemaining(ivr, cand);

  // A hint revealed by the interviewer reaches the candidate.
  const ladder = ivr.getByRole('region', { name: 'Hint ladder' });
  const hintText = ((await ladder.getByRole('listitem').first().getByTestId('hint-text').textContent()) ?? '').trim();
  await ladder.getByRole('button', { name: 'Reveal hint 1 to candidate' }).click();
  await expect(cand.getByRole('region', { name: 'Hints' }).getByTestId('revealed-hints')).toHaveText(hintText);

  // End (the room's "End interview" is the timer's end): both stop.
  ivr.once('dialog', (dialog) => void dialog.accept());
  await ivr.getByRole('button', { name: 'End interview' }).click();
  for (const page of [ivr, cand]) {
    await expect(page.getByTestId('interview-status')).toHaveText('Ended');
    await expect(page.getByRole('region', { name: 'Phase timer' })).toContainText('Ended');
  }
  await expect(ivr.getByRole('group', { name: 'Timer controls' })).toHaveCount(0);

  // Score and submit; once the candidate has given feedback (blind release), they read the stored
  // scorecard (after a reload: from the database).
  await ivr.getByRole('button', { name: 'Score', exact: true }).click();
  const dialog = ivr.getByRole('dialog', { name: /^Scorecard/ });
  for (const dimension of ['Requirements and scoping', 'Estimation', 'High-level design', 'Deep dive and trade-offs', 'Scalability and reliability', 'Communication and leadership']) {
    await dialog.getByRole('group', { name: dimension, exact: true }).getByRole('radio', { name: '3 Meets the bar' }).check();
  }
  await expect(dialog.getByLabel('Level estimate', { exact: true })).toHaveValue('L4');
  await dialog.getByRole('button', { name: 'Submit scorecard' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Scorecard v1 submitted.');
  await cand.reload({ waitUntil: 'commit' });
  const scorecard = cand.getByRole('region', { name: 'Scorecard', exact: true });
  await expect(scorecard).toContainText('Your scorecard is released when you have submitted your feedback');
  await expect(scorecard.getByTestId('scorecard-view')).toHaveCount(0);
  const feedback = cand.getByRole('form', { name: 'Feedback on the interviewer' });
  for (const question of ['Clarity', 'Helpfulness', 'Fairness']) {
    await feedback.getByRole('group', { name: question }).getByRole('radio', { name: '4 Very good' }).check();
  }
  await feedback.getByRole('button', { name: 'Submit feedback' }).click();
  await expect(cand.getByRole('region', { name: 'Feedback on the interviewer' }).getByRole('status')).toHaveText('Thanks — submitted');
  await cand.reload({ waitUntil: 'commit' });
  await expect(scorecard.getByTestId('scorecard-level')).toHaveText('L4');
  await expect(scorecard).toContainText('Version 1');
});
