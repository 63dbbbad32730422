import { expect, type Locator } from '@playwright/test';

/** Picks a prompt in the New interview form's searchable picker by typing part of its title. */
export async function pickPrompt(form: Locator, title: string): Promise<void> {
  const picker = form.getByRole('combobox', { name: 'Prompt', exact: true });
  await picker.fill(title);
  await form.getByRole('listbox').getByRole('option', { name: title }).first().click();
  await expect(form.getByTestId('selected-prompt')).toContainText(title);
}
