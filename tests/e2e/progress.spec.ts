import { DIMENSION_IDS, RUBRIC_DIMENSIONS } from '@/lib/domain/rubric';
import { expect, test, journeyTakes } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

// Scores in rubric order; the scoring form has its own e2e test (scorecard.spec.ts), so the
// scorecard and the feedback go through the same API routes the forms use.
const SCORES = [3, 2, 4, 3, 1, 3];

test('after scoring and feedback, the candidate reaches their progress from the navigation: a chart per dimension in either theme, the topic table, a link to the review', async ({
  signedIn,
  baseURL,
}) => {
  journeyTakes(7);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;

  const { roomPath } = await interviewWithCandidate(ivr, cand);
  const interviewId = roomPath.split('/').at(-1)!;
  await ivr.getByRole('button', { name: 'Start interview' }).click();
  await expect(cand.getByTestId('interview-status')).toHaveText('Live');
  ivr.once('dialog', (dialog) => void dialog.accept());
  await ivr.getByRole('button', { name: 'End interview' }).click();
  await expect(cand.getByTestId('interview-status')).toHaveText('Ended');

  // Nothing yet: the interviewer has not scored.
  await cand.goto('/dashboard');
  await cand.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Progress' }).click();
  await expect(cand.getByRole('heading', { level: 1, name: 'Your progress' })).toBeVisible();
  await expect(cand.getByRole('heading', { name: 'No scored interviews yet' })).toBeVisible();

  const scored = await interviewer.context.request.post(`/api/interviews/${interviewId}/scorecards`, {
    headers: { Origin: baseURL! },
    data: {
      scores: Object.fromEntries(DIMENSION_IDS.map((id, i) => [id, { score: SCORES[i], comment: '' }])),
      levelEstimate: 'L4',
      recommendation: 'no',
      summary: '',
    },
  });
  expect(scored.status(), await scored.text()).toBe(201);
  // Still held back until the candidate's feedback is in (blind release).
  await cand.reload({ waitUntil: 'commit' });
  await expect(cand.getByRole('heading', { name: 'No scored interviews yet' })).toBeVisible();
  const fed = await candidate.context.request.post(`/api/interviews/${interviewId}/feedback`, {
    headers: { Origin: baseURL! },
    data: { clarity: 4, helpfulness: 4, fairness: 4, comment: '' },
  });
  expect(fed.status(), await fed.text()).toBe(201);

  await cand.goto('/dashboard');
  await cand.getByRole('link', { name: 'Your progress' }).click();
  await expect(cand).toHaveURL(/\/progress$/);
  const charts = cand.getByRole('img', { name: /: 1 interview, on / });
  await expect(charts).toHaveCount(RUBRIC_DIMENSIONS.length);
  for (const [i, dimension] of RUBRIC_DIMENSIONS.entries()) {
    await expect(cand.getByRole('img', { name: new RegExp(`^${dimension.label}: 1 interview, on .+\\. Latest ${SCORES[i]} `) })).toBeVisible();
  }
  const topics = cand.getByTestId('topic-table');
  // One row per topic of the prompt, each with this interview's mean score (16 / 6).
  const topicRows = topics.locator('tbody tr');
  await expect(topicRows.first()).toBeVisible();
  const topicCount = await topicRows.count();
  await expect(topicRows.locator('td:nth-of-type(2)')).toHaveText(Array.from({ length: topicCount }, () => '2.67'));

  // The chart's colours follow the theme (CSS variables of globals.css).
  const point = cand.getByTestId('chart-requirements').locator('circle').first();
  await cand.emulateMedia({ colorScheme: 'light' });
  const light = await point.evaluate((el) => getComputedStyle(el).fill);
  await cand.emulateMedia({ colorScheme: 'dark' });
  const dark = await point.evaluate((el) => getComputedStyle(el).fill);
  expect(light).toBe('rgb(37, 83, 217)');
  expect(dark).toBe('rgb(124, 156, 255)');

  // Every chart links to the scores table, and each interview to its review.
  await cand.getByTestId('chart-estimation').getByRole('link', { name: 'Scores as a table' }).click();
  const table = cand.getByTestId('progress-interviews');
  await expect(table.getByRole('row')).toHaveCount(2);
  await table.getByRole('link').first().click();
  await expect(cand).toHaveURL(new RegExp(`/interviews/${interviewId}/review$`));
  await expect(cand.getByRole('region', { name: 'Scorecard' })).toBeVisible();
});

test('two interviews on one day carry distinct date labels on the progress chart and in its table', async ({ signedIn, baseURL }) => {
  journeyTakes(12);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;

  for (const score of [2, 3]) {
    const { roomPath } = await interviewWithCandidate(ivr, cand);
    const interviewId = roomPath.split('/').at(-1)!;
    await ivr.getByRole('button', { name: 'Start interview' }).click();
    await expect(cand.getByTestId('interview-status')).toHaveText('Live');
    ivr.once('dialog', (dialog) => void dialog.accept());
    await ivr.getByRole('button', { name: 'End interview' }).click();
    await expect(cand.getByTestId('interview-status')).toHaveText('Ended');
    const scored = await interviewer.context.request.post(`/api/interviews/${interviewId}/scorecards`, {
      headers: { Origin: baseURL! },
      data: { scores: Object.fromEntries(DIMENSION_IDS.map((id) => [id, { score, comment: '' }])), levelEstimate: 'L4', recommendation: 'no', summary: '' },
    });
    expect(scored.status(), await scored.text()).toBe(201);
    const fed = await candidate.context.request.post(`/api/interviews/${interviewId}/feedback`, {
      headers: { Origin: baseURL! },
      data: { clarity: 4, helpfulness: 4, fairness: 4, comment: '' },
    });
    expect(fed.status(), await fed.text()).toBe(201);
  }

  await cand.goto('/progress');
  const chart = cand.getByTestId('chart-requirements');
  const axis = await chart.locator('svg > text').allTextContents();
  const [first, last] = axis.slice(-2);
  // The same day (unless midnight passed in between), told apart by the time.
  expect(first).not.toBe(last);
  const points = await chart.locator('circle title').allTextContents();
  expect(new Set(points.map((text) => text.split(' · ')[1])).size).toBe(2);
  const ended = await cand.getByTestId('progress-interviews').locator('tbody tr td:first-of-type').allTextContents();
  expect(ended).toHaveLength(2);
  expect(ended[0]).not.toBe(ended[1]);
});
