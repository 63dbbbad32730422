// The in-room call (issue 12), in Chromium with fake media devices: a generated WAV is each
// person's microphone. Both turn the microphone on; each receives the other's audio (the call's
// own getStats: inbound audio bytes growing and audio energy arriving); muting stops it; a reload
// and a server restart re-establish it without anyone clicking; ending the interview ends it.
// Video: Chromium's fake camera (a moving test pattern) reaches the other side (frames decoded,
// the tile's <video> playing), turning it off stops it, a reload brings it back; the engine is
// loaded only when needed, and a page that has not loaded it answers an incoming call.
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { freePort, SERVER_PROCESS_AUTH_SECRET, ServerProcess } from '../helpers/server-process';
import { mintSessionCookie } from '../helpers/session';
import { createTestDatabase } from '../helpers/test-db';
import { expect, journeyTakes, newUser, signUpThroughApi, test } from './fixtures';
import { fakeMediaLaunchOptions } from './chromium';
import { interviewWithCandidate } from './interview-flow';

test.use({ launchOptions: fakeMediaLaunchOptions() });

type TAudioIn = { bytes: number; energy: number; level: number; connection: string; connectedAt: number | null; relay: boolean };

/**
 * Every RTCPeerConnection the page makes, for the test to read its statistics (the app keeps its
 * own out of reach). Installed before the page's scripts run.
 */
async function watchPeerConnections(page: Page) {
  await page.addInitScript(() => {
    const Original = window.RTCPeerConnection;
    const made: RTCPeerConnection[] = [];
    (window as unknown as { __calls: RTCPeerConnection[] }).__calls = made;
    window.RTCPeerConnection = class extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        made.push(this);
        // When this connection first connected (epoch ms), for the set-up time's breakdown.
        this.addEventListener('connectionstatechange', () => {
          const self = this as unknown as { connectedAt?: number };
          if (this.connectionState === 'connected') self.connectedAt ??= Date.now();
        });
      }
    } as typeof RTCPeerConnection;
  });
}

/** The audio arriving on the page's live connection (the newest that is not closed). */
async function audioIn(page: Page): Promise<TAudioIn | null> {
  return page.evaluate(async () => {
    const made = (window as unknown as { __calls?: RTCPeerConnection[] }).__calls ?? [];
    const pc = [...made].reverse().find((c) => c.connectionState !== 'closed');
    if (!pc) return null;
    let bytes = 0;
    let energy = 0;
    let level = 0;
    const report = await pc.getStats();
    let relay = false;
    report.forEach((stat: Record<string, unknown>) => {
      if (stat.type !== 'candidate-pair' || !stat.nominated || stat.state !== 'succeeded') return;
      const local = report.get(String(stat.localCandidateId)) as Record<string, unknown> | undefined;
      if (local?.candidateType === 'relay') relay = true;
    });
    report.forEach((stat: Record<string, unknown>) => {
      if (stat.type !== 'inbound-rtp' || stat.kind !== 'audio') return;
      bytes += Number(stat.bytesReceived ?? 0);
      energy += Number(stat.totalAudioEnergy ?? 0);
      level = Math.max(level, Number(stat.audioLevel ?? 0));
    });
    return { bytes, energy, level, connection: pc.connectionState, connectedAt: (pc as unknown as { connectedAt?: number }).connectedAt ?? null, relay };
  });
}

/** Resolves once audio with energy arrives on the page and keeps arriving (bytes and energy grow). */
async function expectAudioFlowing(page: Page, who: string, timeout = 30_000) {
  let first: TAudioIn | null = null;
  await expect
    .poll(
      async () => {
        const now = await audioIn(page);
        if (!now || now.bytes === 0 || now.energy <= 0) return 'no audio yet';
        if (!first || now.bytes < first.bytes) {
          first = now;
          return 'first audio';
        }
        return now.bytes > first.bytes && now.energy > first.energy ? 'flowing' : 'stalled';
      },
      { message: `${who} receives audio`, timeout, intervals: [200] },
    )
    .toBe('flowing');
}

/** Whether the audio arriving on the page stops growing (muted on the other side). */
async function expectAudioStopped(page: Page, who: string) {
  let previous: TAudioIn | null = null;
  await expect
    .poll(
      async () => {
        const now = await audioIn(page);
        const was = previous;
        previous = now;
        if (!now || !was) return 'measuring';
        return now.bytes === was.bytes && now.energy === was.energy ? 'stopped' : 'still flowing';
      },
      { message: `${who}'s incoming audio stops`, timeout: 15_000, intervals: [1000] },
    )
    .toBe('stopped');
}

test('two people talk in the room: audio both ways, mute, reload, server restart, and the end of the interview ends the call', async ({ signedIn, server }) => {
  journeyTakes(30);
  const ivr = await signedIn('ivr');
  const cand = await signedIn('cand');
  for (const person of [ivr, cand]) await watchPeerConnections(person.page);
  await interviewWithCandidate(ivr.page, cand.page);

  // Both turn the microphone on; from the clicks to audio arriving on both sides.
  const startedAt = Date.now();
  await Promise.all([ivr, cand].map((person) => person.page.getByRole('button', { name: 'Turn on microphone' }).click()));
  await Promise.all([
    expect.poll(async () => ((await audioIn(cand.page))?.energy ?? 0) > 0, { timeout: 30_000, intervals: [100] }).toBe(true),
    expect.poll(async () => ((await audioIn(ivr.page))?.energy ?? 0) > 0, { timeout: 30_000, intervals: [100] }).toBe(true),
  ]);
  const setupMs = Date.now() - startedAt;
  const connectedMs = Math.max(...(await Promise.all([ivr, cand].map(async (p) => ((await audioIn(p.page))?.connectedAt ?? NaN) - startedAt))));
  test.info().annotations.push({ type: 'mic-on-to-audio-ms', description: String(setupMs) });
  console.log(`[call] "Turn on microphone" on both sides -> connected ${connectedMs} ms, audio energy arriving on both ${setupMs} ms (polled every 100 ms)`);
  await expectAudioFlowing(cand.page, 'the candidate');
  await expectAudioFlowing(ivr.page, 'the interviewer');
  for (const person of [ivr, cand]) {
    await expect(person.page.getByTestId('call-status')).toHaveText('Connected');
    await expect(person.page.getByTestId('call-quality')).toContainText(/ms/);
  }
  // The other person's tile shows them speaking (the tone's level, from the call's statistics).
  await expect(cand.page.getByTestId('call-tile-peer')).toHaveAttribute('data-speaking', 'true');

  // Mute stops what the other hears; the keyboard shortcut turns it back on.
  await ivr.page.getByRole('button', { name: 'Mute microphone' }).click();
  await expectAudioStopped(cand.page, 'the candidate');
  await expect(cand.page.getByTestId('call-tile-peer')).toHaveAttribute('aria-label', /microphone off/);
  await expectAudioFlowing(ivr.page, 'the interviewer (the candidate still talks)');
  await ivr.page.keyboard.press('Alt+Shift+KeyM');
  await expect(ivr.page.getByRole('button', { name: 'Mute microphone' })).toBeVisible();
  await expectAudioFlowing(cand.page, 'the candidate after unmute');

  // A reload: the page comes back with its microphone on and the call re-established.
  await cand.page.reload({ waitUntil: 'commit' });
  await expect(cand.page.getByRole('button', { name: 'Mute microphone' })).toBeVisible({ timeout: 30_000 });
  await expectAudioFlowing(cand.page, 'the candidate after reloading');
  await expectAudioFlowing(ivr.page, 'the interviewer after the candidate reloaded');

  // A server restart: signalling goes away and comes back; the call goes on.
  await server.restart();
  for (const person of [ivr, cand]) await expect(person.page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected', { timeout: 60_000 });
  await expectAudioFlowing(cand.page, 'the candidate after the server restart');
  await expectAudioFlowing(ivr.page, 'the interviewer after the server restart');
  for (const person of [ivr, cand]) await expect(person.page.getByTestId('call-status')).toHaveText('Connected');

  // Ending the interview ends the call on both sides: connections closed, microphones released.
  ivr.page.once('dialog', (dialog) => void dialog.accept());
  await ivr.page.getByRole('button', { name: 'End interview' }).click();
  for (const person of [ivr, cand]) {
    await expect(person.page.getByTestId('call-status')).toHaveAttribute('data-phase', 'ended');
    await expect.poll(() => audioIn(person.page)).toBeNull();
  }
});

type TVideoIn = { framesDecoded: number; width: number; currentTime: number };

/** The peer's video on the page: frames decoded on the live connection, and the peer tile's <video> (its width and clock). */
async function videoIn(page: Page): Promise<TVideoIn> {
  return page.evaluate(async () => {
    const made = (window as unknown as { __calls?: RTCPeerConnection[] }).__calls ?? [];
    const pc = [...made].reverse().find((c) => c.connectionState !== 'closed');
    let framesDecoded = 0;
    if (pc) {
      (await pc.getStats()).forEach((stat: Record<string, unknown>) => {
        if (stat.type === 'inbound-rtp' && stat.kind === 'video') framesDecoded += Number(stat.framesDecoded ?? 0);
      });
    }
    const video = document.querySelector<HTMLVideoElement>('[data-testid="call-video-peer"] video');
    return { framesDecoded, width: video?.videoWidth ?? 0, currentTime: video?.currentTime ?? 0 };
  });
}

/** The other person's camera shows on the page: frames keep being decoded and the peer tile's <video> has a picture and plays. */
async function expectVideoFlowing(page: Page, who: string) {
  await expect(page.getByTestId('call-video-peer')).toHaveAttribute('data-video', 'true', { timeout: 30_000 });
  let first: TVideoIn | null = null;
  await expect
    .poll(
      async () => {
        const now = await videoIn(page);
        if (now.framesDecoded === 0 || now.width === 0) return 'no video yet';
        if (!first || now.framesDecoded < first.framesDecoded) {
          first = now;
          return 'first frames';
        }
        return now.framesDecoded > first.framesDecoded + 5 && now.currentTime > first.currentTime ? 'flowing' : 'stalled';
      },
      { message: `${who} sees the other's video`, timeout: 30_000, intervals: [300] },
    )
    .toBe('flowing');
}

test('video: each turns the camera on and sees the other; the camera off stops it; a reload brings it back', async ({ signedIn }) => {
  journeyTakes(30);
  const ivr = await signedIn('ivr');
  const cand = await signedIn('cand');
  for (const person of [ivr, cand]) await watchPeerConnections(person.page);
  await interviewWithCandidate(ivr.page, cand.page);

  // Nobody has turned anything on: neither page has loaded the call engine (no RTCPeerConnection).
  await expect(ivr.page.getByRole('button', { name: 'Turn on camera' })).toBeEnabled();
  for (const person of [ivr, cand]) expect(await person.page.evaluate(() => (window as unknown as { __calls: unknown[] }).__calls.length)).toBe(0);

  // Camera only (no microphone): the interviewer first; the candidate's page loads the engine on
  // the incoming offer and answers without a click, and the fake camera's moving pattern arrives.
  await ivr.page.getByRole('button', { name: 'Turn on camera' }).click();
  await expectVideoFlowing(cand.page, 'the candidate (answering, camera off)');
  await expect(cand.page.getByRole('button', { name: 'Turn on camera' })).toHaveAttribute('aria-pressed', 'false');
  await cand.page.getByRole('button', { name: 'Turn on camera' }).click();
  for (const person of [ivr, cand]) {
    await expect(person.page.getByRole('button', { name: 'Turn off camera' })).toHaveAttribute('aria-pressed', 'true');
    await expect(person.page.getByTestId('call-video-me')).toHaveAttribute('data-video', 'true');
  }
  await expectVideoFlowing(cand.page, 'the candidate');
  await expectVideoFlowing(ivr.page, 'the interviewer');
  // The tiles sit in the side column: none overlaps the board.
  const board = await ivr.page.locator('.tl-container').first().boundingBox();
  for (const id of ['call-video-peer', 'call-video-me']) {
    const tile = await ivr.page.getByTestId(id).boundingBox();
    expect(board && tile && (tile.x >= board.x + board.width || tile.y >= board.y + board.height || tile.x + tile.width <= board.x || tile.y + tile.height <= board.y), `${id} is beside the board`).toBe(true);
  }

  // The interviewer turns the camera off: the candidate's frames stop, the tile shows a letter.
  await ivr.page.getByRole('button', { name: 'Turn off camera' }).click();
  await expect(cand.page.getByTestId('call-video-peer')).toHaveAttribute('data-video', 'false');
  let previous = await videoIn(cand.page);
  await expect
    .poll(
      async () => {
        const now = await videoIn(cand.page);
        const stopped = now.framesDecoded === previous.framesDecoded;
        previous = now;
        return stopped ? 'stopped' : 'still decoding';
      },
      { message: "the interviewer's video stops reaching the candidate", timeout: 15_000, intervals: [1000] },
    )
    .toBe('stopped');
  await expectVideoFlowing(ivr.page, 'the interviewer (the candidate keeps the camera on)');

  // On again, then a reload of the candidate: the camera comes back on by itself and both see each other.
  await ivr.page.keyboard.press('Alt+Shift+KeyC');
  await expectVideoFlowing(cand.page, 'the candidate after the camera came back');
  await cand.page.reload({ waitUntil: 'commit' });
  await expect(cand.page.getByRole('button', { name: 'Turn off camera' })).toBeVisible({ timeout: 30_000 });
  await expectVideoFlowing(cand.page, 'the candidate after reloading');
  await expectVideoFlowing(ivr.page, 'the interviewer after the candidate reloaded');
});

test("video after a reload, when the interviewer's offer to nobody reaches the new page: both see each other again", async ({ signedIn }) => {
  journeyTakes(30);
  const ivr = await signedIn('ivr');
  const cand = await signedIn('cand');
  for (const person of [ivr, cand]) await watchPeerConnections(person.page);
  // The interviewer's messages to the server are held from the moment it hears that the
  // candidate's page left until it hears the new page join: the offer its fresh connection makes
  // (addressed to nobody, as nobody is there) reaches the new page, as on a slow network or a
  // busy server, and the new page answers it before the interviewer learns who it is.
  let isHolding = false;
  const held: Array<() => void> = [];
  await ivr.page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      if (isHolding) held.push(() => server.send(message));
      else server.send(message);
    });
    server.onMessage((message) => {
      if (typeof message === 'string' && message.startsWith('42["call:peer-left"')) isHolding = true;
      ws.send(message);
      if (isHolding && typeof message === 'string' && message.startsWith('42["call:peer-joined"')) {
        setTimeout(() => {
          isHolding = false;
          for (const send of held.splice(0)) send();
        }, 300);
      }
    });
  });
  await interviewWithCandidate(ivr.page, cand.page);
  await ivr.page.getByRole('button', { name: 'Turn on camera' }).click();
  await expectVideoFlowing(cand.page, 'the candidate (answering, camera off)');
  await cand.page.getByRole('button', { name: 'Turn on camera' }).click();
  await expectVideoFlowing(ivr.page, 'the interviewer');

  await cand.page.reload({ waitUntil: 'commit' });
  await expect(cand.page.getByRole('button', { name: 'Turn off camera' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => held.length === 0 && !isHolding, { message: "the interviewer's held messages went out", timeout: 15_000 }).toBe(true);
  await expectVideoFlowing(cand.page, 'the candidate after reloading');
  await expectVideoFlowing(ivr.page, 'the interviewer after the candidate reloaded');
});

test('a browser that blocks the microphone gets a message saying how to allow it', async ({ signedIn }) => {
  journeyTakes(20);
  const ivr = await signedIn('ivr');
  const cand = await signedIn('cand');
  // As when the person (or the system) said no: getUserMedia rejects with NotAllowedError.
  await cand.page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
  });
  await interviewWithCandidate(ivr.page, cand.page);
  await cand.page.getByRole('button', { name: 'Turn on microphone' }).click();
  const alert = cand.page.getByTestId('call-media-error');
  await expect(alert).toHaveAttribute('data-kind', 'denied');
  await expect(alert).toContainText('The browser blocked the microphone');
  await expect(alert).toContainText('allow the microphone for this site');
  await expect(cand.page.getByRole('button', { name: 'Turn on microphone' })).toBeVisible();
});

// ---------- the TURN leg: Debian's coturn on loopback, both browsers relay-only ----------

const TURNSERVER = '/usr/bin/turnserver';

/** coturn with use-auth-secret on 127.0.0.1, its relay ports on loopback too (test only: loopback peers allowed). */
async function startCoturn(port: number, secret: string, dir: string): Promise<{ stop: () => Promise<void>; logs: () => string }> {
  const output: string[] = [];
  const child = spawn(
    TURNSERVER,
    [
      '-n',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=mockroom',
      '--no-cli',
      '--no-tls',
      '--no-dtls',
      `--min-port=${port + 1}`,
      `--max-port=${port + 200}`,
      '--allow-loopback-peers',
      '--log-file=stdout',
      '--simple-log',
      `--pidfile=${path.join(dir, 'turnserver.pid')}`,
      `--userdb=${path.join(dir, 'turndb.sqlite')}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (!output.join('').includes('Total UDP servers') && !output.join('').includes('relay ports initialization')) {
    if (child.exitCode !== null) throw new Error(`turnserver exited: ${output.join('')}`);
    if (Date.now() > deadline) throw new Error(`turnserver did not start: ${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    logs: () => output.join(''),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Gathers relay candidates in the page with these TURN credentials: the relay addresses, and the TURN errors. */
async function gatherRelay(page: Page, server: { urls: string; username: string; credential: string }) {
  return page.evaluate(async (iceServer) => {
    const pc = new RTCPeerConnection({ iceServers: [iceServer], iceTransportPolicy: 'relay' });
    const relays: string[] = [];
    const errors: number[] = [];
    pc.addEventListener('icecandidateerror', (event) => errors.push((event as RTCPeerConnectionIceErrorEvent).errorCode));
    const done = new Promise<void>((resolve) => {
      pc.addEventListener('icecandidate', ({ candidate }) => {
        if (!candidate) return resolve();
        if (candidate.type === 'relay') relays.push(`${candidate.address}:${candidate.port}`);
      });
      setTimeout(resolve, 15_000);
    });
    pc.createDataChannel('probe');
    await pc.setLocalDescription(await pc.createOffer());
    await done;
    pc.close();
    return { relays, errors };
  }, server);
}

test('through TURN only: coturn on loopback relays the call with credentials the server minted; a wrong or expired credential is refused', async ({ browser }) => {
  test.skip(!existsSync(TURNSERVER), 'needs Debian coturn (/usr/bin/turnserver)');
  journeyTakes(30);
  const dir = mkdtempSync(path.join(tmpdir(), 'mockroom-turn-'));
  const secret = `turn-secret-${randomUUID()}`;
  const turnPort = 40_000 + Math.floor(Math.random() * 10_000);
  const coturn = await startCoturn(turnPort, secret, dir);
  const database = await createTestDatabase();
  const turnUrl = `turn:127.0.0.1:${turnPort}?transport=udp`;
  const app = new ServerProcess(await freePort(), {
    dataDir: database.dataDir,
    databaseUrl: database.databaseUrl,
    env: { TURN_URLS: turnUrl, TURN_SECRET: secret, TURN_TTL_SECONDS: '600', CALL_ICE_TRANSPORT_POLICY: 'relay' },
  });
  const contexts: BrowserContext[] = [];
  try {
    await app.start();
    const person = async (label: string) => {
      const user = newUser(label);
      const context = await browser.newContext({ baseURL: app.baseURL });
      contexts.push(context);
      const id = await signUpThroughApi(context, app.baseURL, user);
      const cookie = await mintSessionCookie({ user: { id, name: user.name, email: user.email }, secret: SERVER_PROCESS_AUTH_SECRET });
      await context.addCookies([{ ...cookie, url: app.baseURL, httpOnly: true, sameSite: 'Lax' }]);
      const page = await context.newPage();
      await watchPeerConnections(page);
      return { page, id };
    };
    const ivr = await person('turn-ivr');
    const cand = await person('turn-cand');
    await interviewWithCandidate(ivr.page, cand.page);

    const startedAt = Date.now();
    await Promise.all([ivr, cand].map((p) => p.page.getByRole('button', { name: 'Turn on microphone' }).click()));
    await expectAudioFlowing(cand.page, 'the candidate, through TURN');
    await expectAudioFlowing(ivr.page, 'the interviewer, through TURN');
    const setupMs = Date.now() - startedAt;
    console.log(`[call] through TURN (relay only): "Turn on microphone" on both sides -> audio flowing on both: ${setupMs} ms`);
    for (const p of [ivr, cand]) expect((await audioIn(p.page))?.relay, 'the selected pair is a relay candidate').toBe(true);

    // The same TURN server refuses credentials the app did not mint, and minted ones once expired.
    const now = Math.floor(Date.now() / 1000);
    const minted = (expiry: number, userId: string) => ({ username: `${expiry}:${userId}`, credential: createHmac('sha1', secret).update(`${expiry}:${userId}`).digest('base64') });
    const good = await gatherRelay(cand.page, { urls: turnUrl, ...minted(now + 600, cand.id) });
    expect(good.relays.length).toBeGreaterThan(0);
    const wrong = await gatherRelay(cand.page, { urls: turnUrl, username: `${now + 600}:${cand.id}`, credential: 'bm90IHRoZSByaWdodCBITUFD' });
    expect(wrong.relays).toEqual([]);
    expect(wrong.errors).toContain(401);
    const expired = await gatherRelay(cand.page, { urls: turnUrl, ...minted(now - 60, cand.id) });
    expect(expired.relays).toEqual([]);
    expect(expired.errors).toContain(401);
  } finally {
    await Promise.all(contexts.map((context) => context.close()));
    await app.stop();
    await database.cleanup();
    await coturn.stop();
  }
});
