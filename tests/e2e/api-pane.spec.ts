import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, journeyTakes, test } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

/** Opens the room's "API & data" tab and answers its text area. */
async function openPane(page: Page) {
  await page.getByRole('tab', { name: 'API & data' }).click();
  const pane = page.getByRole('textbox', { name: /^API and data/ });
  await expect(pane).toBeEditable({ timeout: 30_000 });
  return pane;
}

test('the API and data pane: both people type at once and nothing is lost, it survives a reload and a server restart, takes the calculator\'s results, and is in the review and the JSON export', async ({
  signedIn,
  server,
}) => {
  journeyTakes(30);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;
  const { roomPath } = await interviewWithCandidate(ivr, cand);

  const ivrPane = await openPane(ivr);
  const candPane = await openPane(cand);

  await ivrPane.click();
  await ivr.keyboard.type('GET /v1/feed?cursor=\n');
  await expect(candPane).toHaveValue('GET /v1/feed?cursor=\n');
  await candPane.click();
  await cand.keyboard.press('ControlOrMeta+End');
  await cand.keyboard.type('posts(id PK, author_id, body)\n');
  await expect(ivrPane).toHaveValue('GET /v1/feed?cursor=\nposts(id PK, author_id, body)\n');

  // Both type at the same time, key by key, at the start and at the end: every keystroke of both arrives.
  await ivrPane.focus();
  await ivr.keyboard.press('ControlOrMeta+Home');
  await candPane.focus();
  await cand.keyboard.press('ControlOrMeta+End');
  await Promise.all([ivr.keyboard.type('# API\n', { delay: 30 }), cand.keyboard.type('10K QPS peak\n', { delay: 30 })]);
  const merged = '# API\nGET /v1/feed?cursor=\nposts(id PK, author_id, body)\n10K QPS peak\n';
  for (const pane of [ivrPane, candPane]) await expect(pane).toHaveValue(merged);
  await expect(ivr.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');

  await cand.reload({ waitUntil: 'commit' });
  await expect(await openPane(cand)).toHaveValue(merged);

  // A server restart: both pages reconnect by themselves and the pane is as it was; an edit made
  // after it reaches the other person.
  expect(await server.stop()).toBe(0);
  await server.start();
  for (const page of [ivr, cand]) await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  for (const pane of [ivrPane, candPane]) await expect(pane).toHaveValue(merged);
  await ivrPane.click();
  await ivr.keyboard.press('ControlOrMeta+End');
  await ivr.keyboard.type('p99 < 200 ms\n');
  const restarted = `${merged}p99 < 200 ms\n`;
  await expect(candPane).toHaveValue(restarted, { timeout: 20_000 });
  await cand.reload({ waitUntil: 'commit' });
  await expect(await openPane(cand)).toHaveValue(restarted);

  // The candidate's calculator adds its results to the pane.
  await cand.getByRole('tab', { name: 'Calculator' }).click();
  const calculator = cand.getByRole('region', { name: 'Estimation calculator' });
  await calculator.getByLabel('Daily active users').fill('10M');
  await calculator.getByLabel('Actions per user per day').fill('10');
  await calculator.getByLabel('Read:write ratio').fill('10:1');
  await calculator.getByLabel('Peak factor').fill('3');
  await calculator.getByRole('button', { name: 'Add to API & data' }).click();
  await expect(calculator.getByRole('status')).toHaveText('Added to API & data.');
  // After what was there, as a paragraph of its own, on the other person's screen too.
  await expect.poll(() => ivrPane.inputValue()).toMatch(/^# API\n[^]*p99 < 200 ms\n\nTraffic: 10 M DAU[^]*\nAverage: /);
  const final = await ivrPane.inputValue();

  ivr.once('dialog', (dialog) => void dialog.accept());
  await ivr.getByRole('button', { name: 'End interview' }).click();
  await expect(ivrPane).not.toBeEditable({ timeout: 15_000 });

  // The review shows the pane as it stood at the moment replayed (the end), and the export holds it.
  await cand.goto(`${roomPath}/review`);
  await expect(cand.getByTestId('replay-pane')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => cand.getByTestId('replay-pane').textContent()).toBe(final);
  const [file] = await Promise.all([cand.waitForEvent('download'), cand.getByRole('link', { name: 'Download session (JSON)' }).click()]);
  const session = JSON.parse(await readFile((await file.path())!, 'utf8')) as { apiPane: { text: string } };
  expect(session.apiPane.text).toBe(final);
});
