import { afterEach, describe, expect, it } from 'vitest';
import type { TBoardRefusal } from '@/lib/protocol/board';
import type { TResult } from '@/lib/result';
import { createMemoryBoardArchive } from '@/server/board/board-archive';
import { createBoardFiles } from '@/server/board/board-files';
import type { TLoadMonitor } from '@/server/realtime/load-monitor';
import {
  connectBoardClient,
  connectRawSocket,
  eventually,
  installTldrawNodeGlobals,
  makeGeoShape,
  startBoardTestServer,
  type TBoardTestClient,
  type TBoardTestServer,
} from '../helpers/tldraw-node';

// How the board transport behaves when the server falls behind: frames that piled up while the
// event loop could not read are judged by when they arrived (the time lost is credited to each
// budget), and past saturation new whiteboards are refused with a message while open ones go on.
// The event loop's state comes from a stand-in monitor, so nothing here depends on timing.
installTldrawNodeGlobals();

const QUIET_LOG = { warn: () => undefined, error: () => undefined };

let server: TBoardTestServer | undefined;
const clients: TBoardTestClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.close();
  server = undefined;
});

// The handlers' clock runs from real time plus what a test adds (a stall that did not really happen).
function fakeLoad() {
  const state = { stalledMs: 0, isSaturated: false, skippedMs: 0 };
  const load: TLoadMonitor = { stalledMs: () => state.stalledMs, isSaturated: () => state.isSaturated, stop: () => undefined };
  return { state, load, now: () => Date.now() + state.skippedMs };
}

async function start(load: TLoadMonitor, now?: () => number) {
  server = await startBoardTestServer({
    ...(now ? { now } : {}),
    registryOptions: { files: createBoardFiles(null), archive: createMemoryBoardArchive(), archiveDelayMs: 50, emptyRoomGraceMs: 20, log: QUIET_LOG },
    load,
  });
  return server;
}

function join(userId: string, interviewId: string) {
  const client = connectBoardClient(server!.url, { userId, interviewId });
  clients.push(client);
  return client;
}

describe('board transport under load', () => {
  it('past saturation refuses new whiteboards with a message; open ones keep syncing and take new participants', async () => {
    const { state, load } = fakeLoad();
    await start(load);
    const a = join('alice', 'open-room');
    await a.loaded;

    state.isSaturated = true;
    const raw = connectRawSocket(server!.url, 'carol');
    const refused = (await raw.emitWithAck('board:join', { interviewId: 'new-room' })) as TResult<unknown>;
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('rate_limited');
      expect(refused.error.message).toMatch(/at capacity/);
    }
    expect(server!.registry.get('new-room')).toBeUndefined();

    // The open room still takes its second participant, and edits flow both ways.
    const b = join('bob', 'open-room');
    await b.loaded;
    a.store.put([makeGeoShape('while-saturated', 10, 10)]);
    await eventually(() => expect(b.shapeIds()).toContain('shape:while-saturated'));

    state.isSaturated = false;
    const accepted = (await raw.emitWithAck('board:join', { interviewId: 'new-room' })) as TResult<unknown>;
    expect(accepted.ok).toBe(true);
    raw.disconnect();
  });

  it('a backlog of frames queued while the server could not read is not refused as a flood', async () => {
    const { state, load, now } = fakeLoad();
    await start(load, now);
    const a = join('alice', 'room');
    await a.loaded;
    const refusals: TBoardRefusal[] = [];
    a.socket.on('board:refused', (refusal) => refusals.push(refusal));
    let pongs = 0;
    a.socket.on('board:message', (frame) => {
      if (typeof frame === 'string' && frame.includes('"pong"')) pongs++;
    });

    // Ten seconds during which the server could not read, then a 30 Hz client's 300 frames handled
    // at once: more than the burst of 180, all of them legitimate.
    state.skippedMs += 10_000;
    state.stalledMs += 10_000;
    for (let i = 0; i < 300; i++) a.socket.emit('board:message', '{"type":"ping"}');
    await eventually(() => expect(pongs).toBe(300), 15_000);
    expect(refusals).toEqual([]);

    // The stall's credit is its refill (60 frames/s x 10 s), not a licence: a flood is still cut.
    for (let i = 0; i < 1000; i++) a.socket.emit('board:message', '{"type":"ping"}');
    await eventually(() => expect(refusals.map((r) => r.code)).toContain('rate_limited'), 15_000);
  });
});
