import type { RoomSnapshot } from '@tldraw/sync-core';
import type { Role } from '@/lib/generated/prisma/enums';
import type { TReplayEvent, TReplayKeyframe } from '@/lib/domain/board-replay';
import type { TDimensionId, TDimensionScore, TLevelEstimate, TRecommendation } from '@/lib/domain/rubric';
import type { TInterviewerGuide } from './guide';

// What the browser receives about an interview after (and around) its end: the review's parts,
// the replay's timeline, scorecards and feedback. Built by the use cases (lib/use-cases), shown by
// the components; neither side defines them for the other.

/** A note as the review shows it; `atMs` is interview time (ms since the start). */
export type TReviewNote = { id: string; atMs: number; text: string; isShared: boolean };

/** A hint the interviewer revealed, and when (interview time; null if the moment was not recorded). */
export type TReviewHint = { index: number; text: string; atMs: number | null };

/**
 * The guide of the prompt copy and the key points ticked during the interview (the room's
 * interviewer guide without its notes, which the review lists on their own): the interviewer's
 * always, the candidate's once the scorecard is released to them (lib/use-cases/get-review.ts).
 */
export type TReviewGuide = Omit<TInterviewerGuide, 'notes'>;

export type TReplayMarkerKind = 'phase' | 'hint' | 'note' | 'end';

export type TReplayMarker = { at: number; kind: TReplayMarkerKind; label: string };

export type TBoardTimeline = {
  startedAt: number | null;
  endedAt: number | null;
  /** tldraw schema of the newest keyframe sent (for the read-only store), null when nothing was stored. */
  schema: RoomSnapshot['schema'] | null;
  keyframes: TReplayKeyframe[];
  events: TReplayEvent[];
  markers: TReplayMarker[];
};

/** One submitted version, as both roles' browsers receive it. */
export type TScorecardView = {
  version: number;
  /** Epoch ms. */
  submittedAt: number;
  scores: Record<TDimensionId, TDimensionScore>;
  levelEstimate: TLevelEstimate;
  recommendation: TRecommendation;
  summary: string;
};

export type TScorecardList = {
  role: Role;
  /**
   * Newest first. The interviewer gets every version; the candidate at most one, the latest, and
   * only once released (blind release, lib/domain/release.ts).
   */
  versions: TScorecardView[];
  /** Candidate only: false while the scorecard is held back by the blind release. */
  isReleased?: boolean;
};

/** The feedback as the browsers receive it: never the candidate's id. */
export type TFeedbackView = {
  clarity: number;
  helpfulness: number;
  fairness: number;
  comment: string;
  /** Epoch ms. */
  submittedAt: number;
};

export type TFeedbackRead = {
  role: Role;
  /** Whether the interview has ended (the candidate may submit only then). */
  isEnded: boolean;
  /** Whether the blind release has happened (the candidate then reads the scorecard). */
  isReleased: boolean;
  /** The candidate's own feedback; for the interviewer, null until released. */
  feedback: TFeedbackView | null;
};
