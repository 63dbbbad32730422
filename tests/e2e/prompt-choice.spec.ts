import { expect, journeyTakes, test } from './fixtures';
import { interviewWithCandidate } from './interview-flow';

const escaped = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

test('the New interview picker searches titles, topics and statements, suggests prompts for the level first, works from the keyboard and picks at random among those the candidate has not had', async ({
  signedIn,
}) => {
  journeyTakes(10);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;

  // A first interview with this candidate on a prompt that suits L4, so that the form knows what they had.
  await interviewWithCandidate(ivr, candidate.page, { promptTitle: 'Design a distributed rate limiter', level: 'L4' });
  const firstTitle = (await ivr.getByRole('heading', { level: 1 }).textContent())!.trim();

  await ivr.goto('/interviews/new');
  const form = ivr.getByRole('form', { name: 'New interview' });
  const picker = form.getByRole('combobox', { name: 'Prompt', exact: true });

  // "rate" finds the rate limiter: kind, difficulty, topics and the start of the statement shown.
  await picker.fill('rate');
  const rateLimiter = form.getByRole('listbox').getByRole('option', { name: /Design a distributed rate limiter/ });
  await expect(rateLimiter).toBeVisible();
  await expect(rateLimiter).toContainText('Design exercise');
  await expect(rateLimiter).toContainText('Intermediate');
  await expect(rateLimiter).toContainText('Design a rate limiter for a public API');
  await expect(rateLimiter).toContainText('Designing effective and safe APIs');
  // Case does not matter; words of the statement and topic names are searched too.
  await picker.fill('RATE LIMITER');
  await expect(form.getByRole('listbox').getByRole('option')).toHaveText([/Design a distributed rate limiter/]);
  await picker.fill('terabytes');
  await expect(form.getByRole('listbox').getByRole('option', { name: /Design a distributed key-value store/ })).toBeVisible();
  // A topic's name finds the prompts tagged with it, not only the drill named after it.
  await picker.fill('log-structured merge');
  await expect(form.getByRole('listbox').getByRole('option', { name: /^Log-structured merge trees/ })).toBeVisible();
  await expect(form.getByRole('listbox').getByRole('option', { name: /^Design a distributed key-value store/ })).toBeVisible();

  // Keyboard: arrows move, Enter picks (and does not submit the form).
  await picker.fill('rate limiter');
  await picker.press('ArrowDown');
  await picker.press('Enter');
  await expect(form.getByTestId('selected-prompt')).toContainText('Design a distributed rate limiter');
  await expect(form.getByTestId('selected-prompt')).toContainText('Design exercise');
  await expect(ivr).toHaveURL(/\/interviews\/new$/);

  // Titles sort regardless of case, and the level's prompts come first.
  await form.getByLabel('L5 (senior)').check();
  await picker.fill('');
  await picker.press('ArrowDown');
  const groups = form.getByRole('listbox').getByRole('group');
  await expect(groups.first()).toHaveAccessibleName('Suit L5');
  await expect(groups.first()).not.toContainText('Introductory');
  await form.getByLabel('L4 (mid-level)').check();
  await picker.press('ArrowDown');
  const suitL4 = await form.getByRole('listbox').getByRole('group', { name: 'Suit L4' }).getByRole('option').evaluateAll((nodes) =>
    nodes.map((node) => node.querySelector('span')?.textContent ?? ''),
  );
  expect(suitL4.indexOf('Scaling down')).toBeLessThan(suitL4.indexOf('SOLID'));
  await picker.press('Escape');

  // With the candidate known, the prompt they had is marked and a random pick avoids it.
  await form.getByLabel('Candidate').selectOption({ label: `${candidate.user.name} (1 prompt with you)` });
  await picker.fill(firstTitle);
  await expect(form.getByRole('listbox').getByRole('option', { name: escaped(firstTitle) }).first()).toContainText('Had with you');
  await picker.press('Escape');
  for (let i = 0; i < 5; i += 1) {
    await form.getByRole('button', { name: 'Random prompt' }).click();
    await expect(form.getByRole('status')).toHaveText(`Picked at random among the prompts that suit L4 and ${candidate.user.name} has not had with you.`);
    await expect(form.getByTestId('selected-prompt')).not.toContainText(firstTitle);
    await expect(form.getByTestId('selected-prompt')).toContainText('Suits L4');
  }
  await form.getByRole('button', { name: 'Create interview' }).click();
  await expect(ivr).toHaveURL(/\/interviews\/[^/]+$/);
});

test('the candidate of a live interview gets no guide text for its prompt from the bank page or its API, and gets it after the end', async ({
  signedIn,
}) => {
  journeyTakes(10);
  const interviewer = await signedIn('ivr');
  const candidate = await signedIn('cand');
  const ivr = interviewer.page;
  const cand = candidate.page;
  await interviewWithCandidate(ivr, cand);
  await ivr.getByRole('button', { name: 'Start interview' }).click();
  await expect(cand.getByTestId('interview-status')).toHaveText('Live');
  const title = (await cand.getByRole('heading', { level: 1 }).textContent())!.trim();

  // The interviewer's first key point: what the candidate must not be able to read.
  const keyPoint = (await ivr.getByRole('region', { name: 'Key points' }).getByRole('listitem').first().textContent())!.trim();
  expect(keyPoint.length).toBeGreaterThan(10);

  // The bank: found by its title, marked, and its page says why and until when.
  const bank = await candidate.context.newPage();
  await bank.goto(`/prompts?q=${encodeURIComponent(title)}`);
  const item = bank.getByRole('list', { name: 'Prompts' }).getByRole('link', { name: escaped(title) });
  await expect(item).toContainText('Guide hidden until your interview ends');
  await item.click();
  await expect(bank.getByTestId('guide-hidden')).toContainText('You are the candidate in an interview on this prompt that is running now');
  await expect(bank.getByTestId('guide-hidden')).toContainText('planned to end around');
  await expect(bank.getByRole('main')).not.toContainText(keyPoint);
  const promptId = new URL(bank.url()).pathname.split('/').at(-1)!;
  const hidden = await candidate.context.request.get(`/api/prompts/${promptId}`);
  const hiddenText = await hidden.text();
  expect(hiddenText).not.toContain(keyPoint);
  expect(JSON.parse(hiddenText)).toMatchObject({ data: { guide: null, guideLock: { status: 'live' } } });

  // After the end it is open for studying again.
  ivr.once('dialog', (dialog) => void dialog.accept());
  await ivr.getByRole('button', { name: 'End interview' }).click();
  await expect(cand.getByTestId('interview-status')).toHaveText('Ended');
  await bank.reload({ waitUntil: 'commit' });
  await expect(bank.getByTestId('prompt-guide')).toContainText(keyPoint);
  expect(await (await candidate.context.request.get(`/api/prompts/${promptId}`)).text()).toContain(keyPoint);
});
