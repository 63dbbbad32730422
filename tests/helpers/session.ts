import { randomUUID } from 'node:crypto';
import { encode } from 'next-auth/jwt';

export type TMintedSession = { name: string; value: string };

/**
 * An Auth.js session cookie for a stored user, with the claims lib/auth/config.ts's jwt callback
 * puts in a fresh sign-in (sub, sid, epoch), encoded with the server's secret and the cookie name
 * as salt, as server/realtime/authenticate.ts and Auth.js read it. It spares a test the scrypt
 * cost of a real sign-in; the real sign-in has its own tests (integration server.test.ts, e2e
 * auth.spec.ts). If the claims ever drift, every test using it fails to authenticate.
 */
export async function mintSessionCookie(options: {
  user: { id: string; name: string; email: string; sessionEpoch?: number };
  secret: string;
  secureCookie?: boolean;
}): Promise<TMintedSession> {
  const name = `${options.secureCookie ? '__Secure-' : ''}authjs.session-token`;
  const { user } = options;
  const token = { name: user.name, email: user.email, sub: user.id, sid: randomUUID(), epoch: user.sessionEpoch ?? 0 };
  // A day: longer than any test run.
  const value = await encode({ token, secret: options.secret, salt: name, maxAge: 24 * 60 * 60 });
  return { name, value };
}
