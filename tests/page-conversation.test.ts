import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, saveScreenshot } from './helpers/browser.js';
import { startTestApp, type RunningApp } from './helpers/running-app.js';

describe('the page as a conversation: example questions, follow-ups with history, a new conversation (real browser)', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let asked: { question: string; history: { role: string; content: string }[]; stream?: boolean }[];
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });
  beforeEach(async () => {
    asked = [];
    page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/ask') asked.push(JSON.parse(request.postData() ?? '{}'));
    });
    await page.goto(app.url);
  });

  async function ask(question: string): Promise<void> {
    const before = asked.length;
    await page.fill('#question', question);
    await page.press('#question', 'Enter');
    await expect.poll(() => asked.length).toBe(before + 1);
    await expect.poll(() => page.locator('#ask-button').isDisabled()).toBe(false);
  }

  it('offers example questions made from the corpus and answered from it, on an empty thread only; one click asks it', async () => {
    const buttons = page.locator('#examples button.example');
    await expect.poll(() => buttons.count()).toBe(3);
    // Questions made from the corpus and answered from it, not a template around titles.
    expect(await buttons.allTextContents()).toEqual(['Qui est Eric Schmidt ?', 'Qui est Mira Murati ?', 'Qui est Sarah Friar ?']);
    await buttons.first().click();
    await expect.poll(() => page.locator('#answer-section').isVisible()).toBe(true);
    expect(asked[0]?.question).toBe('Qui est Eric Schmidt ?');
    expect(await page.locator('#answer').textContent()).toContain('Eric Schmidt');
    // Shown on an empty thread only: gone once a question is asked, back for a new conversation.
    expect(await page.locator('#examples').isHidden()).toBe(true);
    await expect.poll(() => page.locator('#ask-button').isDisabled()).toBe(false);
    await ask('Qui est Mira Murati ?');
    expect(await page.locator('#examples').isHidden()).toBe(true);
    await page.click('#new-conversation');
    expect(await page.locator('#examples').isVisible()).toBe(true);
  });

  it('sends the thread as history, shows the question as understood, keeps the thread, and starts afresh on demand', async () => {
    await ask('Qui est Janine Korovesis ?');
    const firstAnswer = await page.textContent('#answer');
    await ask('Quel poste occupe-t-elle ?');
    expect(asked[1]?.history).toEqual([
      { role: 'user', content: 'Qui est Janine Korovesis ?' },
      { role: 'assistant', content: firstAnswer },
    ]);
    // Answered, or refused with the closest passages under it: either way the page shows her post.
    expect(await page.textContent('#answer-section')).toContain('vice-présidente des finances du groupe, Janine Korovesis');
    expect(await page.textContent('#query-note')).toMatch(/^Question comprise : Quel poste occupe-t-elle \? \(Janine Korovesis\)$/u);
    expect(await page.locator('#thread > li').count()).toBe(1);
    await saveScreenshot(page, 'follow-up');
    expect(await page.textContent('#thread .thread-question')).toBe('Qui est Janine Korovesis ?');

    await page.click('#new-conversation');
    expect(await page.locator('#thread > li').count()).toBe(0);
    expect(await page.locator('#answer-section').isHidden()).toBe(true);
    await ask('Qui est Janine Korovesis ?');
    expect(asked[2]?.history).toEqual([]);
    expect(await page.locator('#query-note').isHidden()).toBe(true);
  });

  it('asks for a streamed answer, and says so in French when the stream is cut before the end', async () => {
    await ask('Qui est Janine Korovesis ?');
    expect(asked[0]?.stream).toBe(true);
    expect(await page.textContent('#answer')).toContain('Janine Korovesis');
    await page.route('**/ask', (route) =>
      route.fulfill({ status: 200, contentType: 'text/event-stream', body: 'event: citations\ndata: {"citations":[]}\n\nevent: delta\ndata: {"text":"Début de réponse "}\n\n' }),
    );
    await page.fill('#question', 'Et ensuite ?');
    await page.press('#question', 'Enter');
    await expect.poll(() => page.textContent('#status')).toBe('La question n’a pas pu être posée : la réponse a été interrompue en route, réessayez.');
    expect(await page.locator('#status').getAttribute('class')).toContain('error');
  });

  it('opens a citation in a side panel (a sheet on a phone) with its passage marked; Escape closes it and gives focus back', async () => {
    await ask('Qui est Janine Korovesis ?');
    const marker = page.locator('#answer a.marker').first();
    await marker.click();
    await expect.poll(() => page.locator('#panel').isVisible()).toBe(true);
    expect(await page.textContent('#panel-title')).not.toBe('');
    expect(await page.locator('#panel-excerpt mark').first().textContent()).toContain('Janine Korovesis');
    expect(await page.getAttribute('#panel-article', 'href')).toMatch(/^\/sources\/000_71dcd0df67353d15\.txt\?highlight=\d+-\d+#passage-cite$/u);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel-close');
    await saveScreenshot(page, 'panel-desktop');
    await page.keyboard.press('Escape');
    expect(await page.locator('#panel').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('marker'))).toBe(true);

    await page.setViewportSize({ width: 375, height: 800 });
    await marker.click();
    const box = await page.locator('#panel').boundingBox();
    expect(box?.width).toBe(375);
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBe(800);
    expect(box?.y ?? 0).toBeGreaterThan(0);
    await saveScreenshot(page, 'panel-phone');
  });

  it('copies the answer', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    await ask('Qui est Janine Korovesis ?');
    await page.click('#copy-answer');
    await expect.poll(() => page.textContent('#status')).toBe('Réponse copiée.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.textContent('#answer'));
  });
});
