import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PROTOCOL_VERSION } from '@/lib/protocol';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { Browserish, connected, refusalOf, testUser } from '../helpers/http-client';

let server: TTestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

describe('health', () => {
  it('reports the database as reachable', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      database: { kind: server.database.kind, reachable: true },
      // Shared by the test files of this worker: other files' boards may be live.
      boards: { live: expect.any(Number), archiveFailing: 0 },
    });
  });
});

describe('operators\' endpoints', () => {
  it('serves Prometheus metrics and the live boards to a loopback caller only, never through a proxy', async () => {
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    for (const name of ['mockroom_boards_live', 'mockroom_sockets_connected', 'mockroom_socket_events_total', 'nodejs_eventloop_lag_seconds']) {
      expect(text).toContain(name);
    }
    const boards = z
      .object({ instanceId: z.string(), rooms: z.array(z.object({ interviewId: z.string(), epoch: z.number() })), cluster: z.null() })
      .parse(await (await fetch(`${server.url}/internal/boards`)).json());
    expect(boards.instanceId).toBe(server.services.env.INSTANCE_ID);
    // What a proxy on the same machine forwards looks like a stranger's request.
    for (const path of ['/metrics', '/internal/boards']) {
      expect((await fetch(`${server.url}${path}`, { headers: { 'x-forwarded-for': '203.0.113.7' } })).status).toBe(404);
    }
  });
});

describe('sign-up', () => {
  it('creates an account, refuses a duplicate email and never stores the password', async () => {
    const client = new Browserish(server.url);
    const user = testUser('signup');
    const created = await client.signUp(user);
    expect(created.status).toBe(201);

    const duplicate = await client.signUp({ ...user, email: user.email.toUpperCase() });
    expect(duplicate.status).toBe(409);
    expect(await duplicate.json()).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('already registered') } });

    const row = await server.services.prisma.user.findUniqueOrThrow({ where: { email: user.email } });
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.passwordHash).not.toContain(user.password);
  });

  it('refuses bad input, a cross-site request and an oversized body, creating nothing', async () => {
    const client = new Browserish(server.url);
    const before = await server.services.prisma.user.count();

    const short = await client.signUp({ name: 'x', email: 'short@example.test', password: 'short' });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { password: expect.stringContaining('at least') } } });

    const crossSite = await fetch(`${server.url}/api/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify(testUser('evil')),
    });
    expect(crossSite.status).toBe(403);

    const huge = await client.request('/api/signup', { method: 'POST', json: { ...testUser('big'), name: 'x'.repeat(20_000) } });
    expect(huge.status).toBe(413);

    expect(await server.services.prisma.user.count()).toBe(before);
  });
});

describe('sign-in', () => {
  it('signs in with the right password only, and throttles repeated failures in the database', async () => {
    const client = new Browserish(server.url);
    const user = testUser('signin');
    await client.signUp(user);

    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await client.signIn({ email: user.email, password: 'wrong-password' });
      expect(response.headers.get('location')).toContain('error=CredentialsSignin');
    }
    expect(await client.session()).toBeNull();
    const throttled = await client.signIn(user);
    expect(throttled.headers.get('location')).toContain('code=throttled');
    expect(await client.session()).toBeNull();
    const where = { key: { startsWith: `signin-account-address:${user.email}|` } };
    expect(await server.services.prisma.rateLimit.findFirstOrThrow({ where })).toMatchObject({ count: 5 });

    // The lock lives in the database: lifting it there lets the right password in.
    await server.services.prisma.rateLimit.deleteMany({ where });
    await client.signIn(user);
    expect((await client.session())?.user?.email).toBe(user.email);
  });
});

describe('socket.io authentication', () => {
  it('accepts a connection carrying the session cookie and knows who it is', async () => {
    const client = new Browserish(server.url);
    const user = testUser('socket');
    await client.signUp(user);
    await client.signIn(user);
    const socket = client.socket();
    await connected(socket);
    const whoami = await socket.emitWithAck('session:whoami');
    expect(whoami).toEqual({ ok: true, data: { id: expect.any(String), name: user.name, email: user.email } });
    socket.close();
  });

  it('refuses an unauthenticated connection with a clear reason', async () => {
    const socket = new Browserish(server.url).socket();
    expect(await refusalOf(socket)).toEqual({ reason: 'unauthenticated', message: expect.stringContaining('not signed in') });
    socket.close();
  });

  it('refuses a forged or tampered session cookie', async () => {
    const client = new Browserish(server.url);
    const user = testUser('forged');
    await client.signUp(user);
    await client.signIn(user);
    const token = client.cookies.get('authjs.session-token')!;
    const forged = new Browserish(server.url);
    forged.cookies.set('authjs.session-token', `${token.slice(0, -12)}AAAAAAAAAAAA`);
    const socket = forged.socket();
    expect((await refusalOf(socket)).reason).toBe('unauthenticated');
    socket.close();
  });

  it('refuses a client speaking another protocol version', async () => {
    const client = new Browserish(server.url);
    const user = testUser('version');
    await client.signUp(user);
    await client.signIn(user);
    const old = client.socket({ protocolVersion: PROTOCOL_VERSION - 1 });
    expect((await refusalOf(old)).reason).toBe('clientTooOld');
    old.close();
    const newer = client.socket({ protocolVersion: PROTOCOL_VERSION + 1 });
    expect((await refusalOf(newer)).reason).toBe('serverTooOld');
    newer.close();
  });

  it('disconnects the sockets of a session when it signs out, and only those', async () => {
    const user = testUser('signout');
    const laptop = new Browserish(server.url);
    await laptop.signUp(user);
    await laptop.signIn(user);
    const phone = new Browserish(server.url);
    await phone.signIn(user);

    const laptopSocket = laptop.socket();
    const phoneSocket = phone.socket();
    await Promise.all([connected(laptopSocket), connected(phoneSocket)]);

    const ended = new Promise<{ reason: string }>((resolve) => laptopSocket.once('session:ended', resolve));
    const disconnected = new Promise<string>((resolve) => laptopSocket.once('disconnect', resolve));
    await laptop.signOut();
    expect(await ended).toMatchObject({ reason: 'signed_out' });
    expect(await disconnected).toBe('io server disconnect');
    expect(await laptop.session()).toBeNull();

    // The other device keeps its connection.
    expect(phoneSocket.connected).toBe(true);
    expect(await phoneSocket.emitWithAck('session:whoami')).toMatchObject({ ok: true });
    phoneSocket.close();
  });

  it('answers a rate-limited event with an error and keeps the socket open', async () => {
    const client = new Browserish(server.url);
    const user = testUser('flood');
    await client.signUp(user);
    await client.signIn(user);
    const socket = client.socket();
    await connected(socket);
    const answers = await Promise.all(Array.from({ length: 60 }, () => socket.emitWithAck('clock:sync', { clientSentAt: 1 })));
    const refused = answers.filter((answer) => !answer.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(socket.connected).toBe(true);
    socket.close();
  });

  it('validates socket payloads with a clear error', async () => {
    const client = new Browserish(server.url);
    const user = testUser('payload');
    await client.signUp(user);
    await client.signIn(user);
    const socket = client.socket();
    await connected(socket);
    const bad = await socket.emitWithAck('clock:sync', { clientSentAt: 'yesterday' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('clientSentAt') } });
    const good = await socket.emitWithAck('clock:sync', { clientSentAt: 42 });
    expect(good).toMatchObject({ ok: true, data: { clientSentAt: 42, serverTime: expect.any(Number) } });
    socket.close();
  });
});

describe('account changes', () => {
  it('a password change signs out other sessions and closes their sockets', async () => {
    const user = testUser('pwchange');
    const laptop = new Browserish(server.url);
    await laptop.signUp(user);
    await laptop.signIn(user);
    const phone = new Browserish(server.url);
    await phone.signIn(user);
    const phoneSocket = phone.socket();
    await connected(phoneSocket);
    const ended = new Promise<{ reason: string }>((resolve) => phoneSocket.once('session:ended', resolve));

    const changed = await laptop.request('/api/account/password', {
      method: 'POST',
      json: { currentPassword: user.password, newPassword: 'a-new-password-123' },
    });
    expect(changed.status).toBe(200);
    expect(await ended).toMatchObject({ reason: 'account_changed' });
    expect(await phone.session()).toBeNull();

    const reconnect = phone.socket();
    expect((await refusalOf(reconnect)).reason).toBe('unauthenticated');
    reconnect.close();
  });

  it('deleting the account removes the user and ends the session', async () => {
    const user = testUser('delete');
    const client = new Browserish(server.url);
    await client.signUp(user);
    await client.signIn(user);
    const wrong = await client.request('/api/account/delete', { method: 'POST', json: { confirmEmail: 'other@example.test', password: user.password } });
    expect(wrong.status).toBe(400);
    const deleted = await client.request('/api/account/delete', { method: 'POST', json: { confirmEmail: user.email, password: user.password } });
    expect(deleted.status).toBe(200);
    expect(await server.services.prisma.user.findUnique({ where: { email: user.email } })).toBeNull();
    expect(await client.session()).toBeNull();
  });
});

describe('pages', () => {
  it('shows no OAuth buttons when no provider is configured', async () => {
    const html = await (await fetch(`${server.url}/sign-in`)).text();
    expect(html).toContain('Sign in');
    expect(html).not.toContain('Continue with');
  });

  it('sends a visitor without a session from the dashboard to sign-in and back', async () => {
    const response = await fetch(`${server.url}/dashboard`, { redirect: 'manual' });
    expect([302, 303, 307]).toContain(response.status);
    expect(response.headers.get('location')).toContain('/sign-in?callbackUrl=%2Fdashboard');
  });

  it('loads no font, script or style from another host', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const external = [...html.matchAll(/(?:src|href)="(https?:\/\/[^"]+)"/g)].map((match) => match[1]);
    expect(external).toEqual([]);
  });
});
