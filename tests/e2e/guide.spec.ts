import { expect, test, journeyTakes } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

test('the interviewer reveals a hint and the candidate sees it; the rest of the guide stays with the interviewer', async ({ signedIn }) => {
  journeyTakes(6);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  await interviewWithCandidate(interviewer.page, candidate.page);
  const ivr = interviewer.page;
  const cand = candidate.page;

  const ladder = ivr.getByRole('region', { name: 'Hint ladder' });
  const secondHint = ladder.getByRole('listitem').nth(1);
  const hintText = ((await secondHint.getByTestId('hint-text').textContent()) ?? '').trim();
  expect(hintText.length).toBeGreaterThan(10);
  const firstHint = ((await ladder.getByRole('listitem').first().getByTestId('hint-text').textContent()) ?? '').trim();

  const candidateHints = cand.getByRole('region', { name: 'Hints' });
  await expect(candidateHints).toContainText('No hints yet');
  await ladder.getByRole('button', { name: 'Reveal hint 2 to candidate' }).click();
  await expect(secondHint).toHaveAttribute('data-revealed', 'true');
  await expect(secondHint.getByRole('button')).toHaveCount(0);

  await expect(candidateHints.getByTestId('revealed-hints')).toHaveText(hintText);
  // Only the revealed one; and no guide panels on the candidate's screen.
  await expect(candidateHints).not.toContainText(firstHint);
  for (const name of ['Key points', 'Follow-ups', 'Hint ladder', 'Answer sketches', 'Notes']) {
    await expect(cand.getByRole('region', { name, includeHidden: true })).toHaveCount(0);
  }
  // Still there after a reload (from the page's own server-rendered view).
  await cand.reload({ waitUntil: 'commit' });
  await expect(cand.getByRole('region', { name: 'Hints' }).getByTestId('revealed-hints')).toHaveText(hintText);

  // Ticking a key point shows in the count.
  const keyPoints = ivr.getByRole('region', { name: 'Key points' });
  await keyPoints.getByRole('checkbox').first().check();
  await expect(keyPoints.getByRole('heading')).toContainText('1 of');
});

test('the interviewer writes a note: stamped, autosaved, still there after a reload', async ({ signedIn }) => {
  journeyTakes(7);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  await interviewWithCandidate(interviewer.page, candidate.page);
  const ivr = interviewer.page;

  const notes = ivr.getByRole('region', { name: 'Notes', includeHidden: true });
  await expect(notes).toContainText('No notes yet.');
  // The keyboard shortcut adds a note from any tab, shows the notes and puts the cursor in it.
  await ivr.keyboard.press('Alt+KeyN');
  const note = notes.getByTestId('note').first();
  const textarea = note.getByRole('textbox');
  await expect(textarea).toBeFocused();
  // Not started yet: interview time 00:00.
  await expect(textarea).toHaveAccessibleName('Note at 00:00');
  await ivr.keyboard.type('Jumped to sharding before asking about read patterns.');
  const status = note.getByTestId('note-status');
  await expect(status).toHaveText('Unsaved');
  await expect(status).toHaveText('Saved');

  await ivr.reload({ waitUntil: 'commit' });
  await ivr.getByRole('tab', { name: 'Notes' }).click();
  const reloaded = ivr.getByRole('region', { name: 'Notes' }).getByRole('textbox', { name: 'Note at 00:00' });
  await expect(reloaded).toHaveValue('Jumped to sharding before asking about read patterns.');

  // Never on the candidate's screen.
  await candidate.page.reload({ waitUntil: 'commit' });
  await expect(candidate.page.getByText('Jumped to sharding')).toHaveCount(0);
});

test('Alt+N pressed before the notes panel has loaded still adds a note', async ({ signedIn }) => {
  journeyTakes(5);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  await interviewWithCandidate(interviewer.page, candidate.page);
  const ivr = interviewer.page;

  // The hidden tabs' panels load at the browser's first idle moment: one that never comes keeps
  // the notes unloaded until their tab is opened.
  await ivr.addInitScript(() => {
    window.requestIdleCallback = () => 0;
  });
  await ivr.reload({ waitUntil: 'commit' });
  await expect(ivr.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  await expect(ivr.getByRole('region', { name: 'Notes', includeHidden: true })).toHaveCount(0);

  await ivr.keyboard.press('Alt+KeyN');
  await expect(ivr.getByRole('tab', { name: 'Notes' })).toHaveAttribute('aria-selected', 'true');
  const textarea = ivr.getByRole('region', { name: 'Notes' }).getByTestId('note').getByRole('textbox');
  await expect(textarea).toHaveCount(1);
  await expect(textarea).toBeFocused();
});

test('the candidate estimates traffic and storage and puts the results on the whiteboard', async ({ signedIn }) => {
  journeyTakes(5);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  await interviewWithCandidate(interviewer.page, candidate.page);
  const cand = candidate.page;

  await cand.getByRole('tab', { name: 'Calculator' }).click();
  const calculator = cand.getByRole('region', { name: 'Estimation calculator' });
  await calculator.getByLabel('Daily active users').fill('10M');
  await calculator.getByLabel('Actions per user per day').fill('10');
  await calculator.getByLabel('Read:write ratio').fill('10:1');
  await calculator.getByLabel('Peak factor').fill('3');
  const traffic = calculator.getByTestId('traffic-results');
  await expect(traffic).toContainText('1.16 K/s');
  await expect(traffic).toContainText('≈ 1,157 QPS');
  await expect(traffic).toContainText('1.05 K/s / 105/s');
  await expect(traffic).toContainText('3.47 K/s');

  await calculator.getByLabel('Item size').fill('1 KB');
  await calculator.getByLabel('Items per day').fill('100M');
  await calculator.getByLabel('Retention (days)').fill('365');
  const storage = calculator.getByTestId('storage-results');
  await expect(storage).toContainText('100 GB');
  await expect(storage).toContainText('36.5 TB');

  // A typo is pointed out, and the section shows no result rather than a wrong one.
  await calculator.getByLabel('Peak factor').fill('0.5');
  await expect(calculator.getByText('1 or more')).toBeVisible();
  await expect(traffic).not.toContainText('K/s');
  await calculator.getByLabel('Peak factor').fill('3');

  const place = calculator.getByRole('button', { name: 'Place on whiteboard' });
  await expect(place).toBeEnabled({ timeout: 30_000 });
  await place.click();
  await expect(calculator.getByRole('status')).toHaveText('Placed on the whiteboard.');
  // On the canvas, as a text shape (tldraw renders a shape's text more than once).
  const canvas = cand.getByRole('region', { name: 'Whiteboard' }).getByTestId('canvas');
  await expect(canvas.getByText('Average: 1.16 K/s (reads 1.05 K/s, writes 105/s; R:W 10:1)').first()).toBeVisible();
  await expect(canvas.getByText('Kept 365 days: 36.5 TB').first()).toBeVisible();
});
