import { expect, test, journeyTakes } from './fixtures';
import { interviewWithCandidate } from './interview-flow';
import type { Locator } from '@playwright/test';

const SCORES: Array<[string, string]> = [
  ['Requirements and scoping', '4 Exceeds the bar'],
  ['Estimation', '3 Meets the bar'],
  ['High-level design', '3 Meets the bar'],
  ['Deep dive and trade-offs', '2 Below the bar'],
  ['Scalability and reliability', '3 Meets the bar'],
  ['Communication and leadership', '3 Meets the bar'],
];

function dimension(dialog: Locator, name: string): Locator {
  return dialog.getByRole('group', { name, exact: true });
}

const HELD_BACK =
  'Your scorecard is released when you have submitted your feedback and the interviewer has submitted the scorecard, or 7 days after the interview';

test('the interviewer scores an ended interview, overrides the suggested level and corrects it; after giving feedback the candidate reads the latest version', async ({
  signedIn,
}) => {
  journeyTakes(11);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;

  // An L5 interview with the candidate in the room.
  await interviewWithCandidate(ivr, cand, { promptTitle: 'Design a ticket booking service', level: 'L5' });

  // No scoring controls on the candidate's screen, and no scorecard section while the interview runs.
  const candidateSection = cand.getByRole('region', { name: 'Scorecard', exact: true });
  await expect(candidateSection).toHaveCount(0);
  const feedbackSection = cand.getByRole('region', { name: 'Feedback on the interviewer' });
  await expect(feedbackSection).toHaveCount(0);
  await expect(cand.getByRole('button', { name: /^Score/ })).toHaveCount(0);
  await expect(cand.getByRole('form', { name: /Scorecard/ })).toHaveCount(0);
  await expect(cand.getByRole('group', { name: 'Requirements and scoping' })).toHaveCount(0);

  // Start, then end the interview.
  await expect(ivr.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  await ivr.getByRole('button', { name: 'Start interview' }).click();
  await expect(cand.getByTestId('interview-status')).toHaveText('Live');
  ivr.once('dialog', (dialog) => void dialog.accept());
  await ivr.getByRole('button', { name: 'End interview' }).click();
  await expect(ivr.getByTestId('interview-status')).toHaveText('Ended');
  await expect(cand.getByTestId('interview-status')).toHaveText('Ended');
  // Blind release: the candidate is told why nothing shows, and is asked for feedback.
  await expect(candidateSection).toContainText(HELD_BACK);
  await expect(feedbackSection.getByRole('form', { name: 'Feedback on the interviewer' })).toBeVisible();

  // Score all six dimensions beside their anchors; the target level's anchor is the highlighted one.
  await ivr.getByRole('button', { name: 'Score', exact: true }).click();
  const dialog = ivr.getByRole('dialog', { name: 'Scorecard · target level L5' });
  await expect(dialog).toBeVisible();
  const requirements = dimension(dialog, 'Requirements and scoping');
  await expect(requirements.getByTestId('anchor-L5')).toHaveAttribute('data-target', 'true');
  await expect(requirements.getByTestId('anchor-L5')).toContainText('L5 anchor · target level');
  await expect(requirements.getByTestId('anchor-L4')).toHaveAttribute('data-target', 'false');
  await expect(requirements.getByTestId('anchor-L4')).toContainText('Asks clarifying questions');

  const suggestion = dialog.getByTestId('scorecard-suggestion');
  await expect(suggestion).toContainText('0 of 6 scored');
  for (const [name, score] of SCORES) {
    await dimension(dialog, name).getByRole('radio', { name: score }).check();
  }
  await dimension(dialog, 'Deep dive and trade-offs')
    .getByLabel('Comment on Deep dive and trade-offs')
    .fill('Compared seat-locking options only when asked.');
  await dialog.getByLabel('Summary', { exact: true }).fill('Strong scoping; the deep dive needed prompting.');

  // The rule suggests one level down (deep dive is below the L5 bar); the interviewer overrides the level.
  await expect(suggestion).toContainText('deep dive and communication must both be 3 or more at L5');
  const level = dialog.getByLabel('Level estimate', { exact: true });
  const recommendation = dialog.getByLabel('Recommendation', { exact: true });
  await expect(level).toHaveValue('L4');
  await expect(recommendation).toHaveValue('no');
  await level.selectOption('L5');
  await expect(dialog.getByText('Overridden: the rule suggests L4.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Submit scorecard' }).click();

  await expect(dialog.getByRole('status')).toHaveText('Scorecard v1 submitted.');
  const submitted = dialog.getByRole('region', { name: 'Latest scorecard' });
  await expect(submitted.getByTestId('scorecard-level')).toHaveText('L5');
  await expect(submitted.getByTestId('scorecard-recommendation')).toHaveText('No hire');
  await expect(submitted).toContainText('Compared seat-locking options only when asked.');
  await expect(dialog.getByTestId('scorecard-version')).toHaveCount(1);

  // Held back until the candidate has given feedback (after a reload, so it comes from the database).
  await cand.reload({ waitUntil: 'commit' });
  await expect(candidateSection).toContainText(HELD_BACK);
  await expect(candidateSection.getByTestId('scorecard-view')).toHaveCount(0);
  await expect(cand.getByText('Strong scoping; the deep dive needed prompting.')).toHaveCount(0);
  await expect(dialog.getByRole('region', { name: 'Candidate feedback' })).toHaveCount(0);

  // The candidate rates the interviewer; the form becomes read-only and the scorecard appears.
  const feedbackForm = feedbackSection.getByRole('form', { name: 'Feedback on the interviewer' });
  await feedbackForm.getByRole('group', { name: 'Clarity' }).getByRole('radio', { name: '4 Very good' }).check();
  await feedbackForm.getByRole('group', { name: 'Helpfulness' }).getByRole('radio', { name: '5 Excellent' }).check();
  await feedbackForm.getByRole('group', { name: 'Fairness' }).getByRole('radio', { name: '3 Good' }).check();
  await feedbackForm.getByLabel('Comment').fill('The hints about seat locking came at the right time.');
  await feedbackForm.getByRole('button', { name: 'Submit feedback' }).click();
  await expect(feedbackSection.getByRole('status')).toHaveText('Thanks — submitted');
  await expect(feedbackForm).toHaveCount(0);
  await expect(feedbackSection.getByTestId('feedback-clarity')).toHaveText('4 / 5');
  await expect(candidateSection.getByTestId('scorecard-view')).toHaveCount(1);
  await expect(candidateSection).not.toContainText(HELD_BACK);

  // After a reload too: read from the database, still read-only.
  await cand.reload({ waitUntil: 'commit' });
  await expect(feedbackSection.getByRole('status')).toHaveText('Thanks — submitted');
  await expect(feedbackSection).toContainText('The hints about seat locking came at the right time.');
  await expect(candidateSection.getByTestId('scorecard-view')).toHaveCount(1);
  await expect(candidateSection).toContainText('Version 1');
  await expect(candidateSection.getByTestId('scorecard-level')).toHaveText('L5');
  await expect(candidateSection.getByTestId('scorecard-recommendation')).toHaveText('No hire');
  await expect(candidateSection).toContainText('Strong scoping; the deep dive needed prompting.');

  // The interviewer now reads the candidate's feedback in the scorecard dialog.
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await ivr.getByRole('button', { name: 'Score (v1)' }).click();
  const candidateFeedback = dialog.getByRole('region', { name: 'Candidate feedback' });
  await expect(candidateFeedback.getByTestId('feedback-helpfulness')).toHaveText('5 / 5');
  await expect(candidateFeedback.getByTestId('feedback-fairness')).toHaveText('3 / 5');
  await expect(candidateFeedback).toContainText('The hints about seat locking came at the right time.');

  // A correction starts from v1, becomes v2, and v1 stays in the history.
  await dialog.getByRole('button', { name: 'Submit a correction' }).click();
  const correction = dialog.getByRole('form', { name: 'Scorecard correction' });
  await expect(correction.getByLabel('Summary', { exact: true })).toHaveValue('Strong scoping; the deep dive needed prompting.');
  await expect(dimension(correction, 'Deep dive and trade-offs').getByRole('radio', { name: '2 Below the bar' })).toBeChecked();
  await dimension(correction, 'Deep dive and trade-offs').getByRole('radio', { name: '3 Meets the bar' }).check();
  await expect(correction.getByLabel('Level estimate', { exact: true })).toHaveValue('L5');
  await expect(correction.getByLabel('Recommendation', { exact: true })).toHaveValue('yes');
  await correction.getByLabel('Summary', { exact: true }).fill('Re-read my notes: the deep dive met the L5 bar.');
  await correction.getByRole('button', { name: 'Submit correction' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Scorecard v2 submitted.');
  await expect(dialog.getByTestId('scorecard-version')).toHaveCount(2);

  // Both screens, reloaded, show what the database holds: the interviewer every version, the
  // candidate only the latest.
  await ivr.reload({ waitUntil: 'commit' });
  await ivr.getByRole('button', { name: 'Score (v2)' }).click();
  const history = ivr.getByRole('dialog', { name: 'Scorecard · target level L5' }).getByRole('region', { name: 'Version history' });
  await expect(history.getByTestId('scorecard-version')).toHaveCount(2);
  await expect(history.getByTestId('scorecard-version').nth(0)).toContainText('v2');
  await expect(history.getByTestId('scorecard-version').nth(0)).toContainText('Hire · L5 (latest)');
  await expect(history.getByTestId('scorecard-version').nth(1)).toContainText('v1');
  await expect(history.getByTestId('scorecard-version').nth(1)).toContainText('No hire · L5');

  await cand.reload({ waitUntil: 'commit' });
  await expect(candidateSection.getByTestId('scorecard-view')).toHaveCount(1);
  await expect(candidateSection).toContainText('Version 2');
  await expect(candidateSection.getByTestId('scorecard-recommendation')).toHaveText('Hire');
  await expect(candidateSection).toContainText('Re-read my notes: the deep dive met the L5 bar.');
  await expect(cand.getByText('Strong scoping; the deep dive needed prompting.')).toHaveCount(0);
});
