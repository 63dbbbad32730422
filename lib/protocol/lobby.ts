// What the "Find a partner" page shows (GET /api/lobby and every lobby action answer with it).
// The socket only nudges: `lobby:changed` tells the page to fetch this again.
import { z } from 'zod';
import { LEVELS } from '@/lib/domain/interview';
import { LOBBY_ROLES, MAX_LOBBY_TOPICS, type TEnterLobbyInput } from '@/lib/domain/matching';
import { ZTopicId } from '@/lib/domain/prompt-schema';

/** What a link may preset in the "Find a partner" form (`/practice?role=&level=&topics=a,b`); the person still submits it. */
export type TLobbyPrefill = Partial<Pick<TEnterLobbyInput, 'role' | 'level' | 'topics'>>;

const ZPrefillParams = z.object({
  role: z.enum(LOBBY_ROLES).optional().catch(undefined),
  level: z.enum(LEVELS).optional().catch(undefined),
  // Unknown topics are dropped, not refused: a link from an older page still opens the form.
  topics: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').flatMap((id) => (ZTopicId.safeParse(id).success ? [ZTopicId.parse(id)] : [])).slice(0, MAX_LOBBY_TOPICS))
    .catch([]),
});

/** The prefill of the form from the page's search params; whatever does not parse is left unset. */
export function lobbyPrefill(params: Record<string, string | string[] | undefined>): TLobbyPrefill {
  const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);
  const parsed = ZPrefillParams.parse({ role: single(params.role), level: single(params.level), topics: single(params.topics) });
  return {
    ...(parsed.role ? { role: parsed.role } : {}),
    ...(parsed.level ? { level: parsed.level } : {}),
    ...(parsed.topics.length > 0 ? { topics: [...new Set(parsed.topics)] } : {}),
  };
}

/** The address of the "Find a partner" form preset with `prefill`. */
export function lobbyPrefillHref(prefill: Omit<TLobbyPrefill, 'topics'> & { topics?: readonly string[] }): string {
  const params = new URLSearchParams();
  if (prefill.role) params.set('role', prefill.role);
  if (prefill.level) params.set('level', prefill.level);
  if (prefill.topics && prefill.topics.length > 0) params.set('topics', prefill.topics.join(','));
  return params.size > 0 ? `/practice?${params}` : '/practice';
}

export type TLobbyNotice =
  /** The partner did not confirm in time: the person is back in the queue, at their old place. */
  | 'partner_no_show'
  /** The person did not confirm in time (or left while matched): recorded as a no-show. */
  | 'you_no_show';

export type TLobbyView = {
  /** No-shows in the last week and the back-off they put on the next entry (minutes). */
  noShows: { recent: number; penaltyMinutes: number };
  notice: TLobbyNotice | null;
} & (
  | { state: 'idle' }
  | {
      state: 'waiting';
      choice: TEnterLobbyInput;
      /** ms since the epoch. */
      since: number;
      /** Others waiting right now who could be paired with this person. */
      waitingCompatible: number;
      /** The median wait of recent matches at this level; null with too few to say. */
      estimatedWaitSeconds: number | null;
    }
  | {
      state: 'matched';
      matchId: string;
      role: 'candidate' | 'interviewer';
      partnerName: string | null;
      level: TEnterLobbyInput['level'];
      durationMinutes: number;
      /** A peer swap: `role` is this person's role in the first half; the second swaps them. */
      isSwap: boolean;
      /** ms since the epoch: both must be ready before this. */
      expiresAt: number;
      isReady: boolean;
      isPartnerReady: boolean;
    }
  | { state: 'started'; interviewId: string; role: 'candidate' | 'interviewer' }
);

/** Server-to-client event: this user's lobby state changed; fetch it again. */
export const LOBBY_CHANGED_EVENT = 'lobby:changed';
