import { randomUUID } from 'node:crypto';
import { PrismaAdapter } from '@auth/prisma-adapter';
import type { NextAuthConfig } from 'next-auth';
import { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import { enabledOAuthProviders, usesSecureCookies } from '@/lib/env';
import type { Services } from '@/lib/services';
import { authenticate } from '@/lib/use-cases/authenticate';

class InvalidCredentials extends CredentialsSignin {
  override code = 'invalid';
}
class Throttled extends CredentialsSignin {
  override code = 'throttled';
}

export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

/**
 * The Auth.js configuration, built from the process's services. JWT sessions, because the
 * Credentials provider creates no database sessions; the token carries our own `sid` (stable for
 * the life of a sign-in, unlike `jti`) so sign-out can close exactly that session's sockets, and
 * the user's `epoch`, so a password change or account deletion ends every other session.
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
        async authorize(credentials) {
          const result = await authenticate(prisma, credentials);
          if (result.ok) return { ...result.user, name: result.user.name ?? result.user.email };
          if (result.reason === 'throttled') throw new Throttled();
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
        const row = await prisma.user.findUnique({
          where: { id: token.sub },
          select: { name: true, email: true, sessionEpoch: true },
        });
        // Deleted account, or a password change since this token was issued: end the session.
        if (!row || row.sessionEpoch !== token.epoch) return null;
        token.name = row.name;
        token.email = row.email;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      signOut(message) {
        const sid = 'token' in message ? message.token?.sid : undefined;
        if (typeof sid === 'string') services.realtime.disconnectSession(sid, 'signed_out');
      },
    },
  };
}
