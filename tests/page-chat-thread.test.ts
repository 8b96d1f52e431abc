import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, saveScreenshot } from './helpers/browser.js';
import { answerText, ask, assistantMessages, lastAnswer, questionBox, thread, userMessages } from './helpers/chat-page.js';
import { startTestApp, type RunningApp } from './helpers/running-app.js';

const FIRST = 'Qui est Janine Korovesis ?';
const SECOND = 'Qui est Mira Murati ?';
const THIRD = "Qui a été recrutée pour diriger le lobbying d'OpenAI en Europe ?";

describe('the page is one chat thread: each answer with its own sources, conversations kept (real browser)', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let asked: { question: string; history: { role: string; content: string }[] }[];
  let pageErrors: string[];
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  beforeEach(async () => {
    asked = [];
    pageErrors = [];
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/ask') asked.push(JSON.parse(request.postData() ?? '{}'));
    });
    await page.goto(app.url);
  });
  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('shows three questions and their three answers in order, each answer with its own sources; the first [1] still opens its own passage', async () => {
    await ask(page, FIRST);
    await ask(page, SECOND);
    await ask(page, THIRD, 'click');
    expect(await userMessages(page).allTextContents()).toEqual([FIRST, SECOND, THIRD]);
    const roles = await thread(page).locator('[data-role]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-role')));
    expect(roles).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
    const answers = assistantMessages(page);
    expect(await answerText(answers.nth(0))).toContain('Janine Korovesis');
    expect(await answerText(answers.nth(1))).toContain('Murati');
    expect(await answerText(answers.nth(2))).toContain('Julie Lavet');
    for (let i = 0; i < 3; i++) {
      expect(await answers.nth(i).locator('.answer button.marker', { hasText: '[1]' }).count()).toBeGreaterThan(0);
      expect(await answers.nth(i).locator('.chips .chip').count()).toBeGreaterThan(0);
      expect(await answers.nth(i).locator('.chip .chip-title').first().textContent()).not.toBe('');
    }

    // The first answer's [1], after the third answer: the panel shows the first answer's passage.
    const firstMarker = answers.nth(0).locator('button.marker', { hasText: '[1]' }).first();
    await firstMarker.click();
    const panel = page.getByRole('dialog');
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.locator('mark').first().textContent()).toContain('Janine Korovesis');
    expect(await page.getAttribute('#panel-article', 'href')).toMatch(/^\/sources\/000_71dcd0df67353d15\.txt\?highlight=\d+-\d+#passage-cite$/u);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel-close');
    await saveScreenshot(page, 'chat-three-exchanges-panel');
    await page.keyboard.press('Escape');
    expect(await panel.isHidden()).toBe(true);
    expect(await firstMarker.evaluate((marker) => marker === document.activeElement)).toBe(true);

    // A source chip opens its article's passage too.
    await answers.nth(2).locator('.chip').first().click();
    expect(await panel.locator('mark').first().textContent()).toContain('Julie Lavet');
  });

  it('previews the cited passage when a marker is hovered or focused', async () => {
    const answer = await ask(page, FIRST);
    const marker = answer.locator('button.marker').first();
    await marker.hover();
    const preview = page.getByRole('tooltip');
    await expect.poll(() => preview.isVisible()).toBe(true);
    expect(await preview.textContent()).toContain('Janine Korovesis');
    expect(await marker.getAttribute('aria-describedby')).toBe('preview');
    await page.mouse.move(0, 0);
    await expect.poll(() => preview.isHidden()).toBe(true);
    await marker.focus();
    await expect.poll(() => preview.isVisible()).toBe(true);
  });

  it('closes the panel when a new question is asked', async () => {
    const answer = await ask(page, FIRST);
    await answer.locator('button.marker').first().click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await questionBox(page).fill(SECOND);
    await questionBox(page).press('Enter');
    await expect.poll(() => page.getByRole('dialog').isHidden()).toBe(true);
  });

  it('sends the thread as history; a new subject after a follow-up shows exactly what was typed, and no "Question comprise" unless rewritten', async () => {
    await ask(page, FIRST);
    const followUp = await ask(page, 'Quel poste occupe-t-elle ?');
    expect(asked[1]?.history).toEqual([
      { role: 'user', content: FIRST },
      { role: 'assistant', content: await answerText(assistantMessages(page).nth(0)) },
    ]);
    expect(await followUp.locator('.query-note').textContent()).toMatch(/^Question comprise : .*Janine Korovesis/su);
    const offTopic = 'Quel temps fera-t-il à Lyon ce week-end ?';
    const third = await ask(page, offTopic);
    expect(await userMessages(page).nth(2).textContent()).toBe(offTopic);
    expect(await third.locator('.query-note').count()).toBe(0);
    expect(asked[2]?.question).toBe(offTopic);
  });

  it('keeps the thread over a reload; a new conversation is empty with its examples; the list opens the old one again and deletes it', async () => {
    await ask(page, FIRST);
    await ask(page, SECOND);
    await page.reload();
    await expect.poll(() => userMessages(page).count()).toBe(2);
    expect(await userMessages(page).allTextContents()).toEqual([FIRST, SECOND]);
    expect(await answerText(assistantMessages(page).nth(0))).toContain('Janine Korovesis');
    // The citations of a kept answer still open.
    await assistantMessages(page).nth(0).locator('button.marker').first().click();
    expect(await page.getByRole('dialog').locator('mark').first().textContent()).toContain('Janine Korovesis');
    await page.keyboard.press('Escape');

    await page.click('#new-conversation');
    expect(await thread(page).locator('[data-role]').count()).toBe(0);
    await expect.poll(() => page.locator('#examples button.example').count()).toBe(3);
    expect(await page.locator('#examples').isVisible()).toBe(true);
    const example = (await page.locator('#examples button.example').first().textContent()) ?? '';
    await page.locator('#examples button.example').first().click();
    await expect.poll(() => lastAnswer(page).getAttribute('aria-busy')).toBeNull();
    expect(await userMessages(page).allTextContents()).toEqual([example]);
    expect(asked.at(-1)?.history).toEqual([]);
    expect(await page.locator('#examples').isVisible()).toBe(false);

    // Two conversations listed, newest first, titled by their first question.
    const titles = page.locator('#conversation-list .conversation-title');
    expect(await titles.allTextContents()).toEqual([example, FIRST]);
    expect(await page.locator('#conversation-list .conversation-date').first().textContent()).toMatch(/^aujourd’hui à \d+ h \d{2}$/u);
    await page.locator('#conversation-list .conversation-open', { hasText: FIRST }).click();
    expect(await userMessages(page).allTextContents()).toEqual([FIRST, SECOND]);
    expect(await page.locator('#conversation-list [aria-current="true"] .conversation-title').textContent()).toBe(FIRST);
    // A follow-up in the reopened conversation carries its own history.
    await ask(page, 'Quel poste occupe-t-elle ?');
    expect(asked.at(-1)?.history.map((turn) => turn.content).filter((_, i) => i % 2 === 0)).toEqual([FIRST, SECOND]);

    await page.getByRole('button', { name: `Supprimer la conversation « ${example} »` }).click();
    expect(await titles.allTextContents()).toEqual([FIRST]);
    await page.reload();
    expect(await page.locator('#conversation-list .conversation-title').allTextContents()).toEqual([FIRST]);
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 375, height: 740 },
  ]) {
    it(`keeps the input at the bottom and the page unscrolled after ten exchanges, at ${viewport.width}×${viewport.height}`, async () => {
      await page.setViewportSize(viewport);
      for (let i = 0; i < 10; i++) await ask(page, i % 2 === 0 ? FIRST : SECOND);
      const box = await questionBox(page).boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
      expect(box!.y + box!.height).toBeGreaterThan(viewport.height - 90);
      const scroll = await page.evaluate(() => ({ page: document.scrollingElement?.scrollTop ?? 0, width: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(scroll.page).toBe(0);
      expect(scroll.width).toBeLessThanOrEqual(scroll.client);
      // The newest answer was scrolled into view.
      const last = await lastAnswer(page).boundingBox();
      expect(last!.y).toBeLessThan(box!.y);
      expect(last!.y + last!.height).toBeGreaterThan(0);
      await saveScreenshot(page, `chat-ten-exchanges-${viewport.width}`);
      await page.screenshot({ path: `.screenshots/chat-ten-exchanges-${viewport.width}-viewport.png` });
    });
  }

  it('sets aside a kept value it cannot read (damaged, or of another version), and keeps at most 50 conversations', async () => {
    await page.evaluate(() => localStorage.setItem('questions-articles:conversations', '{"version":1,"conversations":[{"id":'));
    await page.reload();
    expect(await thread(page).locator('[data-role]').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('questions-articles:conversations:unreadable'))).toBe('{"version":1,"conversations":[{"id":');
    await ask(page, FIRST);
    await page.evaluate(() => localStorage.setItem('questions-articles:conversations', JSON.stringify({ version: 99, conversations: [] })));
    await page.reload();
    expect(await page.locator('#conversation-list li').count()).toBe(0);

    // Sixty kept conversations: the newest fifty stay once the page saves.
    await page.evaluate(() => {
      const conversations = Array.from({ length: 60 }, (_, i) => ({
        id: `c${i}`,
        createdAt: i,
        updatedAt: 1_700_000_000_000 + i * 1000,
        exchanges: [{ id: `e${i}`, question: `Question ${i} ?`, askedAt: i, status: 'failed', text: '', failure: 'Le serveur ne répond pas.' }],
      }));
      localStorage.setItem('questions-articles:conversations', JSON.stringify({ version: 1, currentId: null, conversations }));
    });
    await page.reload();
    expect(await page.locator('#conversation-list li').count()).toBe(60);
    await ask(page, FIRST);
    const titles = await page.locator('#conversation-list .conversation-title').allTextContents();
    expect(titles).toHaveLength(50);
    expect(titles.slice(0, 2)).toEqual([FIRST, 'Question 59 ?']);
    expect(titles.at(-1)).toBe('Question 11 ?');

    // And at most 2 million characters: older conversations go first.
    await page.evaluate(() => {
      const conversations = Array.from({ length: 4 }, (_, i) => ({
        id: `big${i}`,
        createdAt: i,
        updatedAt: 1_700_000_000_000 + i * 1000,
        exchanges: [{ id: `b${i}`, question: `Grande ${i} ?`, askedAt: i, status: 'stopped', text: 'x'.repeat(700_000) }],
      }));
      localStorage.setItem('questions-articles:conversations', JSON.stringify({ version: 1, currentId: null, conversations }));
    });
    await page.reload();
    await ask(page, FIRST);
    expect(await page.evaluate(() => localStorage.getItem('questions-articles:conversations')?.length)).toBeLessThanOrEqual(2_000_000);
    expect(await page.locator('#conversation-list .conversation-title').allTextContents()).toEqual([FIRST, 'Grande 3 ?', 'Grande 2 ?']);
  });

  it('on a phone, lists the conversations in a drawer that the close button, the backdrop and Escape close', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await ask(page, FIRST);
    expect(await page.locator('#sidebar').isHidden()).toBe(true);
    const toggle = page.getByRole('button', { name: 'Conversations', exact: true });
    for (const close of ['button', 'escape', 'backdrop'] as const) {
      await toggle.click();
      expect(await page.locator('#sidebar').isVisible()).toBe(true);
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('new-conversation');
      expect(await page.locator('#chat').evaluate((chat) => (chat as HTMLElement).inert)).toBe(true);
      if (close === 'button') await page.getByRole('button', { name: 'Fermer la liste des conversations' }).click();
      else if (close === 'escape') await page.keyboard.press('Escape');
      else await page.mouse.click(360, 400);
      expect(await page.locator('#sidebar').isHidden()).toBe(true);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('sidebar-toggle');
      expect(await page.locator('#chat').evaluate((chat) => (chat as HTMLElement).inert)).toBe(false);
    }
    await toggle.click();
    await saveScreenshot(page, 'chat-phone-drawer');
    await page.locator('#conversation-list .conversation-open').click();
    expect(await page.locator('#sidebar').isHidden()).toBe(true);
    expect(await userMessages(page).allTextContents()).toEqual([FIRST]);
  });

  it('keeps the conversations of two tabs: neither overwrites the other', async () => {
    const other = await context.newPage();
    await other.goto(app.url);
    await ask(page, FIRST);
    await ask(other, SECOND);
    await expect.poll(() => page.locator('#conversation-list .conversation-title').allTextContents()).toEqual([SECOND, FIRST]);
    await ask(page, 'Quel poste occupe-t-elle ?');
    await other.reload();
    expect(await other.locator('#conversation-list .conversation-title').allTextContents()).toEqual([FIRST, SECOND]);
    await other.close();
  });

  it('copies an answer with its references as plain text', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const answer = await ask(page, FIRST);
    await answer.getByRole('button', { name: 'Copier' }).click();
    await expect.poll(() => answer.locator('.action-status').textContent()).toBe('Réponse copiée.');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith(await answerText(answer))).toBe(true);
    expect(copied).toMatch(/\n\nSources :\n\[1\] .+ — http:\/\/127\.0\.0\.1:\d+\/sources\/000_71dcd0df67353d15\.txt\?highlight=\d+-\d+/u);
  });
});
