import type { DefaultSession } from 'next-auth';

declare module 'next-auth' {
  interface Session {
    user: { id: string } & DefaultSession['user'];
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    /** Our sign-in id: stable across token refreshes, used to close this session's sockets. */
    sid?: string;
    /** The user's session epoch when the token was issued. */
    epoch?: number;
  }
}
