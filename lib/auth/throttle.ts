import type { PrismaClient } from '@/lib/generated/prisma/client';

/**
 * Rate limits that must hold across processes and restarts live in the database (`RateLimit`),
 * as fixed windows per key. Every change is one `INSERT ... ON CONFLICT DO UPDATE ... WHERE`:
 * PostgreSQL locks the row for the statement, so a burst of concurrent requests gets exactly
 * `limit` slots (a read-then-write would let several through at once, as it used to).
 */

export type TWindow = { limit: number; windowMs: number };

export type TTake = { isAllowed: true; count: number } | { isAllowed: false; retryAfterMs: number };

/**
 * Takes one slot of `key`'s window, or refuses when the window is full. A window older than
 * `windowMs` starts again at this slot. `limit: null` counts without ever refusing.
 */
export async function takeSlot(prisma: PrismaClient, key: string, window: { limit: number | null; windowMs: number }, now: number): Promise<TTake> {
  const cutoff = BigInt(now - window.windowMs);
  const limit = window.limit ?? 2 ** 31 - 1;
  const rows = await prisma.$queryRaw<Array<{ count: number }>>`
    INSERT INTO "RateLimit" AS r ("key", "count", "windowStartMs") VALUES (${key}, 1, ${BigInt(now)}::bigint)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN r."windowStartMs" <= ${cutoff}::bigint THEN 1 ELSE r."count" + 1 END,
      "windowStartMs" = CASE WHEN r."windowStartMs" <= ${cutoff}::bigint THEN ${BigInt(now)}::bigint ELSE r."windowStartMs" END
    WHERE r."windowStartMs" <= ${cutoff}::bigint OR r."count" < ${limit}
    RETURNING "count"`;
  const taken = rows[0];
  if (taken) return { isAllowed: true, count: Number(taken.count) };
  const row = await prisma.rateLimit.findUnique({ where: { key }, select: { windowStartMs: true } });
  return { isAllowed: false, retryAfterMs: Math.max(1000, Number(row?.windowStartMs ?? BigInt(now)) + window.windowMs - now) };
}

/** Gives one slot of each key back (an attempt that turned out not to count). */
async function giveBackSlots(prisma: PrismaClient, keys: string[]): Promise<void> {
  await prisma.$executeRaw`UPDATE "RateLimit" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ANY(${keys})`;
}

/** Forgets windows that ended long ago (nothing in them limits anyone any more). */
export async function sweepSlots(prisma: PrismaClient, olderThanMs: number, now: number): Promise<void> {
  await prisma.rateLimit.deleteMany({ where: { windowStartMs: { lt: BigInt(now - olderThanMs) } } });
}

// ---------------------------------------------------------------------------------------------
// Sign-in
// ---------------------------------------------------------------------------------------------

/**
 * The sign-in throttle. A failed password counts against three keys, in one 15-minute window:
 * - the address (any account): 20 failures, then that address may not try again for the window;
 *   this stops one client from trying email after email;
 * - the account from that address: 5 failures, then that address may not try that account;
 * - the account from every address: past 5 failures the account is under attack, and then only
 *   an address that has not failed on it in the window may try, once before it fails.
 * A stranger therefore never locks the owner out: the owner's own address has not failed, so the
 * right password still works there, while each attacking address gets at most 5 guesses (1 once
 * the account is under attack). Every attempt takes its slots before the password is checked, so
 * a concurrent burst cannot slip past a limit; a right password gives them back.
 */
export const SIGN_IN_THROTTLE = {
  WINDOW_MS: 15 * 60_000,
  PER_ADDRESS: 20,
  PER_ACCOUNT_AND_ADDRESS: 5,
  ACCOUNT_UNDER_ATTACK: 5,
} as const;

const signInKeys = (email: string, address: string) => ({
  address: `signin-address:${address}`,
  account: `signin-account:${email}`,
  accountAndAddress: `signin-account-address:${email}|${address}`,
});

export type TSignInGate = { isAllowed: true; keys: ReturnType<typeof signInKeys> } | { isAllowed: false; retryAfterMs: number };

/** Takes the slots of one sign-in attempt, or refuses it. Call `settleSignIn` once the password is checked. */
export async function reserveSignIn(prisma: PrismaClient, email: string, address: string, now: number): Promise<TSignInGate> {
  const keys = signInKeys(email, address);
  const windowMs = SIGN_IN_THROTTLE.WINDOW_MS;
  if (Math.random() < 0.01) await sweepSlots(prisma, 2 * 60 * 60_000, now);

  const byAddress = await takeSlot(prisma, keys.address, { limit: SIGN_IN_THROTTLE.PER_ADDRESS, windowMs }, now);
  if (!byAddress.isAllowed) return byAddress;
  const byAccount = await takeSlot(prisma, keys.account, { limit: null, windowMs }, now);
  const isUnderAttack = byAccount.isAllowed && byAccount.count > SIGN_IN_THROTTLE.ACCOUNT_UNDER_ATTACK;
  const pairLimit = isUnderAttack ? 1 : SIGN_IN_THROTTLE.PER_ACCOUNT_AND_ADDRESS;
  const byPair = await takeSlot(prisma, keys.accountAndAddress, { limit: pairLimit, windowMs }, now);
  if (!byPair.isAllowed) return byPair;
  return { isAllowed: true, keys };
}

/** The password could not be checked (the hashing queue was full): the attempt does not count. */
export async function releaseSignIn(prisma: PrismaClient, gate: Extract<TSignInGate, { isAllowed: true }>): Promise<void> {
  await giveBackSlots(prisma, Object.values(gate.keys));
}

/**
 * After the password check. A right password proves that this address's earlier failures on the
 * account were the owner's typos, not an attack: they and this attempt are taken off the address
 * and the account counts (else a forgetful owner would put their own account "under attack").
 */
export async function settleSignIn(prisma: PrismaClient, gate: Extract<TSignInGate, { isAllowed: true }>, isValid: boolean): Promise<void> {
  if (!isValid) return;
  await prisma.$executeRaw`
    WITH pair AS (DELETE FROM "RateLimit" WHERE "key" = ${gate.keys.accountAndAddress} RETURNING "count")
    UPDATE "RateLimit" SET "count" = GREATEST("count" - COALESCE((SELECT "count" FROM pair), 1), 0)
    WHERE "key" IN (${gate.keys.address}, ${gate.keys.account})`;
}

// ---------------------------------------------------------------------------------------------
// Sign-up
// ---------------------------------------------------------------------------------------------

export const SIGN_UP_WINDOW_MS = 60 * 60_000;

/** One sign-up slot for an address: `perHour` accounts per address per hour (SIGNUP_LIMIT_PER_HOUR). */
export function reserveSignUp(prisma: PrismaClient, address: string, perHour: number, now: number): Promise<TTake> {
  return takeSlot(prisma, `signup-address:${address}`, { limit: perHour, windowMs: SIGN_UP_WINDOW_MS }, now);
}
