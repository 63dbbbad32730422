import { drawRectangle } from './board-actions';
import { expect, test } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

test('after an interview, the review replays the board: an early marker shows fewer shapes than the end; the JSON export downloads', async ({
  signedIn,
}) => {
  test.setTimeout(120_000);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;

  await interviewWithCandidate(ivr, cand);
  for (const page of [ivr, cand]) await expect(page.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });

  await ivr.getByRole('button', { name: 'Start interview' }).click();
  await drawRectangle(ivr, 150, 120);
  await expect(ivr.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');
  await ivr.getByRole('button', { name: 'Next' }).click();
  await expect(cand.getByTestId('timer-phase')).toContainText('2/');
  // The next stroke comes more than a writer cycle later, so it is a separate moment on the timeline.
  await ivr.waitForTimeout(1500);
  await drawRectangle(cand, 420, 260);
  await expect(cand.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');
  ivr.once('dialog', (dialog) => void dialog.accept());
  await ivr.getByRole('button', { name: 'End interview' }).click();
  await expect(ivr.getByTestId('interview-status')).toHaveText('Ended');

  await ivr.getByRole('link', { name: 'Review' }).first().click();
  await expect(ivr).toHaveURL(/\/review$/);
  const replay = ivr.getByRole('region', { name: 'Whiteboard replay' });
  await expect(replay.getByTestId('replay-marker').first()).toBeVisible({ timeout: 30_000 });

  // The phase-2 marker: only the first shape existed then.
  await replay.getByRole('button', { name: /^Jump to Phase 2/ }).click();
  await expect(replay.getByTestId('replay-shape-count')).toHaveText('1');
  // The end: both shapes.
  await replay.getByRole('button', { name: /^Jump to .*end/i }).click();
  await expect(replay.getByTestId('replay-shape-count')).toHaveText('2');

  const download = ivr.waitForEvent('download');
  await ivr.getByRole('link', { name: /JSON/ }).first().click();
  const file = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  const session = JSON.parse(await readFile(file!, 'utf8')) as Record<string, unknown>;
  expect(session).toMatchObject({ format: 'mockroom-session', prompt: { title: expect.any(String) }, interview: { participants: expect.any(Array) } });
});
