import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, saveScreenshot } from './helpers/browser.js';
import { answerText, ask, assistantMessages, lastAnswer, questionBox } from './helpers/chat-page.js';
import { startFakeChatCompletions, type FakeChatCompletions } from './helpers/fake-chat-completions.js';
import { startTestApp, type RunningApp } from './helpers/running-app.js';

declare global {
  interface Window {
    __pwned?: unknown;
  }
}

const QUESTION = 'Qui est Janine Korovesis ?';

describe('the page with answers from an LLM (a loopback server speaking the chat-completions protocol), and trouble (real browser)', () => {
  let fake: FakeChatCompletions;
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[];
  beforeAll(async () => {
    fake = await startFakeChatCompletions();
    [app, browser] = await Promise.all([startTestApp({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'page-test' }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await fake?.close();
  });
  beforeEach(async () => {
    pageErrors = [];
    context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(app.url);
  });
  afterEach(async () => {
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('renders an LLM answer as Markdown: a list is a list, bold is bold, raw HTML stays text and never runs, only http(s) links', async () => {
    fake.behaviour = {
      kind: 'stream',
      chunks: [
        'Janine Korovesis :\n\n',
        '- dirige le **bureau** de Paris [1]\n',
        '- est vice-présidente des finances [1]\n\n',
        'Voir <img src=x onerror="window.__pwned=1"> et [ce lien](javascript:window.__pwned=2) ou [le site](https://openai.com/fr).',
      ],
    };
    const answer = await ask(page, QUESTION);
    const markdown = answer.locator('.answer.markdown');
    expect(await markdown.locator('ul > li').count()).toBe(2);
    expect(await markdown.locator('ul > li').first().locator('strong').textContent()).toBe('bureau');
    expect(await markdown.locator('ul > li').first().locator('button.marker').textContent()).toBe('[1]');
    expect(await markdown.textContent()).toContain('<img src=x onerror="window.__pwned=1">');
    expect(await answer.locator('img').count()).toBe(0);
    const links = await markdown.locator('a').evaluateAll((anchors) => anchors.map((anchor) => [anchor.textContent, anchor.getAttribute('href')]));
    expect(links).toEqual([['le site', 'https://openai.com/fr']]);
    expect(await markdown.textContent()).toContain('ce lien');
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    await saveScreenshot(page, 'chat-llm-markdown');
  });

  it('underlines the sentence its sources do not back, with the reason as its title', async () => {
    fake.behaviour = { kind: 'stream', chunks: ['Janine Korovesis dirigera le bureau [1]. ', 'Le bureau comptera 250 salariés dès 2025 [1].'] };
    const answer = await ask(page, QUESTION);
    const marked = answer.locator('.answer .unsupported');
    expect(await marked.count()).toBe(1);
    expect(await marked.textContent()).toBe('Le bureau comptera 250 salariés dès 2025');
    expect(await marked.getAttribute('title')).toBe('Non vérifié dans la source citée : « 250 », « 2025 » absent de [1]');
    expect(await answerText(answer)).toContain('Janine Korovesis dirigera le bureau [1]');
    expect(fake.received.at(-1)?.body.stream).toBe(true);
  });

  it('streams into its bubble with a typing indicator; Stop aborts the request, keeps the partial text and says it was stopped; Retry asks again', async () => {
    const closedBefore = fake.closedEarly;
    fake.behaviour = { kind: 'stream', chunks: ['Janine Korovesis [1] ', 'dirige ', 'le ', 'bureau ', 'de ', 'Paris ', '[1].'], delayMs: 400 };
    await questionBox(page).fill(QUESTION);
    await questionBox(page).press('Enter');
    const streaming = lastAnswer(page);
    await expect.poll(() => streaming.getAttribute('aria-busy')).toBe('true');
    expect(await streaming.locator('.typing').isVisible()).toBe(true);
    await expect.poll(() => answerText(streaming)).toContain('Janine Korovesis');
    expect(await page.locator('#ask-button').isHidden()).toBe(true);
    await saveScreenshot(page, 'chat-streaming');
    await page.getByRole('button', { name: 'Arrêter' }).click();
    await expect.poll(() => streaming.getAttribute('aria-busy')).toBeNull();
    expect(await streaming.locator('.message-note').textContent()).toBe('Réponse arrêtée avant la fin.');
    const kept = await answerText(streaming);
    expect(kept.startsWith('Janine Korovesis')).toBe(true);
    expect(kept).not.toContain('Paris');
    // The markers of the text that came still open their passage.
    await streaming.locator('button.marker', { hasText: '[1]' }).click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    // The request was aborted: the server stopped the model's stream too.
    await expect.poll(() => fake.closedEarly).toBe(closedBefore + 1);
    expect(await page.locator('#ask-button').isVisible()).toBe(true);

    fake.behaviour = { kind: 'stream', chunks: ['Janine Korovesis dirige le bureau de Paris [1].'] };
    await streaming.getByRole('button', { name: 'Réessayer' }).click();
    await expect.poll(() => lastAnswer(page).locator('.message-note').count()).toBe(0);
    await expect.poll(() => answerText(lastAnswer(page))).toBe('Janine Korovesis dirige le bureau de Paris [1].');
    expect(await assistantMessages(page).count()).toBe(1);

    // A Retry that fails keeps the good answer it was to replace.
    await page.route('**/ask', (route) => route.abort('connectionrefused'));
    await lastAnswer(page).getByRole('button', { name: 'Réessayer' }).click();
    await expect.poll(() => lastAnswer(page).locator('.action-status').textContent()).toBe('Le serveur ne répond pas : vérifiez qu’il est lancé, puis réessayez. La réponse précédente est gardée.');
    expect(await answerText(lastAnswer(page))).toBe('Janine Korovesis dirige le bureau de Paris [1].');
    await page.unroute('**/ask');
    await page.reload();
    expect(await answerText(lastAnswer(page))).toBe('Janine Korovesis dirige le bureau de Paris [1].');
  });

  it('sends a long answer back in the history cut to what the server accepts, so the follow-up is answered', async () => {
    fake.behaviour = { kind: 'stream', chunks: [`Janine Korovesis dirige le bureau [1]. ${'Elle organise le travail du bureau de Paris. '.repeat(220)}`] };
    const long = await ask(page, QUESTION);
    expect((await answerText(long)).length).toBeGreaterThan(8000);
    fake.behaviour = { kind: 'stream', chunks: ['Elle dirige le bureau de Paris [1].'] };
    const followUp = await ask(page, 'Quel poste occupe-t-elle ?');
    expect(await followUp.locator('.failure').count()).toBe(0);
    expect(await answerText(followUp)).toBe('Elle dirige le bureau de Paris [1].');
  });

  it('does not bring back a conversation deleted while its answer was streaming', async () => {
    const closedBefore = fake.closedEarly;
    fake.behaviour = { kind: 'stream', chunks: ['Janine Korovesis ', 'dirige ', 'le ', 'bureau ', '[1].'], delayMs: 300 };
    await questionBox(page).fill(QUESTION);
    await questionBox(page).press('Enter');
    await expect.poll(() => page.locator('#conversation-list .conversation-title').allTextContents()).toEqual([QUESTION]);
    await page.getByRole('button', { name: `Supprimer la conversation « ${QUESTION} »` }).click();
    expect(await assistantMessages(page).count()).toBe(0);
    // The stream was cut by the deletion, and the page is done with it.
    await expect.poll(() => fake.closedEarly).toBe(closedBefore + 1);
    await expect.poll(() => page.evaluate(() => document.body.classList.contains('answering'))).toBe(false);
    expect(await page.locator('#conversation-list li').count()).toBe(0);
    await page.reload();
    expect(await page.locator('#conversation-list li').count()).toBe(0);
  });

  it('keeps a question whose answer was streaming in its own conversation when the reader starts a new one', async () => {
    fake.behaviour = { kind: 'stream', chunks: ['Janine Korovesis ', 'dirige ', 'le ', 'bureau ', '[1].'], delayMs: 400 };
    await questionBox(page).fill(QUESTION);
    await questionBox(page).press('Enter');
    await expect.poll(() => answerText(lastAnswer(page))).toContain('Janine');
    await page.click('#new-conversation');
    expect(await assistantMessages(page).count()).toBe(0);
    await expect.poll(() => page.locator('#conversation-list .conversation-title').allTextContents()).toEqual([QUESTION]);
    expect(await page.locator('#conversation-list [aria-current="true"]').count()).toBe(0);
    await page.locator('#conversation-list .conversation-open').click();
    expect(await lastAnswer(page).locator('.message-note').textContent()).toBe('Réponse arrêtée avant la fin.');
    expect(await answerText(lastAnswer(page))).toMatch(/^Janine/u);
  });

  it('says in French, in the thread, when the server is down, busy (with its wait) or cuts the stream, each with a Retry that works', async () => {
    fake.behaviour = { kind: 'stream', chunks: ['Janine Korovesis dirige le bureau [1].'] };
    await page.route('**/ask', (route) => route.abort('connectionrefused'));
    const down = await ask(page, QUESTION);
    expect(await down.locator('.failure').textContent()).toBe('Le serveur ne répond pas : vérifiez qu’il est lancé, puis réessayez.');

    await page.unroute('**/ask');
    await page.route('**/ask', (route) => route.fulfill({ status: 429, headers: { 'Retry-After': '7' }, contentType: 'application/json', body: '{"error":{"code":"too_many_requests","message":"busy"}}' }));
    const busy = await ask(page, QUESTION);
    expect(await busy.locator('.failure').textContent()).toBe('Trop de questions en même temps : réessayez dans 7 secondes.');

    await page.unroute('**/ask');
    await page.route('**/ask', (route) =>
      route.fulfill({ status: 200, contentType: 'text/event-stream', body: 'event: citations\ndata: {"citations":[]}\n\nevent: delta\ndata: {"text":"Début de réponse "}\n\n' }),
    );
    const cut = await ask(page, QUESTION);
    expect(await cut.locator('.failure').textContent()).toBe('La réponse a été interrompue en route : réessayez.');
    expect(await answerText(cut)).toBe('Début de réponse ');
    await saveScreenshot(page, 'chat-errors');

    await page.unroute('**/ask');
    await cut.getByRole('button', { name: 'Réessayer' }).click();
    await expect.poll(() => answerText(assistantMessages(page).nth(2))).toBe('Janine Korovesis dirige le bureau [1].');
    expect(await assistantMessages(page).nth(2).locator('.failure').count()).toBe(0);
  });
});
