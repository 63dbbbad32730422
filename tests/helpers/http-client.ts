import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from '@/lib/protocol';

/** A tiny cookie-keeping HTTP client that talks to the server as a browser would. */
export class Browserish {
  readonly cookies = new Map<string, string>();
  /** Sent with every request and socket handshake (e.g. X-Forwarded-For, to be another address). */
  readonly headers: Record<string, string> = {};

  constructor(readonly baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(path: string, init: RequestInit & { json?: unknown; form?: Record<string, string> } = {}): Promise<Response> {
    const headers = new Headers({ ...this.headers, ...Object.fromEntries(new Headers(init.headers)) });
    headers.set('cookie', this.cookieHeader());
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      headers.set('origin', this.baseUrl);
      body = JSON.stringify(init.json);
    }
    if (init.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      headers.set('origin', this.baseUrl);
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(new URL(path, this.baseUrl), { ...init, headers, body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const index = pair.indexOf('=');
      const name = pair.slice(0, index);
      const value = pair.slice(index + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  signUp(user: { name: string; email: string; password: string }): Promise<Response> {
    return this.request('/api/signup', { method: 'POST', json: user });
  }

  async signIn(user: { email: string; password: string }): Promise<Response> {
    const csrf = (await (await this.request('/api/auth/csrf')).json()) as { csrfToken: string };
    return this.request('/api/auth/callback/credentials', {
      method: 'POST',
      form: { csrfToken: csrf.csrfToken, email: user.email, password: user.password },
    });
  }

  async signOut(): Promise<Response> {
    const csrf = (await (await this.request('/api/auth/csrf')).json()) as { csrfToken: string };
    return this.request('/api/auth/signout', { method: 'POST', form: { csrfToken: csrf.csrfToken } });
  }

  async session(): Promise<{ user?: { id: string; email: string; name: string } } | null> {
    return (await (await this.request('/api/auth/session')).json()) as { user?: { id: string; email: string; name: string } } | null;
  }

  socket(options: { protocolVersion?: number } = {}): Socket<ServerToClientEvents, ClientToServerEvents> {
    return io(this.baseUrl, {
      auth: { protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION },
      extraHeaders: { ...this.headers, cookie: this.cookieHeader() },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
  }
}

export type TClientSocket = ReturnType<Browserish['socket']>;

/** Resolves when the socket connects, rejects with the server's refusal. */
export function connected(socket: TClientSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
}

export function refusalOf(socket: TClientSocket): Promise<{ reason: string; message: string }> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, but a refusal was expected')));
    socket.once('connect_error', (error) => resolve((error as Error & { data: { reason: string; message: string } }).data));
  });
}

let counter = 0;
export function testUser(label = 'user') {
  counter += 1;
  const id = `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 6)}`;
  return { name: `${label} ${id}`, email: `${label}-${id}@example.test`, password: `password-${id}` };
}
