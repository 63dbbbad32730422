import { describe, expect, it } from 'vitest';
import { refreshSessionToken } from '@/lib/auth/session-check';
import type { PrismaClient } from '@/lib/generated/prisma/client';

/** A Prisma client whose every query fails as one does when PostgreSQL cannot be reached. */
const unreachable = new Proxy(
  {},
  {
    get: () =>
      new Proxy(
        {},
        {
          get: () => () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })),
        },
      ),
  },
) as PrismaClient;

describe("a session's token on each request", () => {
  it('is kept, flagged unverified, while the database cannot be reached (an outage signs nobody out)', async () => {
    const token = await refreshSessionToken(unreachable, { sub: 'user-1', sid: 'sid-1', epoch: 2, name: 'Ada' });
    expect(token).toEqual({ sub: 'user-1', sid: 'sid-1', epoch: 2, name: 'Ada', isUnverified: true });
  });

  it('is ended when the database answers that it was signed out, or refreshed (and verified) when not', async () => {
    let revoked: { sid: string } | null = { sid: 'sid-1' };
    const answering = {
      user: { findUnique: async () => ({ id: 'user-1', name: 'Ada L.', email: 'ada@example.test', sessionEpoch: 2 }) },
      revokedSession: { findUnique: async () => revoked },
    } as unknown as PrismaClient;
    expect(await refreshSessionToken(answering, { sub: 'user-1', sid: 'sid-1', epoch: 2 })).toBeNull();
    revoked = null;
    expect(await refreshSessionToken(answering, { sub: 'user-1', sid: 'sid-1', epoch: 2, isUnverified: true })).toEqual({
      sub: 'user-1',
      sid: 'sid-1',
      epoch: 2,
      name: 'Ada L.',
      email: 'ada@example.test',
    });
    // A token from before a password change (older epoch) is ended too.
    expect(await refreshSessionToken(answering, { sub: 'user-1', sid: 'sid-1', epoch: 1 })).toBeNull();
  });
});
