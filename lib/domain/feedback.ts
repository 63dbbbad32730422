
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

export type { TFeedbackInput } from './feedback-schema';
