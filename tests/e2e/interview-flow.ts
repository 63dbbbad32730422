import { expect, type Page } from '@playwright/test';
import { fixtureHeaders } from './fixtures';

export type TInterviewOptions = {
  /** Default: the first built-in design prompt by title, as the form preselects it on a fresh database. */
  promptTitle?: string;
  /** Default: L4, as the form preselects it. */
  level?: 'L4' | 'L5';
};

/**
 * The interviewer creates an interview and the candidate accepts the invite, both through the API
 * routes that the form and the invite page use (room.spec.ts drives those pages); then both open
 * the room. Resolves with the room's path once both are in the room and connected.
 */
export async function interviewWithCandidate(ivr: Page, cand: Page, options: TInterviewOptions = {}): Promise<{ roomPath: string }> {
  const listed = await ivr.request.get('/api/prompts?kind=design', { headers: fixtureHeaders() });
  expect(listed.status(), await listed.text()).toBe(200);
  // The same-origin check of write routes wants the Origin a browser sends.
  const origin = new URL(listed.url()).origin;
  const items = ((await listed.json()) as { data: { items: Array<{ id: string; title: string; origin: string }> } }).data.items;
  const builtIns = items.filter((item) => item.origin === 'built-in').sort((a, b) => a.title.localeCompare(b.title));
  const prompt = options.promptTitle ? builtIns.find((item) => item.title === options.promptTitle) : builtIns[0];
  if (!prompt) throw new Error(`no built-in design prompt titled ${options.promptTitle ?? '(any)'}`);

  const created = await ivr.request.post('/api/interviews', { headers: fixtureHeaders(origin), data: { promptId: prompt.id, level: options.level ?? 'L4' } });
  expect(created.status(), await created.text()).toBe(201);
  const roomPath = `/interviews/${((await created.json()) as { data: { id: string } }).data.id}`;

  await ivr.goto(roomPath);
  // The field holds `/invite/<token>`, with the origin in front once the page has hydrated.
  const invite = ivr.getByLabel('Invite link');
  await expect(invite).toHaveValue(/\/invite\/[A-Za-z0-9_-]{43}$/);
  const token = (await invite.inputValue()).split('/').at(-1)!;
  const accepted = await cand.request.post(`/api/invites/${token}/accept`, { headers: fixtureHeaders(origin), data: {} });
  expect(accepted.status(), await accepted.text()).toBe(200);

  await cand.goto(roomPath);
  await expect(cand.getByText('You are the candidate')).toBeVisible();
  for (const page of [ivr, cand]) await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
  return { roomPath };
}
