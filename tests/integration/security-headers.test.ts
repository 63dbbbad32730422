// Issue 9 #9: a Content-Security-Policy with a per-response nonce on every page, and socket.io
// handshakes refused when a browser sends them from another origin.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '@/lib/protocol';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { signedInClient } from '../helpers/room-fixtures';

let server: TTestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

describe('Content-Security-Policy', () => {
  it('gives every page a fresh nonce that is on each of its scripts, and allows no eval', async () => {
    const person = await signedInClient(server, 'csp');
    const nonces = new Set<string>();
    for (const [path, client] of [
      ['/', undefined],
      ['/sign-in', undefined],
      ['/dashboard', person.client],
      ['/prompts', person.client],
      ['/no-such-page', undefined],
    ] as const) {
      const response = client ? await client.request(path) : await fetch(`${server.url}${path}`);
      const policy = response.headers.get('content-security-policy');
      expect(policy, path).toBeTruthy();
      const parsed = directives(policy!);
      const scriptSources = parsed.get('script-src') ?? [];
      const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(scriptSources.find((source) => source.startsWith("'nonce-")) ?? '')?.[1];
      expect(nonce, path).toBeTruthy();
      nonces.add(nonce!);
      expect(scriptSources).toContain("'strict-dynamic'");
      expect(scriptSources).not.toContain("'unsafe-eval'");
      expect(scriptSources).not.toContain("'unsafe-inline'");
      expect(parsed.get('object-src')).toEqual(["'none'"]);
      expect(parsed.get('frame-ancestors')).toEqual(["'none'"]);
      expect(parsed.get('img-src')).toEqual(["'self'", 'blob:', 'data:']);

      // Every script tag Next wrote carries the nonce (else the browser would not run it).
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
    expect(nonces.size).toBe(5);
  });

  it('replaces a policy the client sent in its request, so a client cannot choose the nonce', async () => {
    const response = await fetch(`${server.url}/sign-in`, {
      headers: { 'content-security-policy': "script-src 'nonce-chosenbytheclient'", 'content-security-policy-report-only': "script-src 'nonce-other'" },
    });
    const html = await response.text();
    expect(response.headers.get('content-security-policy')).not.toContain('chosenbytheclient');
    expect(html).not.toContain('chosenbytheclient');
    expect(html).not.toContain('nonce-other');
  });
});

describe('socket.io Origin', () => {
  const handshake = (cookie: string, headers: Record<string, string>, transport: 'websocket' | 'polling') =>
    new Promise<{ connected: true } | { connected: false; message: string }>((resolve) => {
      const socket = io(server.url, {
        auth: { protocolVersion: PROTOCOL_VERSION },
        extraHeaders: { cookie, ...headers },
        transports: [transport],
        reconnection: false,
        forceNew: true,
      });
      socket.once('connect', () => {
        socket.close();
        resolve({ connected: true });
      });
      socket.once('connect_error', (error) => {
        socket.close();
        resolve({ connected: false, message: error.message });
      });
    });

  it('refuses a handshake from another origin carrying a valid session cookie, and accepts our own', async () => {
    const person = await signedInClient(server, 'origin');
    const cookie = person.client.cookieHeader();
    const ownOrigin = new URL(server.url).origin;
    for (const transport of ['websocket', 'polling'] as const) {
      expect(await handshake(cookie, { origin: ownOrigin }, transport), transport).toEqual({ connected: true });
      // No Origin: a same-origin polling request (browsers omit it there) or a program.
      expect(await handshake(cookie, {}, transport), transport).toEqual({ connected: true });
      for (const origin of ['https://evil.example', `http://evil.example:${server.port}`, 'null', `http://127.0.0.2:${server.port}`]) {
        expect(await handshake(cookie, { origin }, transport), `${transport} ${origin}`).toMatchObject({ connected: false });
      }
      // A browser's no-cors request from another site carries no Origin but says where it is from.
      expect(await handshake(cookie, { 'sec-fetch-site': 'cross-site' }, transport), transport).toMatchObject({ connected: false });
      expect(await handshake(cookie, { 'sec-fetch-site': 'same-origin' }, transport), transport).toEqual({ connected: true });
    }
  });
});
