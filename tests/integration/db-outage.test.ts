// A database outage must not sign anyone out (issue 9 #11): the server reaches PostgreSQL through
// a TCP proxy that the test cuts and restores. PostgreSQL only (TEST_DATABASE_URL): the embedded
// PGlite runs inside the server process and cannot become unreachable. The decision itself (keep
// the session, flag it) is also unit-tested against a client that fails (tests/unit/auth-session.test.ts).
import { createServer, type Server, type Socket, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { Browserish, connected, refusalOf, testUser } from '../helpers/http-client';
import { createTestDatabase, testDatabaseUrl, type TTestDatabase } from '../helpers/test-db';

/** A TCP proxy to PostgreSQL that can be cut (refuse and drop every connection) and restored. */
class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

describe.skipIf(!testDatabaseUrl())('a database outage (PostgreSQL)', () => {
  let database: TTestDatabase;
  let proxy: CuttableProxy;
  let server: TTestServer;

  beforeAll(async () => {
    database = await createTestDatabase({ kind: 'postgres' });
    const direct = new URL(database.databaseUrl!);
    proxy = new CuttableProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.up();
    const proxied = new URL(direct);
    proxied.host = `127.0.0.1:${proxy.port}`;
    server = await startTestServer({ DATABASE_URL: proxied.toString() });
  });
  afterAll(async () => {
    await proxy?.up().catch(() => undefined);
    await server?.cleanup();
    await database?.cleanup();
  });

  it('keeps everyone signed in, says the service is degraded, and recovers', async () => {
    const client = new Browserish(server.url);
    const user = testUser('outage');
    await client.signUp(user);
    await client.signIn(user);
    const cookieBefore = client.cookieHeader();

    await proxy.cut();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(503);

    // The session endpoint keeps the session (and does not clear the cookie).
    const session = await client.request('/api/auth/session');
    expect(session.status).toBe(200);
    expect(await session.json()).toMatchObject({ user: { email: user.email }, isDegraded: true });
    expect(client.cookies.get('authjs.session-token')).toBeTruthy();

    // A page: no redirect to sign-in, and the degraded banner.
    const page = await client.request('/dashboard');
    expect(page.headers.get('location') ?? '').not.toContain('/sign-in');
    expect(await page.text()).toContain('cannot reach its database');

    // A socket is refused with "unavailable", not "unauthenticated" (which sends people to sign in).
    const socket = client.socket();
    expect(await refusalOf(socket)).toMatchObject({ reason: 'unavailable', message: expect.stringContaining('degraded') });
    socket.close();

    await proxy.up();
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(await (await client.request('/api/auth/session')).json()).toMatchObject({ user: { email: user.email } });
    const back = await client.request('/dashboard');
    expect(back.status).toBe(200);
    expect(await back.text()).not.toContain('cannot reach its database');
    const again = client.socket();
    await connected(again);
    again.close();
    expect(cookieBefore).toContain('authjs.session-token');
  });
});
