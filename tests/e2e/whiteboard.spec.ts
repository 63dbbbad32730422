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

  await cand.reload({ waitUntil: 'commit' });
  await expect(shapesOn(cand)).toHaveCount(2, { timeout: 30_000 });

  expect(await server.stop()).toBe(0);
  await server.start();
  for (const page of [ivr, cand]) {
    await page.reload({ waitUntil: 'commit' });
    await expect(shapesOn(page)).toHaveCount(2, { timeout: 30_000 });
  }

  // "Saved" means stored: a shape the page calls saved survives kill -9 of the server at once.
  await drawRectangle(ivr, 600, 300);
  await expect(ivr.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');
  await server.kill();
  await server.start();
  for (const page of [ivr, cand]) {
    await page.reload({ waitUntil: 'commit' });
    await expect(shapesOn(page)).toHaveCount(3, { timeout: 30_000 });
  }

  ivr.once('dialog', (dialog) => void dialog.accept());
  await ivr.getByRole('button', { name: 'End interview' }).click();
  for (const page of [ivr, cand]) {
    await expect(page.getByTestId('interview-status')).toHaveText('Ended');
    await expect(page.getByText('Read-only', { exact: true })).toBeVisible({ timeout: 15_000 });
  }
  await drawRectangle(ivr, 500, 100);
  await drawRectangle(cand, 100, 350);
  for (const page of [ivr, cand]) await expect(shapesOn(page)).toHaveCount(3);
  // The ended board is stored and says so (it once said "Saving…" forever after the end).
  for (const page of [ivr, cand]) {
    await expect(page.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');
    await expect(page.getByText('Saving…')).toHaveCount(0);
  }
  // Also after a reload (a fresh, read-only session).
  await cand.reload({ waitUntil: 'commit' });
  await expect(shapesOn(cand)).toHaveCount(3, { timeout: 30_000 });
  await drawRectangle(cand, 100, 350);
  await expect(shapesOn(cand)).toHaveCount(3);
  await expect(cand.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');
});
