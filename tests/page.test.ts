import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { ABSTENTION_MESSAGE } from '../src/answer/cited-answer.js';
import { launchChromium, saveScreenshot } from './helpers/browser.js';
import { answerText, ask, assistantMessages, questionBox, thread, userMessages } from './helpers/chat-page.js';
import { startTestApp, type RunningApp } from './helpers/running-app.js';

const LOBBYING_QUESTION = "Qui a été recrutée pour diriger le lobbying d'OpenAI en Europe ?";
const UNANSWERABLE_QUESTION = 'Qui a remporté la Coupe du monde 2022 ?';

const IMG_PAYLOAD = '<img src=x onerror="window.__pwned=1">';
const SCRIPT_PAYLOAD = '<script>window.__pwned=2</script>';
const QUESTION_PAYLOAD = '<img src=x onerror=window.__pwned=3>';

/** A long unbroken string, as news texts carry (links): it must wrap, not push the page sideways. */
const LONG_URL = `https://www.exemple.fr/registre/lobbying/zyxel/${'0123456789abcdef'.repeat(12)}`;

/** A hostile article: its text carries markup that would run if the page ever rendered excerpts as HTML. */
const HOSTILE_FILE = '900_zyxel_lobbying_lyon.txt';
const HOSTILE_ARTICLE = [
  'La société Zyxel renforce son lobbying à Lyon',
  '',
  'Par Rédaction Test, publié le 12 mars 2025',
  '',
  `La société Zyxel a confié son lobbying à Lyon à Camille Ferrand, dont le premier courriel contenait ${IMG_PAYLOAD} et ${SCRIPT_PAYLOAD} au milieu d’une phrase.`,
  'Camille Ferrand dirige désormais le lobbying de la société Zyxel auprès de la métropole de Lyon et de la région.',
  'Les élus lyonnais disent avoir reçu plusieurs demandes de rendez-vous de la société Zyxel depuis le début de l’année.',
  `Le registre du lobbying de la société Zyxel à Lyon est en ligne : ${LONG_URL}`,
  '',
].join('\n');

declare global {
  interface Window {
    __pwned?: unknown;
    __cspViolations?: string[];
  }
}

describe('the chat page in a real Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let requests: string[];
  let pageErrors: string[];

  beforeAll(async () => {
    [app, browser] = await Promise.all([
      startTestApp({}, { extraCorpusFiles: { [HOSTILE_FILE]: HOSTILE_ARTICLE } }),
      launchChromium(),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  beforeEach(async () => {
    requests = [];
    pageErrors = [];
    context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    // Records any Content-Security-Policy violation: a markup payload that merely *tried* to run shows up here.
    await context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__cspViolations?.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    context.on('request', (request: Request) => {
      requests.push(request.url());
    });
    page = await context.newPage();
    page.on('pageerror', (error) => {
      pageErrors.push(String(error));
    });
    await page.goto(`${app.url}/`);
    await expect.poll(() => questionBox(page).isVisible()).toBe(true);
  });

  afterEach(async () => {
    // Every test: the page talked to its own server only, and no script error happened.
    const origin = new URL(app.url).origin;
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  /** Opens a source of an answer in the panel, and gives the panel. */
  async function openSource(answer: Locator, file: string): Promise<Locator> {
    await answer.locator(`[data-source="${file}"]`).first().click();
    const panel = page.getByRole('dialog', { name: /./u });
    await expect.poll(() => panel.isVisible()).toBe(true);
    return panel;
  }

  async function expectLobbyingAnswer(answer: Locator): Promise<void> {
    expect(await answerText(answer)).toContain('Julie Lavet');
    expect(await answer.locator('.answer button.marker', { hasText: '[1]' }).count()).toBeGreaterThan(0);
    // The article is named by its title, never by its file.
    const chip = answer.locator('.chip[data-source="001_2f24b03e2d55c6bf.txt"]');
    expect(await chip.count()).toBe(1);
    expect(await chip.textContent()).not.toContain('001_2f24b03e2d55c6bf.txt');
    expect(await chip.locator('.chip-title').textContent()).not.toBe('');
    // [1] opens the passage in the panel, the answering sentence marked; a link opens the whole article at it.
    await answer.locator('.answer button.marker', { hasText: '[1]' }).first().click();
    const panel = page.getByRole('dialog');
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.locator('.excerpt').textContent()).toContain('Julie Lavet');
    expect(await panel.locator('.excerpt mark').first().textContent()).toMatch(/^Par exemple, Julie Lavet a été recrutée/u);
    expect(await panel.locator('a.whole-article').getAttribute('href')).toMatch(/^\/sources\/001_2f24b03e2d55c6bf\.txt\?highlight=\d+-\d+#passage-cite$/u);
    await page.keyboard.press('Escape');
  }

  it('answers a question sent with Enter: Julie Lavet, a [1] that opens its passage, the source named by its title', async () => {
    const answer = await ask(page, LOBBYING_QUESTION, 'enter');
    await expectLobbyingAnswer(answer);
    await saveScreenshot(page, 'answer-desktop');
  });

  it('answers a question sent with the button', async () => {
    await expectLobbyingAnswer(await ask(page, LOBBYING_QUESTION, 'click'));
  });

  it('shows a refusal with its reason and, as cards that open like citations, the closest passages', async () => {
    const refused = await ask(page, UNANSWERABLE_QUESTION);
    expect(await answerText(refused)).toBe(ABSTENTION_MESSAGE);
    expect(await refused.locator('.answer.abstained').count()).toBe(1);
    expect(await refused.locator('.answer button.marker').count()).toBe(0);
    const unsure = await ask(page, 'Quel est le prix du pain à Lyon ?');
    expect(await unsure.locator('.sources-heading').textContent()).toBe('Passages les plus proches');
    const cards = unsure.locator('.passage-card');
    expect(await cards.count()).toBeGreaterThan(0);
    expect(await cards.first().locator('.chip-title').textContent()).not.toBe('');
    expect(await cards.first().locator('.card-excerpt').textContent()).not.toBe('');
    await cards.first().click();
    const panel = page.getByRole('dialog');
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.locator('.excerpt').textContent()).not.toBe('');
    expect(await panel.locator('#panel-title').textContent()).toBe(await cards.first().locator('.chip-title').textContent());
    await saveScreenshot(page, 'refusal-cards');
  });

  it('shows markup from an article as literal text and never runs it', async () => {
    const answer = await ask(page, 'Où est le registre du lobbying de la société Zyxel à Lyon ?');
    await answer.locator('button.marker').first().hover();
    await expect.poll(() => page.getByRole('tooltip').isVisible()).toBe(true);
    // A refusal's passage card, then the panel it opens: the article's markup is text.
    const refused = await ask(page, 'Qui dirige le lobbying de la société Zyxel à Lyon ?');
    const card = refused.locator(`.passage-card[data-source="${HOSTILE_FILE}"]`, { hasText: IMG_PAYLOAD });
    expect(await card.count()).toBe(1);
    expect(await card.locator('.card-excerpt').evaluate((element) => element.children.length)).toBe(0);
    await card.click();
    const excerpt = page.getByRole('dialog').locator('.excerpt');
    await expect.poll(() => excerpt.isVisible()).toBe(true);
    const text = await excerpt.textContent();
    expect(text).toContain(IMG_PAYLOAD);
    expect(text).toContain(SCRIPT_PAYLOAD);
    // Rendered as text: no element was made from it (the only elements are the page's own <mark>s).
    expect(await excerpt.evaluate((element) => element.querySelectorAll(':not(mark)').length)).toBe(0);
    expect(await page.locator('img, script:not([src])').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
  });

  it('fits a phone-width screen: long unbroken text in answers and excerpts wraps instead of overflowing', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    const answer = await ask(page, 'Où est le registre du lobbying de la société Zyxel à Lyon ?');
    const panel = await openSource(answer, HOSTILE_FILE);
    expect(await panel.locator('.excerpt', { hasText: LONG_URL }).count()).toBe(1);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const box = await panel.boundingBox();
    expect(box?.width).toBe(375);
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBe(800);
    expect(box?.y ?? 0).toBeGreaterThan(0);
    await saveScreenshot(page, 'panel-phone');
    await page.keyboard.press('Escape');
    const button = await page.locator('#ask-button').boundingBox();
    expect(button && button.x + button.width).toBeLessThanOrEqual(clientWidth);
  });

  it('never runs markup typed into the question, and shows it as typed', async () => {
    await ask(page, `${QUESTION_PAYLOAD} la société Zyxel et son lobbying à Lyon ?`);
    await ask(page, QUESTION_PAYLOAD);
    expect(await userMessages(page).nth(1).textContent()).toBe(QUESTION_PAYLOAD);
    expect(await page.locator('img, script:not([src])').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
  });

  it('loads only from its own server: the page, its script and style, and POST /ask', async () => {
    const answer = await ask(page, LOBBYING_QUESTION);
    await answer.locator('button.marker').first().click();
    const paths = requests.map((url) => new URL(url).pathname);
    expect(paths).toEqual(expect.arrayContaining(['/', '/app.js', '/style.css', '/ask']));
    const origin = new URL(app.url).origin;
    for (const url of requests) expect(new URL(url).origin).toBe(origin);
  });

  it('does nothing for an empty or blank question: no request, no message', async () => {
    await questionBox(page).press('Enter');
    await questionBox(page).fill('     ');
    await questionBox(page).press('Enter');
    await page.click('#ask-button');
    expect(await thread(page).locator('[data-role]').count()).toBe(0);
    // A barrier instead of a delay: one real question afterwards must be the only /ask ever sent.
    await ask(page, LOBBYING_QUESTION);
    expect(requests.filter((url) => new URL(url).pathname === '/ask')).toHaveLength(1);
  });

  it('says in the thread why a question over 2000 characters was refused, gives the question back to edit, and goes on', async () => {
    await ask(page, LOBBYING_QUESTION);
    await page.evaluate(() => document.getElementById('question')?.removeAttribute('maxlength'));
    const long = 'a'.repeat(2001);
    const rejected = await ask(page, long);
    expect(await rejected.locator('.failure').textContent()).toBe('La question n’a pas pu être posée : elle doit être non vide et faire au plus 2000 caractères.');
    expect(await questionBox(page).inputValue()).toBe(long);
    await expectLobbyingAnswer(await ask(page, LOBBYING_QUESTION));
    expect(await assistantMessages(page).count()).toBe(3);
  });
});
