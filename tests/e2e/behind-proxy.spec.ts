import { request as httpRequest, createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { expect, test } from '@playwright/test';
import { createTestDatabase } from '../helpers/test-db';
import { freePort, ServerProcess } from '../helpers/server-process';

/**
 * A reverse proxy as the simplest nginx `proxy_pass` makes one: it forwards every request and
 * WebSocket to the app and writes the app's own address in `Host`, setting no X-Forwarded-Host.
 * The README's answer for that shape is AUTH_URL (the public URL).
 */
function startProxy(port: number, target: number): Promise<Server> {
  const proxy = createServer((incoming, outgoing) => {
    const forwarded = httpRequest(
      { host: '127.0.0.1', port: target, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: `127.0.0.1:${target}` } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  proxy.on('upgrade', (incoming, socket, head) => {
    const upstream = connect(target, '127.0.0.1', () => {
      const lines = [`${incoming.method} ${incoming.url} HTTP/1.1`];
      for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
        const name = incoming.rawHeaders[i]!;
        lines.push(`${name}: ${name.toLowerCase() === 'host' ? `127.0.0.1:${target}` : incoming.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  return new Promise((resolve) => proxy.listen(port, '127.0.0.1', () => resolve(proxy)));
}

test('behind a proxy that rewrites Host, with AUTH_URL set as the README says, a new user signs up and signs in', async ({ browser }) => {
  test.setTimeout(180_000);
  const proxyPort = await freePort();
  const publicUrl = `http://localhost:${proxyPort}`;
  const database = await createTestDatabase();
  const server = new ServerProcess(await freePort(), {
    dataDir: database.dataDir,
    databaseUrl: database.databaseUrl,
    env: { AUTH_URL: publicUrl, AUTH_TRUST_HOST: '' },
  });
  await server.start();
  const proxy = await startProxy(proxyPort, server.port);
  try {
    const context = await browser.newContext({ baseURL: publicUrl });
    const page = await context.newPage();
    const email = `proxy-${Date.now()}@example.test`;
    const password = `pw-${Date.now()}-proxy`;
    await page.goto('/sign-up');
    const signUp = page.getByRole('form', { name: 'Sign up' });
    await signUp.getByLabel('Name').fill('Proxied Person');
    await signUp.getByLabel('Email').fill(email);
    await signUp.getByLabel('Password').fill(password);
    await signUp.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(`${publicUrl}/dashboard`);
    await expect(page.getByTestId('signed-in-user')).toHaveText('Proxied Person');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    const signIn = page.getByRole('form', { name: 'Sign in' });
    await signIn.getByLabel('Email').fill(email);
    await signIn.getByLabel('Password').fill(password);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${publicUrl}/dashboard`);
    await expect(page.getByTestId('signed-in-user')).toHaveText('Proxied Person');
    await context.close();
  } finally {
    const closed = new Promise((resolve) => proxy.close(resolve));
    proxy.closeAllConnections();
    await server.stop();
    await closed;
    await database.cleanup();
  }
});
