import { z } from 'zod';
import { ZStoredGuide, type TPhase } from './prompt';

/** One lifecycle for every interview; "End interview" is the only way to `ended`. */
export const INTERVIEW_STATUSES = ['scheduled', 'live', 'ended'] as const;
export type TInterviewStatus = (typeof INTERVIEW_STATUSES)[number];

export type TLifecycleCommand = 'start' | 'end';

/** The next status, or null when the command does not apply (ending twice is not an error to retry). */
export function nextStatus(status: TInterviewStatus, command: TLifecycleCommand): TInterviewStatus | null {
  if (command === 'start') return status === 'scheduled' ? 'live' : null;
  return status === 'ended' ? null : 'ended';
}

export const LEVELS = ['L4', 'L5'] as const;
export type TLevel = (typeof LEVELS)[number];

export const DURATION_OPTIONS = [15, 20, 30, 45, 60, 75, 90] as const;

export const ZCreateInterviewInput = z.strictObject({
  promptId: z.string().min(1).max(64),
  level: z.enum(LEVELS),
  durationMinutes: z.number().int().min(10, 'At least 10 minutes').max(180, 'At most 3 hours'),
  scheduledAt: z.iso.datetime({ offset: true }).nullish(),
});
export type TCreateInterviewInput = z.infer<typeof ZCreateInterviewInput>;

/** The prompt as copied into an interview at creation: later edits never rewrite it. */
export const ZPromptCopy = z.object({
  promptId: z.string(),
  slug: z.string().nullable(),
  kind: z.enum(['concept', 'design']),
  title: z.string(),
  statement: z.string(),
  topics: z.array(z.string()),
  difficulty: z.number(),
  minutes: z.number(),
  guide: ZStoredGuide,
});
export type TPromptCopy = z.infer<typeof ZPromptCopy>;

/** The plan of a single-phase interview of the chosen duration (phases arrive with the timer). */
export function singlePhasePlan(minutes: number): TPhase[] {
  return [{ id: 'interview', name: 'Interview', minutes }];
}

export const MAX_CHAT_LENGTH = 2000;
export const ZChatText = z.string().trim().min(1, 'Write a message').max(MAX_CHAT_LENGTH, `At most ${MAX_CHAT_LENGTH} characters`);

/** A call link (Zoom, Meet, Jitsi, ...) until the room has its own audio: http(s) only. */
export const ZCallLink = z
  .string()
  .trim()
  .max(500)
  .refine((value) => value === '' || /^https?:\/\/[^\s]+$/i.test(value), 'Use an http:// or https:// link');
