import { ZId } from '@/lib/domain/text-schema';

/**
 * The interview id in every socket payload (room, board, guide, timer): the one id schema
 * (lib/domain/text.ts) that a route's `[id]` also goes through, so a socket and a route refuse
 * the same ids with the same message.
 */
export const ZInterviewId = ZId;
