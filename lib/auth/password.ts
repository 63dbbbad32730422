import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { availableParallelism } from 'node:os';

// scrypt is memory-hard: N=2^15, r=8 needs 32 MiB per hash, which makes offline guessing
// expensive on GPUs. Parameters are stored with the hash so they can be raised later.
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const MAX_MEM = 64 * 1024 * 1024;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * How many hashes run at once, and how many may wait. scrypt's callback form already runs on
 * libuv's thread pool, off the event loop, but a flood of sign-ups then keeps all four pool
 * threads busy at ~100 ms of CPU each: on a 2-core machine the event loop gets a fraction of a
 * core (health p99 went to 2 s), and file reads and gzip, which share the pool, queue behind the
 * hashes. Half the cores (at least one) hash; the rest stay for everything else. A full queue
 * answers "busy" at once instead of holding the request for seconds.
 */
export const HASHING = { MAX_RUNNING: Math.max(1, Math.floor(availableParallelism() / 2)), MAX_WAITING: 64 } as const;

/** Thrown when the hashing queue is full: the caller answers "busy, try again" (429). */
export class PasswordHashingBusy extends Error {
  override name = 'PasswordHashingBusy';
}
export const BUSY_MESSAGE = 'The server is busy. Try again in a few seconds.';

type TSlots = { running: number; waiting: Array<() => void> };
// One queue per process: Next's bundle and the tsx server each load their own copy of lib/.
const SLOTS_KEY = Symbol.for('mockroom.passwordHashingSlots');
function slots(): TSlots {
  const global = globalThis as typeof globalThis & { [SLOTS_KEY]?: TSlots };
  global[SLOTS_KEY] ??= { running: 0, waiting: [] };
  return global[SLOTS_KEY];
}

/** Hashes running and waiting now (for tests and diagnostics). */
export function passwordHashingLoad(): { running: number; waiting: number } {
  const queue = slots();
  return { running: queue.running, waiting: queue.waiting.length };
}

async function withHashingSlot<T>(work: () => Promise<T>): Promise<T> {
  const queue = slots();
  if (queue.running < HASHING.MAX_RUNNING) {
    queue.running += 1;
  } else {
    if (queue.waiting.length >= HASHING.MAX_WAITING) throw new PasswordHashingBusy('too many password hashes waiting');
    // The finishing hash hands its slot straight to the next waiter (running stays the same).
    await new Promise<void>((resolve) => queue.waiting.push(resolve));
  }
  try {
    return await work();
  } finally {
    const next = queue.waiting.shift();
    if (next) next();
    else queue.running -= 1;
  }
}

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return withHashingSlot(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { N: n, r, p, maxmem: MAX_MEM }, (error, key) =>
          error ? reject(error) : resolve(key),
        );
      }),
  );
}

/** Returns "scrypt$N$r$p$salt$hash" (base64url parts). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// A real hash of a random password: verifying against it when the email is unknown costs the
// same time as a real check, so response times do not reveal which emails are registered.
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
