import { z } from 'zod';
import { ZText } from './text';

export const MAX_FEEDBACK_COMMENT = 2000;

/** The three things the candidate rates the interviewer on, in the form's order. */
export const FEEDBACK_DIMENSIONS = [
  { id: 'clarity', label: 'Clarity', question: 'Was the problem and what was expected clearly explained?' },
  { id: 'helpfulness', label: 'Helpfulness', question: 'Did hints and follow-ups help you move forward?' },
  { id: 'fairness', label: 'Fairness', question: 'Did the interview feel fair and respectful?' },
] as const;

/** What each rating means, for the form's radio labels. */
export const RATING_LABELS = { 1: 'Poor', 2: 'Fair', 3: 'Good', 4: 'Very good', 5: 'Excellent' } as const;
export const RATING_VALUES = [1, 2, 3, 4, 5] as const;

export type TFeedbackDimensionId = (typeof FEEDBACK_DIMENSIONS)[number]['id'];

const ZRating = z.number({ error: 'Give a rating from 1 to 5.' }).int('Give a rating from 1 to 5.').min(1, 'Give a rating from 1 to 5.').max(5, 'Give a rating from 1 to 5.');

export const ZFeedbackInput = z.strictObject({
  clarity: ZRating,
  helpfulness: ZRating,
  fairness: ZRating,
  comment: ZText.trim().max(MAX_FEEDBACK_COMMENT, `At most ${MAX_FEEDBACK_COMMENT} characters.`).default(''),
});
export type TFeedbackInput = z.input<typeof ZFeedbackInput>;
