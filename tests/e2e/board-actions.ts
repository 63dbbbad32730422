import type { Locator, Page } from '@playwright/test';

/** Draws a rectangle with tldraw's rectangle tool (keyboard shortcut R) by dragging on the canvas. */
export async function drawRectangle(page: Page, x: number, y: number): Promise<void> {
  const canvas = page.locator('.tl-canvas');
  const box = (await canvas.boundingBox())!;
  // The system-design panel sits on the board's left edge while the board is editable: a drag
  // that starts on it adds a shape of its own, so the rectangle starts right of it.
  const panel = page.getByTestId('sd-panel');
  const panelBox = (await panel.isVisible()) ? await panel.boundingBox() : null;
  const left = panelBox ? panelBox.x + panelBox.width - box.x + 8 : 0;
  x = Math.max(x, left);
  // Focus the board on an empty spot clear of tldraw's menus and of the panel.
  await canvas.click({ position: { x: left + 24, y: 260 } });
  await page.keyboard.press('r');
  await page.mouse.move(box.x + x, box.y + y);
  await page.mouse.down();
  await page.mouse.move(box.x + x + 60, box.y + y + 40, { steps: 5 });
  await page.mouse.move(box.x + x + 120, box.y + y + 80, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.press('Escape');
}

/** The shapes on the page's board. */
export const shapesOn = (page: Page) => page.locator('.tl-shapes .tl-shape');

/**
 * Clicks a replay marker by its accessible name (exact, or a pattern): directly, or in its
 * group's list, which opens when the group is hovered.
 */
export async function jumpToMarker(replay: Locator, name: string | RegExp): Promise<void> {
  const exact = typeof name === 'string';
  const marker = replay.getByRole('button', { name, exact });
  if (!(await marker.isVisible())) {
    // Rooted at the page: a `has` locator is matched inside each group.
    const hidden = replay.page().getByRole('button', { name, exact, includeHidden: true });
    await replay.locator('.replay-group').filter({ has: hidden }).getByTestId('replay-marker-group').hover();
  }
  await marker.click();
}
