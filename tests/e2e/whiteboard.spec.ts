import { drawRectangle, shapesOn } from './board-actions';
import { expect, test, journeyTakes } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

test('two people draw on one board that survives reloads and a server restart, and becomes read-only at the end', async ({
  signedIn,
  server,
}) => {
  journeyTakes(15);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;

  await interviewWithCandidate(ivr, cand);

  for (const page of [ivr, cand]) await expect(page.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });

  await drawRectangle(ivr, 150, 120);
  await drawRectangle(cand, 400, 260);
  for (const page of [ivr, cand]) await expect(shapesOn(page)).toHaveCount(2);
  // Saved only once the server stored the latest edit.
  for (const page of [ivr, cand]) await expect(page.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');

  // The other person's named cursor.
  await cand.mouse.move(300, 300);
  await cand.mouse.move(320, 310, { steps: 3 });
  await expect(ivr.locator('.tl-collaborator__cursor')).toHaveCount(1);

  await cand.reload();
  await expect(shapesOn(cand)).toHaveCount(2, { timeout: 30_000 });

  expect(await server.stop()).toBe(0);
  await server.start();
  for (const page of [ivr, cand]) {
    await page.reload();
    await expect(shapesOn(page)).toHaveCount(2, { timeout: 30_000 });
  }

  ivr.once('dialog', (dialog) => void dialog.accept());
  await ivr.getByRole('button', { name: 'End interview' }).click();
  for (const page of [ivr, cand]) {
    await expect(page.getByTestId('interview-status')).toHaveText('Ended');
    await expect(page.getByText('Read-only', { exact: true })).toBeVisible({ timeout: 15_000 });
  }
  await drawRectangle(ivr, 500, 100);
  await drawRectangle(cand, 100, 350);
  for (const page of [ivr, cand]) await expect(shapesOn(page)).toHaveCount(2);
  // Also after a reload (a fresh, read-only session).
  await cand.reload();
  await expect(shapesOn(cand)).toHaveCount(2, { timeout: 30_000 });
  await drawRectangle(cand, 100, 350);
  await expect(shapesOn(cand)).toHaveCount(2);
});
