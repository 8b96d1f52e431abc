import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** The thread (role="log") and its messages, by the test hooks the page promises. */
export const thread = (page: Page): Locator => page.getByRole('log');
export const assistantMessages = (page: Page): Locator => thread(page).locator('[data-role="assistant"]');
export const userMessages = (page: Page): Locator => thread(page).locator('[data-role="user"]');
export const lastAnswer = (page: Page): Locator => assistantMessages(page).last();
export const questionBox = (page: Page): Locator => page.getByRole('textbox', { name: 'Votre question' });

/** Types a question, sends it with Enter (or the button), and waits until its answer is whole (no longer streaming). */
export async function ask(page: Page, question: string, how: 'enter' | 'click' = 'enter'): Promise<Locator> {
  const before = await assistantMessages(page).count();
  await questionBox(page).fill(question);
  if (how === 'enter') await questionBox(page).press('Enter');
  else await page.click('#ask-button');
  await expect.poll(() => assistantMessages(page).count()).toBe(before + 1);
  const answer = assistantMessages(page).nth(before);
  await expect.poll(() => answer.getAttribute('aria-busy')).toBeNull();
  return answer;
}

/** The text of an answer's bubble text (without its sources and buttons). */
export async function answerText(message: Locator): Promise<string> {
  return (await message.locator('.answer').textContent()) ?? '';
}
