import type { Page } from '@playwright/test';
import { expect, journeyTakes, test } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

/** The page's own scroll extent against the window: the room must not scroll the page at all. */
const pageExtent = (page: Page) =>
  page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    scrollHeight: document.documentElement.scrollHeight,
    innerWidth: window.innerWidth,
    innerHeight: window.innerHeight,
  }));

const tab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Room panels' }).getByRole('tab', { name: new RegExp(`^${name}`) });

test('at 1280x720 both rooms fit the window with the board taking most of it; guide, notes, chat and invite are one click or one key away, and stay chosen across a reload', async ({
  signedIn,
}) => {
  journeyTakes(12);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;
  for (const page of [ivr, cand]) await page.setViewportSize({ width: 1280, height: 720 });
  await interviewWithCandidate(ivr, cand);

  for (const page of [ivr, cand]) {
    await expect(page.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });
    const extent = await pageExtent(page);
    expect(extent.scrollHeight).toBeLessThanOrEqual(extent.innerHeight);
    expect(extent.scrollWidth).toBeLessThanOrEqual(extent.innerWidth);
    const board = (await page.getByRole('region', { name: 'Whiteboard' }).boundingBox())!;
    expect(board.width).toBeGreaterThan(1280 * 0.6);
    // The room header stays on one line: the board starts right under it.
    expect(board.y).toBeLessThan(130);
  }

  // Every tab is shown whole, none cut off at the window's edge or hidden in a scrolled strip.
  for (const page of [ivr, cand]) {
    const list = (await page.getByRole('tablist', { name: 'Room panels' }).boundingBox())!;
    const tabs = page.getByRole('tablist', { name: 'Room panels' }).getByRole('tab');
    expect(await tabs.count()).toBeGreaterThanOrEqual(5);
    for (const one of await tabs.all()) {
      const box = (await one.boundingBox())!;
      expect(box.x, await one.innerText()).toBeGreaterThanOrEqual(list.x - 0.5);
      expect(box.x + box.width, await one.innerText()).toBeLessThanOrEqual(Math.min(list.x + list.width, 1280) + 0.5);
    }
  }

  // The interviewer: each panel one click away, shown inside the window.
  await expect(ivr.getByRole('region', { name: 'Key points' })).toBeInViewport();
  await tab(ivr, 'Chat').click();
  await expect(ivr.getByLabel('Message')).toBeInViewport();
  await tab(ivr, 'Invite').click();
  await expect(ivr.getByLabel('Invite link')).toBeInViewport();
  await expect(ivr.getByTestId('participants')).toBeInViewport();
  await expect(ivr.getByRole('region', { name: 'Call link' })).toBeInViewport();
  await tab(ivr, 'Notes').click();
  await expect(ivr.getByRole('button', { name: 'Add note' })).toBeInViewport();
  await tab(ivr, 'Guide').click();
  await expect(ivr.getByRole('region', { name: 'Hint ladder' })).toBeVisible();

  // ...or one key away: Alt+3 is the third tab; arrow keys move along the tab list.
  await ivr.keyboard.press('Alt+Digit3');
  await expect(tab(ivr, 'Chat')).toHaveAttribute('aria-selected', 'true');
  await expect(tab(ivr, 'Chat')).toBeFocused();
  await ivr.keyboard.press('ArrowRight');
  await expect(tab(ivr, 'Invite')).toHaveAttribute('aria-selected', 'true');
  await expect(ivr.getByLabel('Invite link')).toBeInViewport();
  await ivr.keyboard.press('Home');
  await expect(tab(ivr, 'Guide')).toHaveAttribute('aria-selected', 'true');

  // The candidate: prompt, calculator, chat and people.
  await expect(cand.getByRole('region', { name: 'Prompt' })).toBeInViewport();
  await tab(cand, 'Chat').click();
  await expect(cand.getByLabel('Message')).toBeInViewport();
  await tab(cand, 'Calculator').click();
  await expect(cand.getByLabel('Daily active users')).toBeInViewport();
  await tab(cand, 'People').click();
  await expect(cand.getByTestId('participants')).toBeInViewport();

  // The chosen tab, and where its panel was scrolled, survive a reload.
  await tab(ivr, 'Invite').click();
  await ivr.reload({ waitUntil: 'commit' });
  await expect(tab(ivr, 'Invite')).toHaveAttribute('aria-selected', 'true');
  await expect(ivr.getByLabel('Invite link')).toBeInViewport();
  await tab(ivr, 'Guide').click();
  const guidePanel = ivr.getByRole('tabpanel', { name: 'Guide' });
  await guidePanel.evaluate((node) => node.scrollTo({ top: 400 }));
  await expect.poll(() => guidePanel.evaluate((node) => node.scrollTop)).toBe(400);
  await ivr.reload({ waitUntil: 'commit' });
  await expect.poll(() => ivr.getByRole('tabpanel', { name: 'Guide' }).evaluate((node) => node.scrollTop)).toBe(400);
});

test('new chat messages show an unread count on the chat tab and in the page title until the chat is opened', async ({ signedIn }) => {
  journeyTakes(10);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;
  await interviewWithCandidate(ivr, cand);

  await tab(ivr, 'Chat').click();
  await expect(tab(cand, 'Prompt')).toHaveAttribute('aria-selected', 'true');
  await expect(cand).toHaveTitle(/^Interview room/);

  for (const text of ['Welcome!', 'Start whenever you are ready.']) {
    await ivr.getByLabel('Message').fill(text);
    await ivr.getByLabel('Message').press('Enter');
    await expect(ivr.getByTestId('chat-messages')).toContainText(text);
  }
  await expect(cand.getByTestId('tab-badge-chat')).toHaveText('2 unread');
  await expect(tab(cand, 'Chat')).toHaveAccessibleName('Chat 2 unread');
  await expect(cand).toHaveTitle(/^\(2\) Interview room/);
  // The sender's own tab counts nothing: their chat is open, and their messages are theirs.
  await expect(ivr.getByTestId('tab-badge-chat')).toHaveCount(0);

  // Still unread after a reload; read once the chat is shown.
  await cand.reload({ waitUntil: 'commit' });
  await expect(cand.getByTestId('tab-badge-chat')).toHaveText('2 unread');
  await tab(cand, 'Chat').click();
  await expect(cand.getByTestId('chat-messages')).toContainText('Start whenever you are ready.');
  await expect(cand.getByTestId('tab-badge-chat')).toHaveCount(0);
  await expect(cand).toHaveTitle(/^Interview room/);

  // The candidate's own messages never count for themselves; the interviewer's hidden chat counts them.
  await tab(ivr, 'Guide').click();
  await cand.getByLabel('Message').fill('Thanks, starting with requirements.');
  await cand.getByLabel('Message').press('Enter');
  await expect(ivr.getByTestId('tab-badge-chat')).toHaveText('1 unread');
  await expect(ivr).toHaveTitle(/^\(1\) /);
  await expect(cand.getByTestId('tab-badge-chat')).toHaveCount(0);
});
