import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, saveScreenshot } from './helpers/browser.js';
import { answerText, ask, assistantMessages } from './helpers/chat-page.js';
import { runCli } from './helpers/run-cli.js';
import { postJson, startTestApp, type RunningApp } from './helpers/running-app.js';
import { testEnvironment } from './helpers/test-config.js';

interface StoredFeedback {
  verdict: string;
  question: string;
  answer: string;
  citations: { source: string; start: number; end: number }[];
  comment?: string;
}

describe('feedback: 👍/👎 under each answer, stored beside the index, summarised by npm run feedback', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const stored = async (): Promise<StoredFeedback[]> =>
    (await readFile(path.join(app.workspace.indexDir, 'feedback.jsonl'), 'utf8').catch(() => ''))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as StoredFeedback);
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('refuses a verdict that is not one, an empty question and an oversized comment, with 400', async () => {
    for (const body of [{ verdict: 'meh', question: 'Q ?', answer: 'R.' }, { verdict: 'up', question: '  ', answer: 'R.' }, { verdict: 'down', question: 'Q ?', answer: 'R.', comment: 'x'.repeat(2001) }]) {
      const { status, body: error } = await postJson(`${app.url}/feedback`, body);
      expect(status).toBe(400);
      expect(error.error.code).toBe('invalid_request');
    }
    expect((await fetch(`${app.url}/feedback`)).status).toBe(405);
    expect(await stored()).toEqual([]);
  });

  it('sends a 👎 with its comment from the page, with the question, the answer and its citations', async () => {
    const answer = await ask(page, 'Qui est Janine Korovesis ?');
    const text = await answerText(answer);
    await answer.getByRole('button', { name: 'Réponse pas utile' }).click();
    await answer.getByRole('textbox', { name: 'Qu’est-ce qui ne va pas ? (facultatif)' }).fill('Il manque son poste exact.');
    await answer.getByRole('button', { name: 'Envoyer' }).click();
    await expect.poll(() => answer.locator('.action-status').textContent()).toBe('Merci, votre avis est enregistré.');
    await saveScreenshot(page, 'feedback-sent');
    const [entry] = await stored();
    expect(entry).toMatchObject({ verdict: 'down', question: 'Qui est Janine Korovesis ?', comment: 'Il manque son poste exact.' });
    expect(entry?.answer).toBe(text);
    expect(entry?.citations[0]?.source).toBe('000_71dcd0df67353d15.txt');
    expect(await answer.getByRole('button', { name: 'Réponse utile' }).isDisabled()).toBe(true);
    // Each answer has its own buttons; the verdict given is kept over a reload.
    const next = await ask(page, 'Qui est Mira Murati ?');
    expect(await next.locator('.action-status').textContent()).toBe('');
    await next.getByRole('button', { name: 'Réponse utile' }).click();
    await expect.poll(async () => (await stored()).length).toBe(2);
    await page.reload();
    await expect.poll(() => assistantMessages(page).count()).toBe(2);
    expect(await assistantMessages(page).nth(0).getByRole('button', { name: 'Réponse pas utile' }).getAttribute('aria-pressed')).toBe('true');
    expect(await assistantMessages(page).nth(1).getByRole('button', { name: 'Réponse utile' }).isDisabled()).toBe(true);
  });

  it('npm run feedback prints the counts and the latest 👎 with its question and comment, never a terminal escape code', async () => {
    const hostile = await postJson(`${app.url}/feedback`, { verdict: 'down', question: 'Piège \u001b]0;titre\u0007 \u001b[2J ?', answer: 'R.\u001b[31m' });
    expect(hostile.status).toBe(201);
    const { code, stdout } = await runCli(['feedback'], testEnvironment(app.workspace));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^3 verdicts in .*feedback\.jsonl: 👍 1, 👎 2\n/u);
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u);
    expect(stdout).toContain('Piège');
    expect(stdout).toContain('Qui est Janine Korovesis ?');
    expect(stdout).toContain('comment: Il manque son poste exact.');
  });
});
