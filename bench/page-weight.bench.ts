// The interview room's first load: how much JavaScript a browser must fetch before the lazy
// whiteboard chunk, and how soon, on a cold load in Chromium, the board's first shape shows.
// Both beside a baseline from the same run: the sign-in page, which is the floor every page of
// the app pays (Next.js, React, the app's layout).
//
//   npx tsx bench/page-weight.bench.ts [--quick]
//
// First-load JavaScript: the <script src> chunks of the server-rendered HTML (Next's initial
// chunks; the whiteboard is a dynamic import that is requested after hydration), each gzipped
// at zlib's default level as the server's compression sends it. Cold loads: a new browser context
// per load (empty cache), from `goto` until the first tldraw shape of a board holding one
// rectangle is visible, and the page's own largest-contentful-paint. Needs `npm run build`.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { drawRectangle, shapesOn } from '../tests/e2e/board-actions';
import { CHROMIUM_ARGS, JOURNEY_CHROMIUM } from '../tests/e2e/chromium';
import { startTestServer, type TTestServer } from '../tests/helpers/app-server';
import { acceptInviteAs, createInterviewAs, signedInClient, type TSignedInClient } from '../tests/helpers/room-fixtures';

const QUICK = process.argv.includes('--quick');
const LOADS = QUICK ? 2 : 5;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

type TWeight = { scripts: number; raw: number; gzip: number; largest: Array<{ src: string; gzip: number }> };

/** The gzipped size of every <script src> of the page's server-rendered HTML. */
async function firstLoadJs(server: TTestServer, person: TSignedInClient | null, pathname: string): Promise<TWeight> {
  const response = person ? await person.client.request(pathname) : await fetch(`${server.url}${pathname}`);
  if (response.status !== 200) throw new Error(`${pathname}: HTTP ${response.status}`);
  const html = await response.text();
  // `noModule` scripts (Next's polyfills) are skipped by every browser that runs modules.
  const tags = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)].filter((match) => !/nomodule/i.test(`${match[1]} ${match[3]}`));
  const sources = [...new Set(tags.map((match) => match[2]!.replaceAll('&amp;', '&')))];
  const sizes = await Promise.all(
    sources.map(async (src) => {
      const body = Buffer.from(await (await fetch(new URL(src, server.url))).arrayBuffer());
      return { src, raw: body.length, gzip: gzipSync(body).length };
    }),
  );
  return {
    scripts: sizes.length,
    raw: sizes.reduce((sum, size) => sum + size.raw, 0),
    gzip: sizes.reduce((sum, size) => sum + size.gzip, 0),
    largest: sizes.sort((a, b) => b.gzip - a.gzip).slice(0, process.env.PAGE_WEIGHT_ALL ? 99 : 4),
  };
}

type TColdLoad = { shownMs: number; lcpMs: number };

/** One cold load in a fresh context: until `ready` resolves, and the page's LCP. */
async function coldLoad(browser: Browser, server: TTestServer, person: TSignedInClient | null, pathname: string, ready: (page: import('@playwright/test').Page) => Promise<void>): Promise<TColdLoad> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  if (person) await context.addCookies([...person.client.cookies].map(([name, value]) => ({ name, value, url: server.url })));
  const page = await context.newPage();
  try {
    const started = performance.now();
    await page.goto(pathname, { waitUntil: 'commit' });
    await ready(page);
    const shownMs = performance.now() - started;
    const lcpMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => resolve(list.getEntries().at(-1)?.startTime ?? NaN)).observe({ type: 'largest-contentful-paint', buffered: true });
          setTimeout(() => resolve(NaN), 2000);
        }),
    );
    return { shownMs, lcpMs };
  } finally {
    await context.close();
  }
}

async function main() {
  if (!existsSync('.next/BUILD_ID')) {
    console.log('page-weight bench skipped: it needs the production build (`npm run build`).');
    return;
  }
  const server = await startTestServer();
  const browser = await chromium.launch({ executablePath: JOURNEY_CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const interviewer = await signedInClient(server, 'ivr');
    const candidate = await signedInClient(server, 'cand');
    const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
    await acceptInviteAs(candidate, inviteToken);
    const room = `/interviews/${interviewId}`;

    // One rectangle on the board, drawn the way a person draws it.
    {
      const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
      await context.addCookies([...interviewer.client.cookies].map(([name, value]) => ({ name, value, url: server.url })));
      const page = await context.newPage();
      await page.goto(room);
      await page.locator('.tl-canvas').waitFor({ timeout: 30_000 });
      await drawRectangle(page, 400, 200);
      await page.getByTestId('saved-indicator').and(page.locator('[data-state="saved"]')).waitFor({ timeout: 30_000 });
      await context.close();
    }

    const signIn = await firstLoadJs(server, null, '/sign-in');
    const roomWeight = await firstLoadJs(server, candidate, room);
    const interviewerWeight = await firstLoadJs(server, interviewer, room);
    console.log('\nfirst-load JavaScript (gzipped, before the lazy whiteboard chunk):');
    console.log(`  baseline, the sign-in page: ${kb(signIn.gzip)} in ${signIn.scripts} scripts (${kb(signIn.raw)} raw)`);
    console.log(`  the interview room:         ${kb(roomWeight.gzip)} in ${roomWeight.scripts} scripts (${kb(roomWeight.raw)} raw); ratio ${(roomWeight.gzip / signIn.gzip).toFixed(2)}; goal <= 150 KB`);
    console.log(`  the room's largest: ${roomWeight.largest.map((s) => `${s.src.split('/').at(-1)} ${kb(s.gzip)}`).join(', ')}`);
    // The same page; the interviewer's guide and Score button come in chunks of their own,
    // fetched right after hydration, which no <script> tag names.
    console.log(`  the room, interviewer:      ${kb(interviewerWeight.gzip)} in ${interviewerWeight.scripts} scripts`);

    const signInLoads: TColdLoad[] = [];
    const roomLoads: TColdLoad[] = [];
    // Interleaved, so a change in the machine's load hits both alike.
    for (let run = 0; run < LOADS; run += 1) {
      signInLoads.push(await coldLoad(browser, server, null, '/sign-in', (page) => page.getByRole('button', { name: 'Sign in' }).first().waitFor()));
      roomLoads.push(await coldLoad(browser, server, candidate, room, (page) => shapesOn(page).first().waitFor({ timeout: 30_000 })));
    }
    const show = (loads: TColdLoad[], key: keyof TColdLoad) => `median ${median(loads.map((l) => l[key])).toFixed(0)} ms (${loads.map((l) => l[key].toFixed(0)).join(', ')})`;
    console.log(`\ncold loads in Chromium, ${LOADS} each, a new context per load:`);
    console.log(`  baseline, the sign-in page until its form shows: ${show(signInLoads, 'shownMs')}; LCP ${show(signInLoads, 'lcpMs')}`);
    console.log(`  the room until the board's first shape shows:     ${show(roomLoads, 'shownMs')}; LCP ${show(roomLoads, 'lcpMs')}; goal < 2.5 s on a quiet machine`);
    console.log(`  machine load average when done: ${(await import('node:os')).loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  } finally {
    await browser.close();
    await server.cleanup();
  }
}

await main();
