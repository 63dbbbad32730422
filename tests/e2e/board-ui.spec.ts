import type { Page } from '@playwright/test';
import { drawRectangle, shapesOn } from './board-actions';
import { expect, journeyTakes, test } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

type TBox = { x: number; y: number; width: number; height: number };
const overlaps = (a: TBox, b: TBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (inner: TBox, outer: TBox) =>
  inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;

/** A PNG made by the browser itself: `width` x `height` px of one colour. */
async function pngOf(page: Page, width: number, height: number): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ([w, h]) => {
      const canvas = document.createElement('canvas');
      canvas.width = w!;
      canvas.height = h!;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#3a7bd5';
      context.fillRect(0, 0, w!, h!);
      return canvas.toDataURL('image/png');
    },
    [width, height],
  );
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

test('an uploaded image lands in free space inside the view, at most about half its size, without covering a shape; so does the calculator text', async ({
  signedIn,
}) => {
  journeyTakes(12);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;
  await interviewWithCandidate(ivr, cand);
  const canvas = cand.locator('.tl-canvas');
  await expect(canvas).toBeVisible({ timeout: 30_000 });
  const view = (await canvas.boundingBox())!;

  // A shape right in the middle of the view, where tldraw used to drop everything.
  await drawRectangle(cand, view.width / 2 - 60, view.height / 2 - 40);
  await expect(shapesOn(cand)).toHaveCount(1);
  const rectangle = (await shapesOn(cand).first().boundingBox())!;

  // An image far bigger than the view, through the toolbar's upload button.
  const [chooser] = await Promise.all([cand.waitForEvent('filechooser'), cand.getByTestId('tools.asset').click()]);
  await chooser.setFiles({ name: 'diagram.png', mimeType: 'image/png', buffer: await pngOf(cand, 2400, 1600) });
  const image = cand.locator('.tl-shapes .tl-shape[data-shape-type="image"]');
  await expect(image).toHaveCount(1);
  await expect(image.locator('img')).toBeVisible();
  const placed = (await image.boundingBox())!;
  expect(inside(placed, view), `image ${JSON.stringify(placed)} inside the view ${JSON.stringify(view)}`).toBe(true);
  expect(overlaps(placed, rectangle), 'the image covers the rectangle').toBe(false);
  expect(placed.width).toBeLessThanOrEqual(view.width * 0.5 + 1);
  expect(placed.height).toBeLessThanOrEqual(view.height * 0.5 + 1);
  // The other person's board has it too, stored on the server (never inlined).
  await expect(ivr.locator('.tl-shapes .tl-shape[data-shape-type="image"] img')).toHaveAttribute('src', /\/api\/assets\//);

  // The calculator's text goes into free space as well.
  await cand.getByRole('tab', { name: 'Calculator' }).click();
  const calculator = cand.getByRole('region', { name: 'Estimation calculator' });
  await calculator.getByLabel('Item size').fill('1 KB');
  await calculator.getByLabel('Items per day').fill('100M');
  await calculator.getByLabel('Retention (days)').fill('365');
  await calculator.getByRole('button', { name: 'Place on whiteboard' }).click();
  const text = cand.locator('.tl-shapes .tl-shape[data-shape-type="text"]');
  await expect(text).toHaveCount(1);
  const textBox = (await text.boundingBox())!;
  expect(inside(textBox, view)).toBe(true);
  expect(overlaps(textBox, rectangle), 'the text covers the rectangle').toBe(false);
  expect(overlaps(textBox, placed), 'the text covers the image').toBe(false);
});

/** WCAG contrast ratio of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

test('the board follows the dark theme with tldraw’s own dark theme, and the "Read-only" badge is readable in both themes', async ({ signedIn }) => {
  journeyTakes(8);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;
  await cand.emulateMedia({ colorScheme: 'dark' });
  await ivr.emulateMedia({ colorScheme: 'light' });
  await interviewWithCandidate(ivr, cand);
  for (const page of [ivr, cand]) await expect(page.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });
  await expect(cand.locator('.tl-container')).toHaveClass(/tl-theme__dark/);
  await expect(ivr.locator('.tl-container')).toHaveClass(/tl-theme__light/);
  // The canvas itself is dark: tldraw's background, not a light board in a dark page.
  const background = await cand.locator('.tl-background').evaluate((node) => getComputedStyle(node).backgroundColor);
  expect(contrast(background, 'rgb(0, 0, 0)')).toBeLessThan(2);

  ivr.once('dialog', (dialog) => void dialog.accept());
  await ivr.getByRole('button', { name: 'End interview' }).click();
  for (const page of [ivr, cand]) {
    const badge = page.getByText('Read-only', { exact: true });
    await expect(badge).toBeVisible({ timeout: 15_000 });
    const colours = await badge.evaluate((node) => ({ color: getComputedStyle(node).color, background: getComputedStyle(node).backgroundColor }));
    expect(colours.background).not.toBe('rgba(0, 0, 0, 0)');
    expect(contrast(colours.color, colours.background)).toBeGreaterThanOrEqual(4.5);
  }
});
