import { z } from 'zod';
import { ZId, ZText } from './text-schema';
import type { TTimerStatus } from './phase-timer';
import { phasePlanMinutes } from './prompt';
import { ZPhasePlan, ZStoredGuide } from './prompt-schema';

/** One lifecycle for every interview; "End interview" is the only way to `ended`. */
export const INTERVIEW_STATUSES = ['scheduled', 'live', 'ended'] as const;
export type TInterviewStatus = (typeof INTERVIEW_STATUSES)[number];

/**
 * After "End interview" the record is closed for both people: chat, call link, notes, key points
 * and the board stop changing (the review reads what was there). Scorecards, feedback and note
 * sharing come after the end by design and are not part of the room's record.
 */
export const RECORD_CLOSED_MESSAGE = 'The interview has ended; its record is closed.';

/** The lifecycle follows the phase timer (its start and end are the interview's): paused is still live. */
export function interviewStatusOf(timerStatus: TTimerStatus): TInterviewStatus {
  return timerStatus === 'paused' ? 'live' : timerStatus;
}

export const LEVELS = ['L4', 'L5'] as const;
export type TLevel = (typeof LEVELS)[number];

export const MIN_INTERVIEW_MINUTES = 10;
export const MAX_INTERVIEW_MINUTES = 180;

const ZDurationMinutes = z
  .number()
  .int()
  .min(MIN_INTERVIEW_MINUTES, `At least ${MIN_INTERVIEW_MINUTES} minutes`)
  .max(MAX_INTERVIEW_MINUTES, 'At most 3 hours');

/**
 * `phasePlan` is the interview's plan and its total the duration (durationMinutes is then
 * ignored). Without it the prompt's plan is used, stretched to durationMinutes when given.
 */
export const ZCreateInterviewInput = z
  .strictObject({
    promptId: ZId,
    level: z.enum(LEVELS),
    durationMinutes: ZDurationMinutes.optional(),
    phasePlan: ZPhasePlan.optional(),
    scheduledAt: z.iso.datetime({ offset: true }).nullish(),
  })
  .superRefine((input, ctx) => {
    if (!input.phasePlan) return;
    const total = phasePlanMinutes(input.phasePlan);
    if (total < MIN_INTERVIEW_MINUTES || total > MAX_INTERVIEW_MINUTES) {
      ctx.addIssue({
        code: 'custom',
        path: ['phasePlan'],
        message: `The phases add up to ${total} minutes; keep the total between ${MIN_INTERVIEW_MINUTES} and ${MAX_INTERVIEW_MINUTES}`,
      });
    }
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

export const MAX_CHAT_LENGTH = 2000;
export const ZChatText = ZText.trim().min(1, 'Write a message').max(MAX_CHAT_LENGTH, `At most ${MAX_CHAT_LENGTH} characters`);

/** A call link (Zoom, Meet, Jitsi, ...) until the room has its own audio: http(s) only. */
export const ZCallLink = ZText.trim()
  .max(500)
  .refine((value) => value === '' || /^https?:\/\/[^\s]+$/i.test(value), 'Use an http:// or https:// link');
