import type { PrismaClient } from '@/lib/generated/prisma/client';

/**
 * What every use case is called with: the database, the caller (from the session, never from the
 * input) and the server time of the request (epoch ms), so tests and the realtime server inject
 * the clock and no use case reads one of its own.
 */
export type TUseCaseContext = { db: PrismaClient; userId: string; now: number };

export function useCaseContext(db: PrismaClient, userId: string, now: number = Date.now()): TUseCaseContext {
  return { db, userId, now };
}
