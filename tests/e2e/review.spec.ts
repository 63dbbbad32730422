import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { drawRectangle, jumpToMarker, shapesOn } from './board-actions';
import { expect, test, journeyTakes } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

const DIMENSIONS = ['Requirements and scoping', 'Estimation', 'High-level design', 'Deep dive and trade-offs', 'Scalability and reliability', 'Communication and leadership'];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The ids of the shapes on the page's board (tldraw renders `data-shape-id` on each shape). */
async function shapeIds(page: Page): Promise<string[]> {
  const ids = await page.locator('.tl-shapes .tl-shape[data-shape-id]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-shape-id') ?? ''));
  return ids.sort();
}

/** Clicks what starts a download and returns the file's name and bytes. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path!) };
}

/** Downloads the replay's SVG export and counts its shapes (tldraw writes one top-level <g> per shape). */
async function svgShapeCount(page: Page, replay: Locator): Promise<number> {
  const svg = await download(page, () => replay.getByRole('button', { name: 'Download SVG' }).click());
  expect(svg.name).toMatch(/^mockroom-.+-board-.+\.svg$/);
  const text = svg.bytes.toString('utf8');
  expect(text).toMatch(/^<svg[\s>]/);
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    if (doc.querySelector('parsererror')) throw new Error('The SVG export does not parse.');
    return doc.querySelectorAll(':root > g[transform]').length;
  }, text);
}

/** RFC 4180 fields of a CSV without quoted line breaks (enough for the rows this test writes). */
function csvRows(text: string): string[][] {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => m[1]!.replace(/^"|"$/g, '').replace(/""/g, '"')));
}

test('a whole interview with strokes in two phases, then the review as both people: scorecard, replay at a marker, four exports', async ({
  signedIn,
}) => {
  journeyTakes(14);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;

  await interviewWithCandidate(ivr, cand);
  for (const page of [ivr, cand]) await expect(page.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });

  // Phase 1: the interviewer draws. What both saw when phase 2 began is what the replay must show there.
  await ivr.getByRole('button', { name: 'Start interview' }).click();
  await drawRectangle(ivr, 150, 120);
  await expect(ivr.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');
  await expect(shapesOn(cand)).toHaveCount(1);
  const liveAtPhase2 = await shapeIds(cand);
  expect(liveAtPhase2).toEqual(await shapeIds(ivr));
  await ivr.getByRole('button', { name: 'Next' }).click();
  await expect(cand.getByTestId('timer-phase')).toContainText('2/');

  // Phase 2: the candidate draws, more than a writer cycle later (a separate moment on the timeline).
  await ivr.waitForTimeout(1500);
  await drawRectangle(cand, 420, 260);
  await expect(cand.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');
  await expect(shapesOn(ivr)).toHaveCount(2);
  const liveAtEnd = await shapeIds(ivr);
  ivr.once('dialog', (dialog) => void dialog.accept());
  await ivr.getByRole('button', { name: 'End interview' }).click();
  await expect(cand.getByTestId('interview-status')).toHaveText('Ended');

  // Both sides submit: the scorecard and the feedback are released to each other.
  await ivr.getByRole('button', { name: 'Score', exact: true }).click();
  const scoring = ivr.getByRole('dialog', { name: /^Scorecard/ });
  for (const [i, name] of DIMENSIONS.entries()) {
    const label = i % 2 === 0 ? '3 Meets the bar' : '2 Below the bar';
    await scoring.getByRole('group', { name, exact: true }).getByRole('radio', { name: label }).check();
  }
  await scoring.getByRole('button', { name: 'Submit scorecard' }).click();
  await expect(scoring.getByRole('status')).toHaveText('Scorecard v1 submitted.');
  await scoring.getByRole('button', { name: 'Close', exact: true }).click();
  const feedbackForm = cand.getByRole('form', { name: 'Feedback on the interviewer' });
  for (const name of ['Clarity', 'Helpfulness', 'Fairness']) {
    await feedbackForm.getByRole('group', { name }).getByRole('radio', { name: '4 Very good' }).check();
  }
  await feedbackForm.getByRole('button', { name: 'Submit feedback' }).click();
  await expect(cand.getByRole('region', { name: 'Feedback on the interviewer' }).getByRole('status')).toHaveText('Thanks — submitted');

  for (const [who, page] of [['interviewer', ivr], ['candidate', cand]] as const) {
    await test.step(`the review, as the ${who}`, async () => {
      await page.getByRole('link', { name: 'Review' }).first().click();
      await expect(page).toHaveURL(/\/review$/);

      const scorecard = page.getByRole('region', { name: 'Scorecard' });
      await expect(scorecard).toContainText('Requirements and scoping');
      await expect(scorecard).toContainText('Meets the bar');

      // The replay opens on the final board: the shapes that were live at the end.
      const replay = page.getByRole('region', { name: 'Whiteboard replay' });
      await expect(replay.getByTestId('replay-markers').locator('button').first()).toBeVisible({ timeout: 30_000 });
      await expect(replay.getByTestId('replay-shape-count')).toHaveText('2');
      await expect.poll(() => shapeIds(page)).toEqual(liveAtEnd);

      // The phase-2 marker: fewer shapes, and exactly the ones that were live then.
      await jumpToMarker(replay, /^Jump to Phase 2/);
      await expect(replay.getByTestId('replay-shape-count')).toHaveText('1');
      await expect.poll(() => shapeIds(page)).toEqual(liveAtPhase2);

      // Images of the board as shown, made by tldraw in the browser: one shape at this marker…
      expect(await svgShapeCount(page, replay)).toBe(1);
      // …and both at the end.
      await jumpToMarker(replay, /^Jump to End/);
      await expect(replay.getByTestId('replay-shape-count')).toHaveText('2');
      expect(await svgShapeCount(page, replay)).toBe(2);
      const png = await download(page, () => replay.getByRole('button', { name: 'Download PNG' }).click());
      expect(png.name).toMatch(/^mockroom-.+-board-.+\.png$/);
      expect(png.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(png.bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
      expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(100); // width

      // The whole session as JSON and the user's scorecards as CSV, filtered per viewer.
      const json = await download(page, () => page.getByRole('link', { name: 'Download session (JSON)' }).click());
      const session = JSON.parse(json.bytes.toString('utf8')) as Record<string, unknown>;
      expect(session).toMatchObject({
        format: 'mockroom-session',
        viewer: { role: who },
        prompt: { title: expect.any(String) },
        interview: { participants: expect.any(Array) },
        scorecard: { version: 1 },
        isReleased: true,
      });
      const csv = await download(page, () => page.getByRole('link', { name: 'Download my scorecards (CSV)' }).click());
      const [header, ...rows] = csvRows(csv.bytes.toString('utf8'));
      expect(header).toEqual(expect.arrayContaining(['interview_id', 'prompt', 'role', 'score_requirements', 'level_estimate', 'recommendation']));
      expect(rows).toHaveLength(1);
      const row = Object.fromEntries(header!.map((name, i) => [name, rows[0]![i]]));
      expect(row).toMatchObject({ role: who, score_requirements: '3' });
      // The app's words, not the stored codes; the comments are there too.
      expect(row.recommendation).toMatch(/^(Strong )?(no )?hire$/i);
      expect(header).toEqual(expect.arrayContaining(['comment_requirements', 'summary']));
    });
  }
});
