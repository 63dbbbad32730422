import type { Page } from '@playwright/test';
import { DIMENSION_IDS } from '@/lib/domain/rubric';
import { expect, journeyTakes, test } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

const PHONE_WIDTHS = [360, 390];

/** Nothing on the page is wider than the window (so nothing scrolls sideways). */
async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const extent = await page.evaluate(() => ({
    page: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
    window: window.innerWidth,
  }));
  expect(extent.page, `${what} at ${extent.window} px is ${extent.page} px wide`).toBeLessThanOrEqual(extent.window);
}

/** Opens each of `paths` (waiting for `ready`) and checks its width at each phone width. */
async function checkPages(page: Page, paths: string[], ready: (path: string) => Promise<void> = async () => undefined) {
  for (const path of paths) {
    await page.setViewportSize({ width: PHONE_WIDTHS[0]!, height: 800 });
    await page.goto(path);
    await expect(page.locator('main, .room').first()).toBeVisible();
    await ready(path);
    for (const width of PHONE_WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await expectNoSidewaysScroll(page, path);
    }
  }
}

test('at 360 and 390 px no page of the app is wider than the window, signed out and in, for both roles', async ({ signedIn, page, baseURL }) => {
  journeyTakes(40);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;

  // One interview that ends with a released scorecard, so that the review and the progress page
  // show their widest content (charts, tables, the replay).
  const { roomPath } = await interviewWithCandidate(ivr, cand);
  const interviewId = roomPath.split('/').at(-1)!;
  await expect(ivr.getByLabel('Invite link')).toHaveValue(/^http/);
  const invitePath = new URL(await ivr.getByLabel('Invite link').inputValue()).pathname;
  const waitForBoard = async (path: string) => {
    if (path.startsWith('/interviews/') && !path.endsWith('/new')) await expect(page.locator('.tl-canvas').or(page.locator('.replay'))).toBeVisible();
  };

  // Both rooms while the interview runs.
  await ivr.getByRole('button', { name: 'Start interview' }).click();
  await expect(cand.getByTestId('interview-status')).toHaveText('Live');
  for (const person of [ivr, cand]) {
    for (const width of PHONE_WIDTHS) {
      await person.setViewportSize({ width, height: 800 });
      await expect(person.locator('.tl-canvas')).toBeVisible();
      await expectNoSidewaysScroll(person, `the ${person === ivr ? "interviewer's" : "candidate's"} live room`);
    }
  }
  await ivr.setViewportSize({ width: 1280, height: 720 });
  ivr.once('dialog', (dialog) => void dialog.accept());
  await ivr.getByRole('button', { name: 'End interview' }).click();
  await expect(cand.getByTestId('interview-status')).toHaveText('Ended');
  const scored = await interviewer.context.request.post(`/api/interviews/${interviewId}/scorecards`, {
    headers: { Origin: baseURL! },
    data: {
      scores: Object.fromEntries(DIMENSION_IDS.map((id) => [id, { score: 3, comment: 'A long comment without spaces: '.padEnd(200, 'x') }])),
      levelEstimate: 'L4',
      recommendation: 'yes',
      summary: '',
    },
  });
  expect(scored.status(), await scored.text()).toBe(201);
  const fed = await candidate.context.request.post(`/api/interviews/${interviewId}/feedback`, {
    headers: { Origin: baseURL! },
    data: { clarity: 4, helpfulness: 4, fairness: 4, comment: '' },
  });
  expect(fed.status(), await fed.text()).toBe(201);

  // A prompt of the candidate's own, for its page and its edit form.
  const created = await candidate.context.request.post('/api/prompts', {
    headers: { Origin: baseURL! },
    data: {
      kind: 'concept',
      title: 'Explain write-ahead logging',
      statement: 'How does a write-ahead log make a database durable?',
      topics: ['database-locks'],
      difficulty: 2,
      minutes: 18,
      guide: {
        keyPoints: ['Log before data', 'fsync', 'Replay on start', 'Checkpoints', 'Torn pages'],
        followUps: ['Group commit?', 'Log shipping?', 'Log size?'],
        hints: ['Think of a crash.', 'What is fsynced?', 'What is replayed?'],
        l4Answer: 'Log first.',
        l5Answer: 'Log first, group commit, checkpoints.',
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const promptId = ((await created.json()) as { data: { id: string } }).data.id;

  const ended = [roomPath, `${roomPath}/review`];
  const signedInPages = ['/dashboard', '/progress', '/prompts', `/prompts/${promptId}`, `/prompts/${promptId}/edit`, '/prompts/new', '/settings', '/interviews/new', '/practice'];
  await test.step('the candidate', async () => {
    await checkPages(cand, [...signedInPages, ...ended], async (path) => {
      if (ended.includes(path)) await expect(cand.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });
    });
  });
  await test.step('the interviewer', async () => {
    await checkPages(ivr, [...ended, '/dashboard', invitePath], async (path) => {
      if (ended.includes(path)) await expect(ivr.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });
    });
  });
  await test.step('a visitor who is not signed in', async () => {
    await checkPages(page, ['/', '/sign-in', '/sign-up', invitePath, '/no-such-page'], waitForBoard);
  });
});

test('on a phone the navigation folds into a menu, and the room shows the board (to view and draw), the timer and the chat, with the other panels a tap away', async ({
  signedIn,
}) => {
  journeyTakes(12);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;
  await interviewWithCandidate(ivr, cand);

  await cand.setViewportSize({ width: 390, height: 844 });
  await cand.goto('/dashboard');
  const nav = cand.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Prompts' })).toBeHidden();
  await expect(cand.getByRole('button', { name: 'Sign out' })).toBeHidden();
  await cand.getByText('Menu', { exact: true }).click();
  await expect(cand.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await nav.getByRole('link', { name: 'Prompts' }).click();
  await expect(cand).toHaveURL(/\/prompts$/);
  // The menu closes on the way.
  await expect(cand.getByRole('button', { name: 'Sign out' })).toBeHidden();

  // The room in a fresh tab at phone size: the board, the timer and the chat at once.
  const phone = await candidate.context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(ivr.url());
  const board = phone.locator('.tl-canvas');
  await expect(board).toBeVisible({ timeout: 30_000 });
  await expect(board).toBeInViewport();
  await expect(phone.getByTestId('timer-remaining')).toBeInViewport();
  await expect(phone.getByLabel('Message')).toBeInViewport();
  await expect(phone.getByRole('tablist', { name: 'Room panels' }).getByRole('tab', { name: /^Chat/ })).toHaveAttribute('aria-selected', 'true');

  // Drawing works: a rectangle drawn on the phone reaches the interviewer's board.
  const box = (await board.boundingBox())!;
  await board.click({ position: { x: 30, y: box.height / 2 } });
  await phone.keyboard.press('r');
  await phone.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
  await phone.mouse.down();
  await phone.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.45, { steps: 5 });
  await phone.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.55, { steps: 5 });
  await phone.mouse.up();
  await expect(ivr.locator('.tl-shapes .tl-shape')).toHaveCount(1);

  // The other panels are one tap away.
  await phone.getByRole('tablist', { name: 'Room panels' }).getByRole('tab', { name: 'Prompt' }).click();
  await expect(phone.getByRole('region', { name: 'Prompt' })).toBeInViewport();
  await expectNoSidewaysScroll(phone, 'the room');
});
