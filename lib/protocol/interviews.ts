import type { TPhasePlan, TPromptKind } from '@/lib/domain/prompt';

// The dashboard's history filters and the New interview form's choices, as the browser gets them.

export const HISTORY_ROLES = ['interviewer', 'candidate'] as const;
export const HISTORY_STATUSES = ['scheduled', 'live', 'ended'] as const;

export type THistoryRole = (typeof HISTORY_ROLES)[number];
export type THistoryStatus = (typeof HISTORY_STATUSES)[number];

export type TPromptOption = {
  id: string;
  title: string;
  kind: TPromptKind;
  topics: string[];
  difficulty: number;
  minutes: number;
  /** The start of the statement (STATEMENT_CHARS at most). */
  statement: string;
  isMine: boolean;
  /** The plan the creation form starts from; the interviewer may edit it. */
  phasePlan: TPhasePlan;
};

export type TPastCandidate = {
  userId: string;
  name: string;
  /** Prompts this person had as the candidate in the user's interviews. */
  promptIds: string[];
};
