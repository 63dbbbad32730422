// Sign-in throttle, sign-up limit and sign-out revocation (issue 9 #6, #7, #8). The server trusts
// one proxy (TRUST_PROXY_HOPS=1), so each client below is "another address" through its
// X-Forwarded-For header. On PostgreSQL (TEST_DATABASE_URL) the concurrent bursts race for real.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_THROTTLE } from '@/lib/auth/throttle';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { Browserish, connected, refusalOf, testUser } from '../helpers/http-client';

const SIGNUP_LIMIT = 3;
let server: TTestServer;
beforeAll(async () => {
  server = await startTestServer({ TRUST_PROXY_HOPS: '1', SIGNUP_LIMIT_PER_HOUR: String(SIGNUP_LIMIT) });
});
afterAll(async () => {
  await server?.cleanup();
});

let addressCounter = 0;
/** A client at an address no other test uses. */
function clientAt(): Browserish {
  addressCounter += 1;
  const client = new Browserish(server.url);
  client.headers['x-forwarded-for'] = `198.51.${Math.floor(addressCounter / 250)}.${addressCounter % 250}`;
  return client;
}

/** An account made from its own address (sign-ups are limited per address). */
async function account(label: string) {
  const user = testUser(label);
  expect((await clientAt().signUp(user)).status).toBe(201);
  return user;
}

/** What Auth.js answered: signed in, a wrong password, or throttled. */
async function signInOutcome(client: Browserish, email: string, password: string): Promise<'signed-in' | 'invalid' | 'throttled' | string> {
  const location = (await client.signIn({ email, password })).headers.get('location') ?? '';
  if (!location.includes('error=')) return 'signed-in';
  return new URL(location, server.url).searchParams.get('code') ?? location;
}

describe('sign-in throttle', () => {
  it('five failures lock that address out of the account, never the owner at another address', async () => {
    const user = await account('victim');
    const attacker = clientAt();
    for (let i = 0; i < SIGN_IN_THROTTLE.PER_ACCOUNT_AND_ADDRESS; i++) expect(await signInOutcome(attacker, user.email, `guess-${i}-password`)).toBe('invalid');
    expect(await signInOutcome(attacker, user.email, 'one-more-guess')).toBe('throttled');
    // Even the right password is refused from the attacking address for the rest of the window...
    expect(await signInOutcome(attacker, user.email, user.password)).toBe('throttled');
    // ... while the owner, at an address that has not failed, signs in.
    const owner = clientAt();
    expect(await signInOutcome(owner, user.email, user.password)).toBe('signed-in');
    expect((await owner.session())?.user?.email).toBe(user.email);
  });

  it('an account under attack from many addresses: each failed address is out, a fresh one gets one try, the owner gets in', async () => {
    const user = await account('spread');
    const attackers = Array.from({ length: SIGN_IN_THROTTLE.ACCOUNT_UNDER_ATTACK }, clientAt);
    for (const attacker of attackers) expect(await signInOutcome(attacker, user.email, 'a-wrong-password')).toBe('invalid');
    // The account is under attack now: an address that failed once may not try again.
    expect(await signInOutcome(attackers[0]!, user.email, 'another-wrong-one')).toBe('throttled');
    const newcomer = clientAt();
    expect(await signInOutcome(newcomer, user.email, 'fresh-wrong-guess')).toBe('invalid');
    expect(await signInOutcome(newcomer, user.email, 'second-wrong-guess')).toBe('throttled');
    expect(await signInOutcome(clientAt(), user.email, user.password)).toBe('signed-in');
  });

  it('one address trying email after email is stopped after 20 failures, whatever the emails', async () => {
    const sprayer = clientAt();
    const outcomes: string[] = [];
    for (let i = 0; i < SIGN_IN_THROTTLE.PER_ADDRESS + 3; i++) outcomes.push(await signInOutcome(sprayer, `nobody-${i}-${randomUUID()}@example.test`, 'password-123'));
    expect(outcomes.filter((outcome) => outcome === 'invalid')).toHaveLength(SIGN_IN_THROTTLE.PER_ADDRESS);
    expect(outcomes.slice(SIGN_IN_THROTTLE.PER_ADDRESS)).toEqual(['throttled', 'throttled', 'throttled']);
    // A real user at that address is stopped too (it is the address that is limited) ...
    const user = await account('neighbour');
    expect(await signInOutcome(sprayer, user.email, user.password)).toBe('throttled');
    // ... and elsewhere is not.
    expect(await signInOutcome(clientAt(), user.email, user.password)).toBe('signed-in');
  });

  it('a concurrent burst gets exactly five password checks per account and address, atomically', async () => {
    const user = await account('burst');
    const attacker = clientAt();
    const csrf = (await (await attacker.request('/api/auth/csrf')).json()) as { csrfToken: string };
    // All 30 guesses land together, with one CSRF token (one cookie jar).
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        attacker.request('/api/auth/callback/credentials', { method: 'POST', form: { csrfToken: csrf.csrfToken, email: user.email, password: `burst-guess-${i}` } }),
      ),
    );
    const codes = responses.map((response) => new URL(response.headers.get('location') ?? '/', server.url).searchParams.get('code'));
    expect(codes.filter((code) => code === 'invalid')).toHaveLength(SIGN_IN_THROTTLE.PER_ACCOUNT_AND_ADDRESS);
    expect(codes.filter((code) => code === 'throttled')).toHaveLength(30 - SIGN_IN_THROTTLE.PER_ACCOUNT_AND_ADDRESS);
  });

  it('a right password does not count as a failure', async () => {
    const user = await account('regular');
    const home = clientAt();
    for (let day = 0; day < 8; day++) {
      expect(await signInOutcome(home, user.email, `typo-${day}-password`)).toBe('invalid');
      expect(await signInOutcome(home, user.email, user.password)).toBe('signed-in');
    }
  });
});

describe('sign-up limit', () => {
  it(`creates at most ${SIGNUP_LIMIT} accounts per address per hour, also in a concurrent burst, with a clear 429`, async () => {
    const flooder = clientAt();
    const before = await server.services.prisma.user.count();
    const statuses = await Promise.all(Array.from({ length: 10 }, () => flooder.signUp(testUser('flood')).then((response) => response.status)));
    expect(statuses.filter((status) => status === 201)).toHaveLength(SIGNUP_LIMIT);
    expect(statuses.filter((status) => status === 429)).toHaveLength(10 - SIGNUP_LIMIT);
    expect(await server.services.prisma.user.count()).toBe(before + SIGNUP_LIMIT);
    const refused = await flooder.signUp(testUser('flood'));
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'rate_limited', message: expect.stringContaining('Too many accounts') } });
    // Another address is not affected.
    expect((await clientAt().signUp(testUser('elsewhere'))).status).toBe(201);
  });

  it('counts the address the trusted proxy saw, not what the client wrote before it in X-Forwarded-For', async () => {
    const proxied = clientAt().headers['x-forwarded-for']!;
    const statuses: number[] = [];
    for (let i = 0; i < SIGNUP_LIMIT + 1; i++) {
      const client = new Browserish(server.url);
      client.headers['x-forwarded-for'] = `203.0.113.${i}, ${proxied}`;
      statuses.push((await client.signUp(testUser('spoof'))).status);
    }
    expect(statuses).toEqual([...Array<number>(SIGNUP_LIMIT).fill(201), 429]);
  });
});

describe('sign-out', () => {
  it('revokes the session on the server: a cookie copied before sign-out opens no page, route or socket', async () => {
    const user = testUser('copied');
    const laptop = clientAt();
    expect((await laptop.signUp(user)).status).toBe(201);
    await laptop.signIn(user);
    const phone = clientAt();
    await phone.signIn(user);

    const thief = new Browserish(server.url);
    for (const [name, value] of laptop.cookies) thief.cookies.set(name, value);
    expect((await thief.session())?.user?.email).toBe(user.email);

    await laptop.signOut();
    expect(await laptop.session()).toBeNull();

    // The copy made before the sign-out: refused everywhere.
    expect(await thief.session()).toBeNull();
    const page = await thief.request('/dashboard');
    expect([302, 303, 307]).toContain(page.status);
    expect(page.headers.get('location')).toContain('/sign-in');
    const route = await thief.request('/api/interviews', { method: 'POST', json: { promptId: 'x', level: 'L4' } });
    expect(route.status).toBe(401);
    const socket = thief.socket();
    expect((await refusalOf(socket)).reason).toBe('unauthenticated');
    socket.close();

    // The same user's other session is untouched.
    expect((await phone.session())?.user?.email).toBe(user.email);
    const phoneSocket = phone.socket();
    await connected(phoneSocket);
    phoneSocket.close();
  });
});
