import { expect, test, journeyTakes } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

const DIMENSIONS = ['Requirements and scoping', 'Estimation', 'High-level design', 'Deep dive and trade-offs', 'Scalability and reliability', 'Communication and leadership'];

test('blind release: the candidate gives feedback first; the interviewer reads it only after scoring, and the candidate then reads the scorecard', async ({
  signedIn,
}) => {
  journeyTakes(7);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;

  await interviewWithCandidate(ivr, cand, { promptTitle: 'Design a ticket booking service', level: 'L4' });

  // No feedback form while the interview runs, and never one for the interviewer.
  await expect(ivr.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  await ivr.getByRole('button', { name: 'Start interview' }).click();
  await expect(cand.getByTestId('interview-status')).toHaveText('Live');
  const feedbackSection = cand.getByRole('region', { name: 'Feedback on the interviewer' });
  await expect(feedbackSection).toHaveCount(0);
  ivr.once('dialog', (dialog) => void dialog.accept());
  await ivr.getByRole('button', { name: 'End interview' }).click();
  await expect(cand.getByTestId('interview-status')).toHaveText('Ended');
  await expect(ivr.getByRole('region', { name: 'Feedback on the interviewer' })).toHaveCount(0);

  // The candidate submits feedback; an incomplete form is refused in the browser first.
  const feedbackForm = feedbackSection.getByRole('form', { name: 'Feedback on the interviewer' });
  await feedbackForm.getByRole('group', { name: 'Clarity' }).getByRole('radio', { name: '2 Fair' }).check();
  await feedbackForm.getByRole('button', { name: 'Submit feedback' }).click();
  await expect(feedbackForm.getByRole('alert')).toHaveText('Rate every question before submitting. Missing: Helpfulness, Fairness.');
  await feedbackForm.getByRole('group', { name: 'Helpfulness' }).getByRole('radio', { name: '1 Poor' }).check();
  await feedbackForm.getByRole('group', { name: 'Fairness' }).getByRole('radio', { name: '5 Excellent' }).check();
  await feedbackForm.getByLabel('Comment').fill('FEEDBACK-E2E: the prompt was vague about scale.');
  await feedbackForm.getByRole('button', { name: 'Submit feedback' }).click();
  await expect(feedbackSection.getByRole('status')).toHaveText('Thanks — submitted');
  const scorecardSection = cand.getByRole('region', { name: 'Scorecard', exact: true });
  await expect(scorecardSection).toContainText('Your scorecard is released when you have submitted your feedback');

  // The interviewer sees no feedback before scoring.
  await ivr.getByRole('button', { name: 'Score', exact: true }).click();
  const dialog = ivr.getByRole('dialog', { name: /^Scorecard/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'Candidate feedback' })).toHaveCount(0);
  await expect(ivr.getByText('FEEDBACK-E2E')).toHaveCount(0);

  // Submitting the scorecard releases both.
  for (const name of DIMENSIONS) {
    await dialog.getByRole('group', { name, exact: true }).getByRole('radio', { name: '3 Meets the bar' }).check();
  }
  await dialog.getByRole('button', { name: 'Submit scorecard' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Scorecard v1 submitted.');
  const candidateFeedback = dialog.getByRole('region', { name: 'Candidate feedback' });
  await expect(candidateFeedback.getByTestId('feedback-clarity')).toHaveText('2 / 5');
  await expect(candidateFeedback.getByTestId('feedback-helpfulness')).toHaveText('1 / 5');
  await expect(candidateFeedback.getByTestId('feedback-fairness')).toHaveText('5 / 5');
  await expect(candidateFeedback).toContainText('FEEDBACK-E2E: the prompt was vague about scale.');

  // The candidate's section picks the scorecard up without a reload.
  await scorecardSection.getByRole('button', { name: 'Check for updates' }).click();
  await expect(scorecardSection.getByTestId('scorecard-level')).toHaveText('L4');
  await expect(scorecardSection).toContainText('Version 1');
});
