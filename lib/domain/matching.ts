// The practice lobby's rules: who may be paired with whom, in which order, with which roles, how
// long a no-show waits behind others, and what wait to expect. Pure: the use case
// (lib/use-cases/lobby.ts) reads the waiting entries, applies these rules and writes the result.
import { z } from 'zod';
import { LEVELS, type TLevel } from './interview';
import { type TTopicId } from './prompt';
import { ZTopicId } from './prompt-schema';

/** `swap`: a peer swap, two halves in which each person is the candidate once; only with another `swap`. */
export const LOBBY_ROLES = ['candidate', 'interviewer', 'either', 'swap'] as const;
export type TLobbyRole = (typeof LOBBY_ROLES)[number];

/** Lengths offered; partners must want the same one (a 30-minute and a 60-minute plan differ). */
export const LOBBY_DURATIONS = [30, 45, 60] as const;

/** Seconds both people have to press "I'm ready" once matched. */
export const CONFIRM_SECONDS = 60;

export const MAX_LOBBY_TOPICS = 5;

/** One of the offered lengths (the lobby's and booked slots'). */
export const ZLobbyDuration = z.union(LOBBY_DURATIONS.map((minutes) => z.literal(minutes)) as [z.ZodLiteral<30>, z.ZodLiteral<45>, z.ZodLiteral<60>]);

export const ZEnterLobbyInput = z.strictObject({
  role: z.enum(LOBBY_ROLES),
  level: z.enum(LEVELS),
  topics: z.array(ZTopicId).max(MAX_LOBBY_TOPICS, `At most ${MAX_LOBBY_TOPICS} topics`).default([]),
  durationMinutes: ZLobbyDuration,
});
export type TEnterLobbyInput = z.infer<typeof ZEnterLobbyInput>;

export type TLobbyEntry = {
  id: string;
  userId: string;
  role: TLobbyRole;
  level: TLevel;
  topics: readonly TTopicId[] | readonly string[];
  durationMinutes: number;
  /** Queue order, ms since the epoch: earlier is served first. */
  priorityAt: number;
};

export type TPairing = { interviewer: TLobbyEntry; candidate: TLobbyEntry };

/** The key of an unordered pair of users (blocks work both ways). */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * Roles for two entries, or null when both insist on the same one. When both take either role,
 * the one who waited longer is the candidate (most people come to practise answering).
 */
export function assignRoles(first: TLobbyEntry, second: TLobbyEntry): TPairing | null {
  const [early, late] = first.priorityAt <= second.priorityAt ? [first, second] : [second, first];
  // A peer swap pairs only with a peer swap; the one who waited longer is the candidate first.
  if (early.role === 'swap' || late.role === 'swap') {
    return early.role === late.role ? { candidate: early, interviewer: late } : null;
  }
  if (early.role === 'candidate' || (early.role === 'either' && late.role !== 'candidate')) {
    return late.role === 'candidate' ? null : { candidate: early, interviewer: late };
  }
  // early wants to interview, or takes either role beside someone who wants to be the candidate.
  return late.role === 'interviewer' ? null : { interviewer: early, candidate: late };
}

/** Topics are a wish: two lists that both name topics must share one; an empty list takes any. */
export function topicsOverlap(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true;
  return a.some((topic) => b.includes(topic));
}

export function isCompatible(a: TLobbyEntry, b: TLobbyEntry, blocked: ReadonlySet<string>): boolean {
  return (
    a.userId !== b.userId &&
    a.level === b.level &&
    a.durationMinutes === b.durationMinutes &&
    topicsOverlap(a.topics, b.topics) &&
    !blocked.has(pairKey(a.userId, b.userId)) &&
    assignRoles(a, b) !== null
  );
}

/**
 * Pairs the waiting entries, first come first served: in queue order, each entry not yet taken is
 * paired with the earliest compatible entry after it. Someone whose only compatible partner was
 * taken by an earlier arrival waits on. One entry per user is assumed (the database enforces it);
 * a user appearing twice is still never paired with themselves or twice.
 */
export function planMatches(entries: readonly TLobbyEntry[], blocked: ReadonlySet<string>): TPairing[] {
  const queue = [...entries].sort((a, b) => a.priorityAt - b.priorityAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const taken = new Set<string>();
  const busyUsers = new Set<string>();
  const pairings: TPairing[] = [];
  for (let i = 0; i < queue.length; i++) {
    const entry = queue[i]!;
    if (taken.has(entry.id) || busyUsers.has(entry.userId)) continue;
    for (let j = i + 1; j < queue.length; j++) {
      const other = queue[j]!;
      if (taken.has(other.id) || busyUsers.has(other.userId) || !isCompatible(entry, other, blocked)) continue;
      const pairing = assignRoles(entry, other)!;
      pairings.push(pairing);
      taken.add(entry.id).add(other.id);
      busyUsers.add(entry.userId).add(other.userId);
      break;
    }
  }
  return pairings;
}

/** How far back no-shows count. */
export const NO_SHOW_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The back-off for someone who let matches expire: the first one in a week is forgiven (a missed
 * sound, a phone call); after that they queue behind those who came up to 5, 15, then 60 minutes
 * later.
 */
export function noShowPenaltyMs(recentNoShows: number): number {
  if (recentNoShows <= 1) return 0;
  const minutes = recentNoShows === 2 ? 5 : recentNoShows === 3 ? 15 : 60;
  return minutes * 60 * 1000;
}

/**
 * The wait to expect, in seconds: the median wait of recent matches, or null with too few of
 * them to say.
 */
export function estimateWaitSeconds(recentWaitsMs: readonly number[]): number | null {
  if (recentWaitsMs.length < 3) return null;
  const sorted = [...recentWaitsMs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.max(1, Math.round(median / 1000));
}
