import { randomUUID } from 'node:crypto';
import { PrismaAdapter } from '@auth/prisma-adapter';
import type { NextAuthConfig } from 'next-auth';
import { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import { enabledOAuthProviders, usesSecureCookies } from '@/lib/env';
import { clientAddress } from '@/lib/http';
import type { Services } from '@/lib/services';
import { authenticate } from '@/lib/use-cases/authenticate';
import { refreshSessionToken, revokeSession, SESSION_MAX_AGE_S } from './session-check';

class InvalidCredentials extends CredentialsSignin {
  override code = 'invalid';
}
class Throttled extends CredentialsSignin {
  override code = 'throttled';
}
class Busy extends CredentialsSignin {
  override code = 'busy';
}
class Unavailable extends CredentialsSignin {
  override code = 'unavailable';
}

export { SESSION_MAX_AGE_S };

/**
 * The Auth.js configuration, built from the process's services. JWT sessions, because the
 * Credentials provider creates no database sessions; the token carries our own `sid` (stable for
 * the life of a sign-in, unlike `jti`) so sign-out can revoke exactly that sign-in and close its
 * sockets, and the user's `epoch`, so a password change or account deletion ends every other
 * session.
 */
export function buildAuthConfig(services: Services): NextAuthConfig {
  const { prisma, env } = services;
  const oauth = enabledOAuthProviders(env);
  return {
    secret: services.authSecret,
    trustHost: env.AUTH_TRUST_HOST ?? (Boolean(env.AUTH_URL) || env.NODE_ENV !== 'production'),
    useSecureCookies: usesSecureCookies(env),
    // Prisma 7's generated client is structurally what the adapter needs.
    adapter: PrismaAdapter(prisma as never),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: '/sign-in', error: '/sign-in' },
    logger: {
      // A wrong password is an expected outcome, not a server error worth a stack trace.
      error(error) {
        if (error.name === 'CredentialsSignin' || (error as { type?: string }).type === 'CredentialsSignin') return;
        console.error('[auth]', error);
      },
    },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          let result;
          try {
            result = await authenticate(prisma, credentials, { address: clientAddress(request) });
          } catch (error) {
            // The database (or the throttle in it) cannot be reached: say so, not "wrong password".
            console.error('[auth] sign-in could not be checked', error);
            throw new Unavailable();
          }
          if (result.ok) return { ...result.user, name: result.user.name ?? result.user.email };
          if (result.reason === 'throttled') throw new Throttled();
          if (result.reason === 'busy') throw new Busy();
          throw new InvalidCredentials();
        },
      }),
      ...(oauth.includes('github') ? [GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })] : []),
      ...(oauth.includes('google') ? [Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })] : []),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user?.id) {
          // A fresh sign-in (credentials or OAuth).
          const row = await prisma.user.findUnique({ where: { id: user.id }, select: { sessionEpoch: true } });
          token.sub = user.id;
          token.sid = randomUUID();
          token.epoch = row?.sessionEpoch ?? 0;
          return token;
        }
        if (!token.sub) return null;
        return refreshSessionToken(prisma, token);
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        if (token.isUnverified) session.isDegraded = true;
        return session;
      },
    },
    events: {
      async signOut(message) {
        const token = 'token' in message ? message.token : null;
        if (typeof token?.sid !== 'string' || !token.sub) return;
        // Server-side: a copy of this cookie made before the sign-out is refused from now on.
        await revokeSession(prisma, { sid: token.sid, userId: token.sub });
        services.realtime.disconnectSession(token.sid, 'signed_out');
      },
    },
  };
}
