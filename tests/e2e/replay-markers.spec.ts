import { IDLE_MIN_MS } from '@/lib/domain/replay-timeline';
import { drawRectangle, jumpToMarker as jumpTo } from './board-actions';
import { expect, journeyTakes, test } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

type TBox = { x: number; y: number; width: number; height: number };
const overlaps = (a: TBox, b: TBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** "Jump to Hint 1 at 0:05" → "0:05". */
const timeOf = (label: string) => /at (\d+:\d\d)$/.exec(label)?.[1] ?? '';

/** "0:47 / 0:52" → [47, 52]. */
function secondsOf(text: string): [number, number] {
  const [at, total] = text.split(' / ').map((part) => {
    const [m, s] = part.trim().split(':').map(Number);
    return (m ?? Number.NaN) * 60 + (s ?? Number.NaN);
  });
  return [at ?? Number.NaN, total ?? Number.NaN];
}

test('a session with five events and a long quiet stretch: every replay marker is readable and clickable, playback starts at the start and skips the idle stretch', async ({
  signedIn,
}) => {
  // About 40 s of the journey are the session itself.
  journeyTakes(60);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;
  await interviewWithCandidate(ivr, cand);
  await expect(ivr.locator('.tl-canvas')).toBeVisible({ timeout: 30_000 });
  // The room exists for a while before the start: the replay must not begin here.
  await ivr.waitForTimeout(4_000);

  // Five events within seconds: the start (phase 1), phase 2, a hint, a note... and, after a quiet
  // stretch longer than the idle rule's, the end.
  const startClicked = Date.now();
  await ivr.getByRole('button', { name: 'Start interview' }).click();
  await expect(cand.getByTestId('interview-status')).toHaveText('Live');
  const liveSeen = Date.now();
  await drawRectangle(ivr, 150, 120);
  await ivr.getByRole('button', { name: 'Next phase' }).click();
  await expect(ivr.getByTestId('timer-phase')).toContainText('2/');
  await ivr.getByRole('region', { name: 'Hint ladder' }).getByRole('button', { name: 'Reveal hint 1 to candidate' }).click();
  await expect(cand.getByTestId('revealed-hints')).toHaveCount(1);
  await ivr.keyboard.press('Alt+KeyN');
  await ivr.keyboard.type('Asked about the read path first.');
  await expect(ivr.getByTestId('note-status')).toHaveText('Saved');
  // Nothing happens for a while: the stretch from the note to the end is idle. (The replay's idle
  // rule is about the session's own time, which the server stamps, so this wait is real time.)
  await ivr.waitForTimeout(IDLE_MIN_MS + 5_000);
  ivr.once('dialog', (dialog) => void dialog.accept());
  const endClicked = Date.now();
  await ivr.getByRole('button', { name: 'End interview' }).click();
  await expect(cand.getByTestId('interview-status')).toHaveText('Ended');
  const endedSeen = Date.now();

  await ivr.goto(`${new URL(ivr.url()).pathname}/review`);
  const replay = ivr.getByRole('region', { name: 'Whiteboard replay' });
  await expect(replay.getByTestId('replay-shape-count')).toHaveText('1', { timeout: 30_000 });
  // From the start to the end, not counting the wait before the start: the server stamped the start
  // between the click and the candidate seeing it, and the end likewise (±1 s for rounding).
  await expect(replay.getByTestId('replay-time')).toHaveText(/^\d+:\d\d \/ \d+:\d\d$/);
  const [openedAt, total] = secondsOf(await replay.getByTestId('replay-time').innerText());
  expect(openedAt).toBe(total);
  expect(total).toBeGreaterThanOrEqual(Math.floor((endClicked - liveSeen) / 1000) - 1);
  expect(total).toBeLessThanOrEqual(Math.ceil((endedSeen - startClicked) / 1000) + 1);

  const names = await replay
    .getByTestId('replay-marker')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label') ?? ''));
  expect(names.map((name) => name.replace(/ at .*$/, ''))).toEqual(['Jump to Phase 1', 'Jump to Phase 2', 'Jump to Hint 1', 'Jump to Note', 'Jump to End']);
  // Phase 1 is the start itself.
  expect(timeOf(names[0]!)).toBe('0:00');

  // On a laptop and on a phone (where the first events are too close to be shown apart and
  // become a group): the buttons on the track never overlap, and every marker is one click (or a
  // hover and a click) away and lands on its moment.
  for (const width of [1280, 390]) {
    await ivr.setViewportSize({ width, height: 800 });
    const shown = replay.getByTestId('replay-markers').locator(':scope > button, :scope > .replay-group > button');
    const boxes = await Promise.all((await shown.all()).map(async (button) => (await button.boundingBox())!));
    for (let i = 0; i < boxes.length; i += 1) for (let j = i + 1; j < boxes.length; j += 1) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    const track = (await replay.getByTestId('replay-markers').boundingBox())!;
    for (const box of boxes) expect(box.x >= track.x - 1 && box.x + box.width <= track.x + track.width + 1).toBe(true);
    if (width === 390) expect(await replay.getByTestId('replay-marker-group').count()).toBeGreaterThan(0);
    for (const name of names) {
      await jumpTo(replay, name);
      await expect(replay.getByTestId('replay-time')).toHaveText(new RegExp(`^${timeOf(name)} /`));
    }
  }
  await ivr.setViewportSize({ width: 1280, height: 720 });

  // Playing from inside the long idle stretch jumps to its end (the idle rule stops 2 s before the
  // next event) instead of playing the quiet stretch second by second, which would take over 30 s.
  await expect(replay.getByLabel('Skip idle stretches')).toBeChecked();
  await jumpTo(replay, names[3]!);
  await replay.getByRole('slider', { name: 'Replay position' }).press('ArrowRight');
  await replay.getByTestId('replay-play').click();
  await expect.poll(async () => secondsOf(await replay.getByTestId('replay-time').innerText())[0], { timeout: 10_000 }).toBeGreaterThanOrEqual(total - 5);
});
