import { jsonRoute } from '@/lib/auth/route-guard';
import { shareNotes } from '@/lib/use-cases/share-notes';

/** Shares the interviewer's notes with the candidate: `{ noteId?, isShared }`; without noteId, all of them. */
export const POST = jsonRoute(({ services, userId, id, body }) => shareNotes(services.prisma, userId!, id!, body), { requireUser: true });
