import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, saveScreenshot, SCREENSHOTS_DIR } from './helpers/browser.js';
import { ask } from './helpers/chat-page.js';
import { startTestApp, type RunningApp } from './helpers/running-app.js';

describe('the page, lexical mode: the note, French dates, the whole article, a multi-line question (real browser)', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let notFound: string[];
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp({ MODELS_DIR: path.join('/nonexistent', 'models'), MODEL_ID: 'Xenova/multilingual-e5-small' }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  beforeEach(async () => {
    notFound = [];
    page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    page.on('response', (response) => {
      if (response.status() === 404) notFound.push(new URL(response.url()).pathname);
    });
    await page.goto(app.url);
  });

  it('says that answers rest on words alone when the model is not loaded, and asks for no missing file (favicon included)', async () => {
    await expect.poll(() => page.locator('#mode-note').isVisible()).toBe(true);
    expect(await page.textContent('#mode-note')).toMatch(/^Recherche par mots seulement/u);
    await page.waitForLoadState('networkidle');
    expect(notFound).toEqual([]);
  });

  it('Shift+Enter starts a new line and Enter sends; the card dates in French; the whole article opens at the passage', async () => {
    await page.click('#question');
    await page.keyboard.type('Quel poste occupe');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('Thierry Derouet ?');
    expect(await page.inputValue('#question')).toBe('Quel poste occupe\nThierry Derouet ?');
    await page.fill('#question', '');
    const answer = await ask(page, 'Combien OpenAI a-t-elle levé lors de sa levée de fonds ?');
    expect(await answer.locator('.conflict-note').textContent()).toBe('Les sources ne donnent pas le même chiffre : 6,6 milliards de dollars [1] ou 6 milliards de dollars [2].');
    // The conflict's own markers open their passages too.
    expect(await answer.locator('.conflict-note button.marker').count()).toBe(2);
    const dated = answer.locator('.chip', { hasText: '4 octobre 2024' });
    expect(await dated.count()).toBeGreaterThan(0);
    await dated.first().click();
    expect(await page.locator('#panel-meta').textContent()).toContain('Thierry Derouet');
    const link = page.locator('#panel-article');
    await link.click();
    await page.waitForURL(/\/sources\/004_81d887d6e74563b3\.txt\?highlight=\d+-\d+#passage-cite$/u);
    expect(await page.locator('#passage-cite mark').count()).toBe(1);
    expect(await page.locator('h1').textContent()).toContain('OpenAI face à ses défis');
    // Styled like the page, its metadata in French, the cleaned text printed once (passages overlap).
    expect(await page.locator('main.article-view').count()).toBe(1);
    expect(await page.locator('.article-view .source-meta').textContent()).toMatch(/Thierry Derouet · 4 octobre 2024/u);
    const sentences = ((await page.locator('article').textContent()) ?? '').split(/(?<=[.!?»])\s+/u).filter((sentence) => sentence.length > 40);
    expect(sentences.filter((sentence, i) => sentences.indexOf(sentence) !== i)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await saveScreenshot(page, 'article-phone');
    // What the reader sees on arrival: the cited passage, scrolled to.
    await page.screenshot({ path: path.join(SCREENSHOTS_DIR, 'article-phone-at-passage.png') });
  });
});

describe('the page in dark mode', () => {
  it('follows the system: dark background, light text', async () => {
    const app = await startTestApp();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ colorScheme: 'dark' });
      await page.goto(app.url);
      const colours = await page.evaluate(() => {
        const style = getComputedStyle(document.documentElement);
        return { background: style.backgroundColor, text: style.color };
      });
      expect(colours).toEqual({ background: 'rgb(21, 23, 26)', text: 'rgb(230, 230, 230)' });
    } finally {
      await browser.close();
      await app.stop();
    }
  });
});
