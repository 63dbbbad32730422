import type { DefaultSession } from 'next-auth';

declare module 'next-auth' {
  interface Session {
    user: { id: string } & DefaultSession['user'];
    /** The database could not be reached to verify this session: the pages say the service is degraded. */
    isDegraded?: boolean;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    /** Our sign-in id: stable across token refreshes, used to revoke this sign-in and close its sockets. */
    sid?: string;
    /** The user's session epoch when the token was issued. */
    epoch?: number;
    /** Set while the database cannot be reached to check the token (see lib/auth/config.ts). */
    isUnverified?: boolean;
  }
}
