import { z } from 'zod';
import { BOARD_AT_CAPACITY_MESSAGE } from '@/lib/protocol/board';
import { expect, fixtureHeaders, journeyTakes, test } from './fixtures';

const ZPromptList = z.object({ data: z.object({ items: z.array(z.object({ id: z.string() })).min(1) }) });
const ZPromptDetail = z.object({ data: z.object({ guide: z.object({ phasePlan: z.array(z.unknown()) }) }) });
const ZCreated = z.object({ data: z.object({ id: z.string() }) });

// A server past saturation answers `board:join` with `rate_limited` and the message below
// (server/realtime/board-handlers.ts; tests/integration covers when it does). Making the test
// server saturated on purpose would make this test about the machine's load, so the page's own
// socket.io connection is routed through Playwright, which answers the joins with that refusal
// until it lets them through to the real server.
test('a board the server refuses at capacity says so, and opens by itself once there is room', async ({ signedIn, baseURL }) => {
  journeyTakes(5);
  const { page, context } = await signedIn('ivr');
  const listed = ZPromptList.parse(await (await context.request.get('/api/prompts?kind=design', { headers: fixtureHeaders() })).json());
  const promptId = listed.data.items[0]!.id;
  const detail = ZPromptDetail.parse(await (await context.request.get(`/api/prompts/${promptId}`, { headers: fixtureHeaders() })).json());
  const created = await context.request.post('/api/interviews', {
    headers: fixtureHeaders(baseURL),
    data: { promptId, level: 'L4', phasePlan: detail.data.guide.phasePlan, scheduledAt: null },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = ZCreated.parse(await created.json()).data;

  let isAtCapacity = true;
  let refusals = 0;
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      // socket.io: "42<ack id>[event, payload]" is an event with an acknowledgement; "43<id>[...]" answers it.
      const join = typeof message === 'string' ? /^42(\d+)\["board:join"/.exec(message) : null;
      if (join && isAtCapacity) {
        refusals += 1;
        ws.send(`43${join[1]}${JSON.stringify([{ ok: false, error: { code: 'rate_limited', message: BOARD_AT_CAPACITY_MESSAGE } }])}`);
        return;
      }
      server.send(message);
    });
    server.onMessage((message) => ws.send(message));
  });

  await page.goto(`/interviews/${id}`);
  const waiting = page.getByRole('region', { name: 'Whiteboard' }).getByRole('status').filter({ hasText: 'at capacity' });
  await expect(waiting).toHaveText(BOARD_AT_CAPACITY_MESSAGE);
  await expect(waiting).toBeInViewport();
  expect(refusals).toBeGreaterThan(0);

  // Room again: the next try (after the pause a refusal asks for) opens the board, and the message goes.
  isAtCapacity = false;
  await expect(page.locator('.tl-canvas')).toBeVisible({ timeout: 20_000 });
  await expect(waiting).toHaveCount(0);
});
