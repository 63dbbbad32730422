import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { SD_SHAPES } from '@/lib/domain/system-design-shapes';
import { shapesOn } from './board-actions';
import { expect, journeyTakes, test } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

const BLOCKS = SD_SHAPES.filter((spec) => spec.shape !== 'frame');
const REGION = SD_SHAPES.find((spec) => spec.shape === 'frame')!;

/** Every block shows its icon once on the page's board, and the region frame its name. */
async function expectEveryShape(page: Page): Promise<void> {
  // A reloaded board on a machine busy with other work has taken over 30 s to load.
  await expect(shapesOn(page)).toHaveCount(SD_SHAPES.length, { timeout: 60_000 });
  for (const spec of BLOCKS) {
    await expect(page.locator(`.tl-shapes [data-sd-icon="${spec.kind}"]`), spec.kind).toHaveCount(1);
    await expect(page.locator('.tl-shapes').getByText(spec.label, { exact: true }), spec.kind).toHaveCount(1);
  }
  await expect(page.locator('.tl-frame-heading').getByText(REGION.label, { exact: true })).toHaveCount(1);
}

test('each system-design shape goes on the board by click, keyboard or drag; the other person sees it, after a reload and in the SVG export', async ({
  signedIn,
}) => {
  journeyTakes(20);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;
  const { roomPath } = await interviewWithCandidate(ivr, cand);
  for (const page of [ivr, cand]) await expect(page.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });

  const panel = ivr.getByRole('toolbar', { name: 'System design shapes' });
  const canvas = (await ivr.locator('.tl-canvas').boundingBox())!;
  // The load balancer is dragged onto the board, the client added from the keyboard, the rest clicked.
  await panel.getByRole('button', { name: 'Add Load balancer' }).dragTo(ivr.locator('.tl-canvas'), {
    targetPosition: { x: canvas.width - 160, y: canvas.height - 160 },
  });
  await expect(shapesOn(ivr)).toHaveCount(1);
  const dropped = (await ivr.locator('.tl-shapes [data-sd-icon="load-balancer"]').boundingBox())!;
  // Dropped where the pointer let go (the block is centred there), not in the middle of the view.
  expect(Math.abs(dropped.x + dropped.width / 2 - (canvas.x + canvas.width - 160))).toBeLessThan(40);
  await panel.getByRole('button', { name: 'Add Client' }).focus();
  await ivr.keyboard.press('Enter');
  await expect(shapesOn(ivr)).toHaveCount(2);
  for (const spec of SD_SHAPES) {
    if (spec.kind === 'load-balancer' || spec.kind === 'client') continue;
    await panel.getByRole('button', { name: `Add ${spec.label}` }).click();
  }
  await expectEveryShape(ivr);
  await expectEveryShape(cand);
  await expect(ivr.getByTestId('saved-indicator')).toHaveAttribute('data-state', 'saved');

  // The icons follow the theme: the candidate switches to dark and the icon's colour changes.
  const stroke = () => cand.locator('.tl-shapes [data-sd-icon="cache"]').getAttribute('stroke');
  const light = await stroke();
  await cand.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(stroke).not.toBe(light);

  await cand.reload({ waitUntil: 'commit' });
  await expectEveryShape(cand);

  // The SVG export of the replay draws each block with its icon and label.
  ivr.once('dialog', (dialog) => void dialog.accept());
  await ivr.getByRole('button', { name: 'End interview' }).click();
  await expect(ivr.getByTestId('interview-status')).toHaveText('Ended');
  // The panel is gone from the read-only board.
  await expect(panel).toHaveCount(0);
  await ivr.goto(`${roomPath}/review`);
  const replay = ivr.getByRole('region', { name: 'Whiteboard replay' });
  await expect(replay.getByTestId('replay-shape-count')).toHaveText(String(SD_SHAPES.length), { timeout: 30_000 });
  for (const spec of BLOCKS) await expect(ivr.locator(`.replay-board [data-sd-icon="${spec.kind}"]`), spec.kind).toHaveCount(1);
  const [file] = await Promise.all([ivr.waitForEvent('download'), replay.getByRole('button', { name: 'Download SVG' }).click()]);
  const svg = await readFile((await file.path())!, 'utf8');
  // (Booleans: a failure must not print the whole file, fonts included.)
  for (const spec of BLOCKS) {
    expect(svg.includes(`data-sd-icon="${spec.kind}"`), `${spec.kind} icon in the SVG`).toBe(true);
    expect(svg.includes(`>${spec.label}</p>`), `${spec.kind} label in the SVG`).toBe(true);
  }
  // tldraw writes a frame's name word by word.
  expect(/>Region<\/tspan>.*>availability<\/tspan>/.test(svg), 'the region frame and its name in the SVG').toBe(true);
});
