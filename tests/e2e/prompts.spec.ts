import { randomUUID } from 'node:crypto';
import { expect, test, journeyTakes } from './fixtures';

test('a user searches and filters the bank, then writes, edits and deletes a prompt that nobody else sees', async ({
  signedIn,
}) => {
  journeyTakes(6);
  const author = await signedIn('author');
  const page = author.page;

  // Search and filter the built-in bank; the filters live in the URL.
  await page.goto('/dashboard');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Prompts' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Prompts');
  const filters = page.getByRole('search', { name: 'Filter prompts' });
  const results = page.getByRole('list', { name: 'Prompts' });

  await filters.getByLabel('Search').fill('ticket');
  await filters.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/[?&]q=ticket/);
  await expect(results.getByRole('link')).toHaveCount(1);
  await expect(results).toContainText('Design a ticket booking service');

  await filters.getByLabel('Search').fill('');
  await filters.getByLabel('Topic').selectOption({ label: 'Database locks' });
  await filters.getByLabel('Kind').selectOption({ label: 'Design exercise' });
  await filters.getByLabel('Level').selectOption({ label: 'L5 (senior)' });
  await filters.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/topic=database-locks/);
  await expect(results).toContainText('Design a ticket booking service');
  await expect(results).not.toContainText('Concept drill');
  await expect(results).not.toContainText('Intermediate');

  // The ticket booking exercise is advanced: not offered at L4.
  await filters.getByLabel('Level').selectOption({ label: 'L4 (mid-level)' });
  await filters.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/level=L4/);
  await expect(page.getByRole('main')).not.toContainText('Design a ticket booking service');

  // Write a prompt: an empty form is refused field by field.
  await page.getByRole('link', { name: 'New prompt' }).click();
  const form = page.getByRole('form', { name: 'New prompt' });
  await form.getByRole('button', { name: 'Create prompt' }).click();
  await expect(form.getByRole('alert')).toHaveText('Some fields need attention; they are marked below.');
  await expect(form.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  // The focus goes to the first field in error, not to the page body.
  await expect(form.getByLabel('Title')).toBeFocused();
  await expect(form.getByLabel('Title')).toHaveAccessibleDescription('Required');
  // The hint states ZPromptInput's counts; the error sits with the field it is about.
  await expect(form.getByLabel('Key points')).toHaveAccessibleDescription(/One per line: at least 5, at most 25\..*Write at least 5 \(one per line\)/);
  await expect(form.getByRole('group', { name: 'Topics' })).toHaveAccessibleDescription(/Choose at least 1 topic/);

  const title = `Consistent hashing ${randomUUID().slice(0, 6)}`;
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Difficulty').selectOption({ label: 'Intermediate (suits L4 and L5)' });
  await form.getByLabel('Statement').fill('Explain consistent hashing and why a cache cluster uses it.');
  await form.getByRole('checkbox', { name: 'Redis and caching', exact: true }).check();
  await form.getByRole('checkbox', { name: 'Shared-nothing architecture', exact: true }).check();
  // Topics of the author's own, beside the fixed ones.
  await form.getByLabel('Topics of your own').fill('Hash rings, Ketama');
  await form.getByLabel('Key points').fill(['Hash ring', 'Virtual nodes', 'Minimal remapping', 'Hot keys', 'Replication along the ring'].join('\n'));
  await form.getByLabel('Follow-up questions').fill('What happens when a node joins?\nHow many virtual nodes?\nHow do you handle a hot key?');
  // Blank lines are ignored.
  await form.getByLabel('Hints').fill('Think of a circle\n\nWhat moves when a node leaves?\nTry hashing the servers too');
  await form.getByLabel('L4 answer').fill('Describes the ring and why few keys move.');
  await form.getByLabel('L5 answer').fill('Adds virtual nodes, replication, hot keys and rebalancing costs.');
  await form.getByRole('button', { name: 'Create prompt' }).click();

  await expect(page).toHaveURL(/\/prompts\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByTestId('prompt-meta')).toHaveText(
    'Concept drill · Intermediate (suits L4 and L5) · 18 min · Written by you',
  );
  await expect(page.getByRole('region', { name: 'Hint ladder (gentlest first)' }).getByRole('listitem')).toHaveCount(3);
  await expect(page.getByRole('list', { name: 'Topics' }).getByRole('listitem')).toHaveText(['Redis and caching', 'Shared-nothing architecture', 'Hash rings', 'Ketama']);
  const promptUrl = page.url();

  // It is in the bank, marked as mine.
  await page.goto(`/prompts?q=${encodeURIComponent(title)}`);
  await expect(results.getByRole('listitem')).toHaveCount(1);
  await expect(results.getByRole('listitem')).toContainText('Yours');

  // Edit it.
  await page.goto(promptUrl);
  await page.getByRole('link', { name: 'Edit' }).click();
  const editForm = page.getByRole('form', { name: 'Edit prompt' });
  await expect(editForm.getByLabel('Title')).toHaveValue(title);
  await expect(editForm.getByLabel('Topics of your own')).toHaveValue('Hash rings, Ketama');
  await expect(editForm.getByLabel('Hints')).toHaveValue('Think of a circle\nWhat moves when a node leaves?\nTry hashing the servers too');
  await editForm.getByLabel('Title').fill(`${title} (revised)`);
  await editForm.getByLabel('Difficulty').selectOption({ label: 'Advanced (suits L5)' });
  await editForm.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(promptUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${title} (revised)`);
  await expect(page.getByTestId('prompt-meta')).toContainText('Advanced (suits L5)');

  // It is its author's alone: someone else neither finds it nor opens it.
  const reader = await signedIn('reader');
  await reader.page.goto(`/prompts?q=${encodeURIComponent(title)}`);
  await expect(reader.page.getByRole('heading', { name: 'No prompts match' })).toBeVisible();
  await reader.page.goto(promptUrl);
  await expect(reader.page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(reader.page.getByRole('main')).not.toContainText(title);

  // "Start an interview" preselects it.
  await page.getByRole('link', { name: 'Start an interview with this prompt' }).click();
  await expect(page.getByRole('form', { name: 'New interview' }).getByTestId('selected-prompt')).toContainText(`${title} (revised)`);

  // Delete it: gone from the bank and from the New interview form.
  await page.goto(promptUrl);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/prompts$/);
  await page.goto(`/prompts?q=${encodeURIComponent(title)}`);
  await expect(page.getByRole('heading', { name: 'No prompts match' })).toBeVisible();
  await page.goto('/interviews/new');
  const newInterview = page.getByRole('form', { name: 'New interview' });
  await newInterview.getByRole('combobox', { name: 'Prompt', exact: true }).fill(title);
  await expect(newInterview.getByRole('listbox')).toContainText('No prompt matches');
});
