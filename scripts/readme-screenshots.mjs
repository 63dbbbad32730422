// The README's screenshots of both roles' rooms at 1280x720, in the light theme:
//   npm run build && npm start            (or any running mockroom, e.g. with PORT=3102)
//   BASE=http://localhost:3000 node scripts/readme-screenshots.mjs
// Signs up two fresh users, runs a short interview (a sketch on the board, a revealed hint, a
// few chat messages) and writes docs/screenshots/room-{interviewer,candidate}-1280x720.png.
import { chromium } from '@playwright/test';
import { existsSync } from 'node:fs';

const BASE = process.env.BASE ?? 'http://localhost:3000';
const OUT = process.env.OUT ?? 'docs/screenshots';
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
async function person(name, email) {
  const ctx = await browser.newContext({ baseURL: BASE, viewport: { width: 1280, height: 720 }, colorScheme: 'light' });
  const user = { name, email, password: `pw-${Math.random().toString(36).slice(2)}-long` };
  const r = await ctx.request.post('/api/signup', { data: user, headers: { Origin: BASE } });
  if (r.status() !== 201) throw new Error(await r.text());
  const csrf = await (await ctx.request.get('/api/auth/csrf')).json();
  await ctx.request.post('/api/auth/callback/credentials', { form: { csrfToken: csrf.csrfToken, email: user.email, password: user.password }, maxRedirects: 0 });
  const page = await ctx.newPage();
  page.setDefaultTimeout(120_000);
  return { ctx, page };
}
const tag = Math.random().toString(36).slice(2, 6);
const ivr = await person('Ada Lovelace', `ada-${tag}@example.test`);
const cand = await person('Grace Hopper', `grace-${tag}@example.test`);
const list = await (await ivr.ctx.request.get('/api/prompts?q=rate+limiter')).json();
const prompt = list.data.items[0];
const { data } = await (await ivr.ctx.request.post('/api/interviews', { data: { promptId: prompt.id, level: 'L5' }, headers: { Origin: BASE } })).json();
const room = `/interviews/${data.id}`;
await ivr.page.goto(room);
const invite = ivr.page.getByLabel('Invite link');
await invite.waitFor({ state: 'attached' });
let token = '';
for (let i = 0; i < 50 && !/[A-Za-z0-9_-]{43}$/.test(token); i++) {
  token = (await invite.inputValue()).split('/').at(-1);
  await ivr.page.waitForTimeout(200);
}
await cand.ctx.request.post(`/api/invites/${token}/accept`, { headers: { Origin: BASE }, data: {} });
await cand.page.goto(room);
for (const p of [ivr.page, cand.page]) await p.locator('.tl-canvas').waitFor();
await ivr.page.getByRole('button', { name: 'Start interview' }).click();
await cand.page.getByTestId('interview-status').getByText('Live').waitFor();

/** A labelled rectangle drawn with tldraw's tools, as a person would. */
async function rect(page, x, y, w, h, label) {
  const box = await page.locator('.tl-canvas').boundingBox();
  await page.locator('.tl-canvas').click({ position: { x: 40, y: 300 } });
  await page.keyboard.press('r');
  await page.mouse.move(box.x + x, box.y + y);
  await page.mouse.down();
  await page.mouse.move(box.x + x + w, box.y + y + h, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(400);
  await page.keyboard.type(label, { delay: 40 });
  await page.waitForTimeout(200);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
}
async function arrow(page, x1, y1, x2, y2) {
  const box = await page.locator('.tl-canvas').boundingBox();
  await page.keyboard.press('a');
  await page.mouse.move(box.x + x1, box.y + y1);
  await page.mouse.down();
  await page.mouse.move(box.x + x2, box.y + y2, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.press('Escape');
}
// The candidate sketches: clients -> gateway -> limiter -> Redis.
const c = cand.page;
await rect(c, 120, 200, 120, 70, 'Clients');
await rect(c, 320, 200, 160, 70, 'API gateway');
await rect(c, 550, 200, 150, 70, 'Rate limiter');
await rect(c, 560, 360, 130, 70, 'Redis');
await arrow(c, 245, 235, 315, 235);
await arrow(c, 485, 235, 545, 235);
await arrow(c, 625, 275, 625, 355);
await c.locator('.tl-canvas').click({ position: { x: 300, y: 480 } });
// A revealed hint and a few chat messages.
await ivr.page.getByRole('region', { name: 'Hint ladder' }).getByRole('button', { name: 'Reveal hint 1 to candidate' }).click();
await ivr.page.getByRole('region', { name: 'Key points' }).getByRole('checkbox').first().check();
await c.getByRole('tab', { name: /^Chat/ }).click();
for (const [page, text] of [[c, 'Shall I start with the limits per customer?'], [ivr.page, 'Yes, and where the counters live.'], [c, 'A token bucket per key in Redis, updated with a Lua script.']]) {
  if (page === ivr.page) await page.getByRole('tab', { name: /^Chat/ }).click();
  await page.getByLabel('Message').fill(text);
  await page.getByLabel('Message').press('Enter');
  await page.getByTestId('chat-messages').getByText(text).waitFor();
}
await ivr.page.getByRole('tab', { name: 'Guide' }).click();
await c.getByRole('tab', { name: 'Prompt' }).click();
await c.getByRole('tab', { name: /^Chat/ }).click();
// Pointers out of the way (no tooltip in the picture).
await ivr.page.mouse.move(640, 20);
await c.mouse.move(640, 20);
await ivr.page.waitForTimeout(1500);
await ivr.page.screenshot({ path: `${OUT}/room-interviewer-1280x720.png` });
await c.screenshot({ path: `${OUT}/room-candidate-1280x720.png` });
await browser.close();
