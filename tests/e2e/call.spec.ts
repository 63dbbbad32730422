// The in-room call (issue 12), in Chromium with fake media devices: a generated WAV is each
// person's microphone. Both turn the microphone on; each receives the other's audio (the call's
// own getStats: inbound audio bytes growing and audio energy arriving); muting stops it; a reload
// and a server restart re-establish it without anyone clicking; ending the interview ends it.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, journeyTakes, test } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

/** 2 s of a 440 Hz tone with a 3 Hz swell (speech-like energy), 48 kHz 16-bit mono; Chromium loops it. */
function toneWav(): string {
  const rate = 48_000;
  const samples = rate * 2;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const envelope = 0.35 + 0.3 * Math.sin(2 * Math.PI * 3 * t);
    data.writeInt16LE(Math.round(32767 * envelope * Math.sin(2 * Math.PI * 440 * t)), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mockroom-call-')), 'tone.wav');
  writeFileSync(file, Buffer.concat([header, data]));
  return file;
}

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
test.use({
  launchOptions: {
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // Only this spec: media permission granted without a prompt, fake camera and microphone.
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${toneWav()}`,
      // Playback without a click on the page first (the test clicks buttons, but a reload does not).
      '--autoplay-policy=no-user-gesture-required',
    ],
  },
});

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
  await cand.page.reload();
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
