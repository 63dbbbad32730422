import { z } from 'zod';
import { MAX_FEEDBACK_COMMENT } from './feedback';
import { ZText } from './text-schema';

// The zod schema of ./feedback.ts, apart so that the feedback form does not load zod.

const ZRating = z.number({ error: 'Give a rating from 1 to 5.' }).int('Give a rating from 1 to 5.').min(1, 'Give a rating from 1 to 5.').max(5, 'Give a rating from 1 to 5.');

export const ZFeedbackInput = z.strictObject({
  clarity: ZRating,
  helpfulness: ZRating,
  fairness: ZRating,
  comment: ZText.trim().max(MAX_FEEDBACK_COMMENT, `At most ${MAX_FEEDBACK_COMMENT} characters.`).default(''),
});
export type TFeedbackInput = z.input<typeof ZFeedbackInput>;
