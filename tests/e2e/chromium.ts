// How the journeys launch Chromium: which binary, the flags every journey uses, and the fake
// media devices of the call and recording journeys.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
const FULL_BROWSER = '/usr/bin/chromium';

/**
 * PLAYWRIGHT_CHROMIUM_PATH, else the first of Debian's binaries that is installed (offline machines,
 * CI), else undefined: Playwright's own browser.
 */
function chromiumPath(preferred: readonly string[]): string | undefined {
  return process.env.PLAYWRIGHT_CHROMIUM_PATH ?? preferred.find((file) => existsSync(file));
}

/**
 * The journeys' browser. Of Debian's, the headless shell (package chromium-headless-shell, the
 * same build without the browser UI; what Playwright itself runs headless) first: the journeys
 * cost about 10% less CPU with it than with the full browser in --headless (cgroup, whiteboard +
 * room journeys, 3 pairs: 47.4 s vs 52.4 s).
 */
export const JOURNEY_CHROMIUM = chromiumPath([HEADLESS_SHELL, FULL_BROWSER]);

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

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
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mockroom-media-')), 'tone.wav');
  writeFileSync(file, Buffer.concat([header, data]));
  return file;
}

/**
 * Launch options for the journeys that use a microphone and camera (`test.use` in the spec): the
 * full browser, media permission granted without a prompt, Chromium's fake camera, the tone as
 * the microphone, and playback without a click first (a reload does not click).
 */
export function fakeMediaLaunchOptions() {
  return {
    executablePath: chromiumPath([FULL_BROWSER]),
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${toneWav()}`,
      '--autoplay-policy=no-user-gesture-required',
    ],
  };
}
