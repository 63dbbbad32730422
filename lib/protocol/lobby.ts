// What the "Find a partner" page shows (GET /api/lobby and every lobby action answer with it).
// The socket only nudges: `lobby:changed` tells the page to fetch this again.
import type { TEnterLobbyInput } from '@/lib/domain/matching';

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
