import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { ZReferenceSessionFile } from '@/lib/domain/reference-session';
import { DIMENSION_IDS, RUBRIC_DIMENSIONS, SCORE_MEANINGS, type TScore } from '@/lib/domain/rubric';
import { shapesOn } from './board-actions';
import { expect, fixtureHeaders, test, journeyTakes } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

// After a session the candidate learns what a strong answer covered (once the scorecard is
// released) and what to practise next. The scorecard and the feedback go through the API routes
// their forms use (scorecard.spec.ts and feedback.spec.ts drive the forms).

async function post(context: BrowserContext, path: string, data: unknown): Promise<void> {
  const origin = new URL((context.pages()[0] ?? (await context.newPage())).url()).origin;
  const response = await context.request.post(path, { headers: fixtureHeaders(origin), data });
  expect(response.status(), await response.text()).toBe(201);
}

async function scoreAs(context: BrowserContext, interviewId: string, scores: readonly number[]): Promise<void> {
  await post(context, `/api/interviews/${interviewId}/scorecards`, {
    scores: Object.fromEntries(DIMENSION_IDS.map((id, i) => [id, { score: scores[i], comment: '' }])),
    levelEstimate: 'L4',
    recommendation: 'no',
    summary: '',
  });
}

async function feedbackAs(context: BrowserContext, interviewId: string): Promise<void> {
  await post(context, `/api/interviews/${interviewId}/feedback`, { clarity: 4, helpfulness: 4, fairness: 4, comment: '' });
}

/** Starts the interview, lets the interviewer tick key points `ticks` in the guide, ends it. */
async function playAndEnd(ivr: Page, cand: Page, ticks: readonly number[]): Promise<void> {
  await ivr.getByRole('button', { name: 'Start interview' }).click();
  await expect(cand.getByTestId('interview-status')).toHaveText('Live');
  const keyPoints = ivr.getByRole('region', { name: 'Key points' });
  for (const index of ticks) await keyPoints.getByRole('checkbox').nth(index).check();
  await expect(keyPoints.getByRole('heading')).toContainText(`${ticks.length} of`);
  ivr.once('dialog', (dialog) => void dialog.accept());
  await ivr.getByRole('button', { name: 'End interview' }).click();
  await expect(cand.getByTestId('interview-status')).toHaveText('Ended');
}

test('the candidate sees what a strong answer covered, with the key points the interviewer ticked, only once the scorecard is released', async ({ signedIn }) => {
  journeyTakes(8);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;

  const { roomPath } = await interviewWithCandidate(ivr, cand);
  const interviewId = roomPath.split('/').at(-1)!;
  // The key points' text, as the interviewer's guide shows them.
  const keyPointTexts = (await ivr.getByRole('region', { name: 'Key points' }).getByRole('listitem').allTextContents()).map((t) => t.trim());
  expect(keyPointTexts.length).toBeGreaterThanOrEqual(5);
  await playAndEnd(ivr, cand, [1, 3]);

  const answerKey = cand.getByRole('region', { name: 'What a strong answer covered' });
  await cand.goto(`${roomPath}/review`);
  await expect(answerKey.getByTestId('answer-key-held-back')).toBeVisible();
  await expect(answerKey.getByTestId('answer-key')).toHaveCount(0);

  // Scored, but the candidate's feedback is not in: still held back.
  await scoreAs(interviewer.context, interviewId, [3, 2, 3, 3, 2, 3]);
  await cand.reload({ waitUntil: 'commit' });
  await expect(answerKey.getByTestId('answer-key-held-back')).toBeVisible();
  await expect(cand.getByTestId('scorecard-held-back')).toBeVisible();
  for (const text of keyPointTexts) await expect(cand.getByText(text, { exact: false })).toHaveCount(0);

  // The feedback releases both.
  await feedbackAs(candidate.context, interviewId);
  await cand.reload({ waitUntil: 'commit' });
  await expect(cand.getByTestId('scorecard-held-back')).toHaveCount(0);
  const key = answerKey.getByTestId('answer-key');
  await expect(key.getByTestId('key-points-covered')).toHaveText(`The interviewer ticked 2 of ${keyPointTexts.length} as covered.`);
  const items = key.locator('li[data-covered]');
  await expect(items).toHaveCount(keyPointTexts.length);
  for (const [index, text] of keyPointTexts.entries()) {
    const isTicked = index === 1 || index === 3;
    await expect(items.nth(index)).toHaveAttribute('data-covered', String(isTicked));
    await expect(items.nth(index)).toContainText(`${isTicked ? 'Covered: ' : 'Not covered: '}${text}`);
  }
  for (const heading of ['Follow-up questions', 'Hint ladder', 'An answer that meets the L4 bar', 'An answer that meets the L5 bar']) {
    await expect(key.getByRole('heading', { name: heading })).toBeVisible();
  }
});

test('the progress page says what to practise next: a prompt not had, one click from a prefilled new interview and from the lobby', async ({ signedIn }) => {
  journeyTakes(8);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;

  const { roomPath } = await interviewWithCandidate(ivr, cand, { level: 'L5' });
  const interviewId = roomPath.split('/').at(-1)!;
  const hadTitle = (await cand.getByRole('heading', { level: 1 }).textContent())!.trim();
  await playAndEnd(ivr, cand, []);
  // Estimation is the weakest dimension (1), then communication (2).
  await scoreAs(interviewer.context, interviewId, [3, 1, 3, 3, 3, 2]);
  await feedbackAs(candidate.context, interviewId);

  await cand.goto('/progress');
  const next = cand.getByRole('region', { name: 'What to practise next' });
  const focuses = next.locator('[data-focus]');
  await expect(focuses.first()).toHaveAttribute('data-focus', 'dimension:estimation');
  await expect(focuses.nth(1)).toHaveAttribute('data-focus', 'dimension:communication');
  await expect(focuses.first().getByRole('heading')).toContainText('Estimation');
  const firstPrompt = focuses.first().getByRole('listitem').first();
  const title = (await firstPrompt.locator('span').first().textContent())!.trim();
  expect(title).not.toBe(hadTitle);
  await expect(next).not.toContainText(hadTitle);

  // "Find a partner": the lobby's form with the role, the level and the prompt's topics chosen.
  await firstPrompt.getByRole('link', { name: `Find a partner for ${title}` }).click();
  await expect(cand).toHaveURL(/\/practice\?role=candidate&level=L5&topics=/);
  const lobby = cand.getByRole('form', { name: 'Find a partner' });
  await expect(lobby.getByLabel('Candidate', { exact: true })).toBeChecked();
  await expect(lobby.getByLabel('L5 (senior)')).toBeChecked();
  const topicIds = new URL(cand.url()).searchParams.get('topics')!.split(',');
  expect(topicIds.length).toBeGreaterThan(0);
  await expect(lobby.getByRole('checkbox', { checked: true })).toHaveCount(topicIds.length);

  // "New interview": the form with that prompt and the level chosen; creating it opens the room on it.
  await cand.goBack();
  await next.getByRole('link', { name: `New interview: ${title}` }).first().click();
  await expect(cand).toHaveURL(/\/interviews\/new\?promptId=[^&]+&level=L5$/);
  const form = cand.getByRole('form', { name: 'New interview' });
  await expect(form.getByTestId('selected-prompt')).toContainText(title);
  await expect(form.getByLabel('L5 (senior)')).toBeChecked();
  await form.getByRole('button', { name: 'Create interview' }).click();
  await expect(cand).toHaveURL(/\/interviews\/[^/]+$/);
  await expect(cand.getByRole('heading', { level: 1 })).toHaveText(title);
});

test('an interviewer scores a reference session with the normal rubric and sees the gap per dimension with the rationale, and their calibration on their profile', async ({ signedIn }) => {
  journeyTakes(8);
  const { page } = await signedIn('ivr');
  const session = ZReferenceSessionFile.parse(JSON.parse(readFileSync('prisma/reference-sessions/rate-limiter-b.json', 'utf8')));

  await page.goto('/settings');
  await expect(page.getByTestId('calibration-profile')).toContainText('You have not scored a reference session yet.');
  await page.getByRole('link', { name: 'Score a reference session' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Calibration' })).toBeVisible();
  await page.getByRole('link', { name: session.title }).click();
  await expect(page.getByRole('heading', { level: 1, name: session.title })).toBeVisible();

  // The replay opens on the final board: every block the session put there and did not take away.
  const onBoard = new Set<string>();
  for (const step of session.board) {
    for (const id of step.remove) onBoard.delete(id);
    for (const block of step.add) onBoard.add(block.id);
  }
  await expect(page.getByRole('region', { name: 'Whiteboard replay' }).locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });
  await expect(shapesOn(page)).toHaveCount(onBoard.size);
  // Nothing of the reference before scoring.
  await expect(page.getByRole('region', { name: 'Your score against the reference' })).toHaveCount(0);
  await expect(page.getByText(session.reference.scores.estimation.rationale)).toHaveCount(0);

  // One point above the reference on the first three dimensions, equal on the rest: a mean gap of 0.50.
  const form = page.getByRole('form', { name: 'Scorecard' });
  const mine = DIMENSION_IDS.map((id, i) => Math.min(4, session.reference.scores[id].score + (i < 3 ? 1 : 0)) as TScore);
  const expectedGap = DIMENSION_IDS.reduce((sum, id, i) => sum + Math.abs(mine[i]! - session.reference.scores[id].score), 0) / DIMENSION_IDS.length;
  for (const [i, dimension] of RUBRIC_DIMENSIONS.entries()) {
    const score = mine[i]!;
    await form.getByRole('group', { name: dimension.label, exact: true }).getByRole('radio', { name: `${score} ${SCORE_MEANINGS[score].label}` }).check();
  }
  await form.getByRole('button', { name: 'Submit scorecard' }).click();

  const result = page.getByRole('region', { name: 'Your score against the reference' });
  await expect(result.getByTestId('calibration-gap')).toContainText(`Mean absolute gap ${expectedGap.toFixed(2)} over the six dimensions`);
  await expect(result.getByTestId('calibration-gap')).toContainText(`a ${session.band} L5 answer`);
  for (const [i, id] of DIMENSION_IDS.entries()) {
    const row = result.locator(`tr[data-dimension="${id}"]`);
    await expect(row).toHaveAttribute('data-gap', String(mine[i]! - session.reference.scores[id].score));
    await expect(row).toContainText(session.reference.scores[id].rationale);
  }

  await page.goto('/settings');
  await expect(page.getByTestId('calibration-profile')).toContainText(`Mean absolute gap to the reference scores: ${expectedGap.toFixed(2)} over 1 reference session.`);
});
