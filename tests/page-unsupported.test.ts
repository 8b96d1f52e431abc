import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/browser.js';
import { startFakeChatCompletions, type FakeChatCompletions } from './helpers/fake-chat-completions.js';
import { startTestApp, type RunningApp } from './helpers/running-app.js';

describe('the page marks a sentence its sources do not back (real browser, answers from a loopback LLM)', () => {
  let fake: FakeChatCompletions;
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    fake = await startFakeChatCompletions();
    [app, browser] = await Promise.all([startTestApp({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'page-test' }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await fake?.close();
  });

  it('streams the answer, then underlines the unsupported sentence, with the reason as its title, and leaves the supported one plain', async () => {
    // The page asks for a streamed answer: the model streams it.
    fake.behaviour = { kind: 'stream', chunks: ['Janine Korovesis dirigera le bureau [1]. ', 'Le bureau comptera 250 salariés dès 2025 [1].'] };
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(app.url);
    await page.fill('#question', 'Qui est Janine Korovesis ?');
    await page.press('#question', 'Enter');
    await expect.poll(() => page.locator('#answer-section').isVisible()).toBe(true);
    const marked = page.locator('#answer .unsupported');
    await expect.poll(() => marked.count()).toBe(1);
    expect(await marked.textContent()).toBe('Le bureau comptera 250 salariés dès 2025');
    expect(await marked.getAttribute('title')).toBe('Non vérifié dans la source citée : « 250 », « 2025 » absent de [1]');
    expect(await page.locator('#answer').textContent()).toContain('Janine Korovesis dirigera le bureau [1]');
    expect(fake.received.at(-1)?.body.stream).toBe(true);
    await page.close();
  });
});
