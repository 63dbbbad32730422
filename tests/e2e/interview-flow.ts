import { expect, type Page } from '@playwright/test';

/**
 * The interviewer creates an interview with the form's defaults; the candidate joins through the
 * invite link. Resolves with the room's path once both are in the room and connected.
 */
export async function interviewWithCandidate(ivr: Page, cand: Page): Promise<{ roomPath: string }> {
  await ivr.goto('/interviews/new');
  await ivr.getByRole('button', { name: 'Create interview' }).click();
  await expect(ivr.getByTestId('interview-status')).toBeVisible();
  const roomPath = new URL(ivr.url()).pathname;
  const link = await ivr.getByLabel('Invite link').inputValue();
  await cand.goto(link);
  await cand.getByRole('button', { name: 'Join as candidate' }).click();
  await expect(cand).toHaveURL(new RegExp(`${roomPath}$`));
  await expect(cand.getByText('You are the candidate')).toBeVisible();
  for (const page of [ivr, cand]) await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  return { roomPath };
}
