import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { ABSTENTION_MESSAGE } from '../src/answer/answer.js';
import { launchChromium, saveScreenshot } from './helpers/browser.js';
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
    await expect.poll(() => page.locator('#question').isVisible()).toBe(true);
  });

  afterEach(async () => {
    // Every test: the page talked to its own server only, and no script error happened.
    const origin = new URL(app.url).origin;
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  /** Types a question and submits it (Enter or a click on the button), then waits for the answer or the error. */
  async function ask(question: string, how: 'enter' | 'click' = 'enter'): Promise<void> {
    await page.fill('#question', question);
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/ask');
    if (how === 'enter') await page.press('#question', 'Enter');
    else await page.click('#ask-button');
    await answered;
    await expect.poll(() => page.locator('#ask-button').isDisabled()).toBe(false);
  }

  async function expectLobbyingAnswer(): Promise<void> {
    await expect.poll(() => page.locator('#answer-section').isVisible()).toBe(true);
    expect(await page.textContent('#answer')).toContain('Julie Lavet');
    const marker = page.locator('#answer a.marker', { hasText: '[1]' }).first();
    expect(await marker.getAttribute('href')).toBe('#source-1');

    const first = page.locator('#sources > li#source-1');
    expect(await first.count()).toBe(1);
    expect(await first.evaluate((item) => (item as HTMLLIElement).value)).toBe(1);
    // The article is named by its title, never by its file; a link opens the whole article at the passage.
    expect(await first.locator('.source-meta').textContent()).not.toContain('001_2f24b03e2d55c6bf.txt');
    expect(await first.locator('a.whole-article').getAttribute('href')).toMatch(/^\/sources\/001_2f24b03e2d55c6bf\.txt\?highlight=\d+-\d+#passage-cite$/u);
    expect(await first.locator('.source-title').textContent()).not.toBe('');
    expect(await first.locator('.excerpt').textContent()).toContain('Julie Lavet');
    // The sentences the answer quotes are marked in the excerpt, the answering one first.
    expect(await first.locator('.excerpt mark').count()).toBeGreaterThanOrEqual(1);
    expect(await first.locator('.excerpt mark').first().textContent()).toMatch(/^Par exemple, Julie Lavet a été recrutée/);
    expect(await page.textContent('#status')).toBe('');
  }

  it('answers a question submitted with Enter: Julie Lavet, a [1] link and source 1 with its file and excerpt', async () => {
    await ask(LOBBYING_QUESTION, 'enter');
    await expectLobbyingAnswer();

    await page.locator('#answer a.marker', { hasText: '[1]' }).first().click();
    expect(new URL(page.url()).hash).toBe('#source-1');
    expect(await page.evaluate(() => document.querySelector(':target')?.id)).toBe('source-1');
    expect(await page.locator('#source-1').isVisible()).toBe(true);

    await saveScreenshot(page, 'answer-desktop');
  });

  it('answers a question submitted with the button', async () => {
    await ask(LOBBYING_QUESTION, 'click');
    await expectLobbyingAnswer();
  });

  it('shows the abstention message and, instead of sources, the closest passages when there are any', async () => {
    await ask(UNANSWERABLE_QUESTION);
    await expect.poll(() => page.locator('#answer-section').isVisible()).toBe(true);
    expect(await page.textContent('#answer')).toBe(ABSTENTION_MESSAGE);
    expect(await page.locator('#answer').getAttribute('class')).toContain('abstained');
    expect(await page.locator('#answer a').count()).toBe(0);
    await ask('Quel est le prix du pain à Lyon ?');
    await expect.poll(() => page.textContent('#sources-heading')).toBe('Passages les plus proches');
    expect(await page.locator('#sources > li').count()).toBeGreaterThan(0);
    expect(await page.locator('#sources > li .source-title').first().textContent()).not.toBe('');
  });

  it('shows markup from an article as literal text and never runs it', async () => {
    await ask('Qui dirige le lobbying de la société Zyxel à Lyon ?');
    await expect.poll(() => page.locator('#answer-section').isVisible()).toBe(true);
    const hostile = page.locator('#sources > li', { has: page.locator(`a.whole-article[href*="${HOSTILE_FILE}"]`) });
    expect(await hostile.count()).toBeGreaterThan(0);
    const excerpt = hostile.first().locator('.excerpt');
    const text = await excerpt.textContent();
    expect(text).toContain(IMG_PAYLOAD);
    expect(text).toContain(SCRIPT_PAYLOAD);
    // Rendered as text: no element was made from it (the only elements are the page's own <mark>s).
    expect(await excerpt.evaluate((element) => element.querySelectorAll(':not(mark)').length)).toBe(0);
    expect(await page.locator('#answer-section img, #answer-section script').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
  });

  it('fits a phone-width screen: long unbroken text in answers and excerpts wraps instead of overflowing', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await ask('Où est le registre du lobbying de la société Zyxel à Lyon ?');
    await expect.poll(() => page.locator('#answer-section').isVisible()).toBe(true);
    expect(await page.locator('#sources .excerpt', { hasText: LONG_URL }).count()).toBeGreaterThan(0);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const button = await page.locator('#ask-button').boundingBox();
    expect(button && button.x + button.width).toBeLessThanOrEqual(clientWidth);
  });

  it('never runs markup typed into the question', async () => {
    await ask(`${QUESTION_PAYLOAD} la société Zyxel et son lobbying à Lyon ?`);
    await ask(QUESTION_PAYLOAD);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
    expect(await page.evaluate(() => window.__cspViolations)).toEqual([]);
  });

  it('loads only from its own server: the page, its script and style, and POST /ask', async () => {
    await ask(LOBBYING_QUESTION);
    await page.locator('#answer a.marker').first().click();
    const paths = requests.map((url) => new URL(url).pathname);
    expect(paths).toEqual(expect.arrayContaining(['/', '/app.js', '/style.css', '/ask']));
    const origin = new URL(app.url).origin;
    for (const url of requests) expect(new URL(url).origin).toBe(origin);
  });

  it('does nothing for an empty or blank question: no request, no answer, no error', async () => {
    await page.press('#question', 'Enter'); // empty: the `required` input blocks the submit
    await page.fill('#question', '     ');
    await page.press('#question', 'Enter'); // blank: passes `required`, the page trims it and stops
    await page.click('#ask-button');
    expect(await page.locator('#answer-section').isHidden()).toBe(true);
    expect(await page.textContent('#status')).toBe('');
    expect(await page.locator('#ask-button').isEnabled()).toBe(true);
    // A barrier instead of a delay: one real question afterwards must be the only /ask ever sent.
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/ask');
    await page.fill('#question', LOBBYING_QUESTION);
    await page.press('#question', 'Enter');
    await answered;
    expect(requests.filter((url) => new URL(url).pathname === '/ask')).toHaveLength(1);
  });

  it('shows the server’s 4xx message in #status, marked as an error, for a question over 2000 characters', async () => {
    // First a good answer, so the test also sees the stale answer hidden on error.
    await ask(LOBBYING_QUESTION);
    await expect.poll(() => page.locator('#answer-section').isVisible()).toBe(true);

    await page.evaluate(() => document.getElementById('question')?.removeAttribute('maxlength'));
    const rejected = page.waitForResponse((response) => new URL(response.url()).pathname === '/ask');
    await page.fill('#question', 'a'.repeat(2001));
    await page.press('#question', 'Enter');
    expect((await rejected).status()).toBe(400);
    await expect.poll(() => page.locator('#status').getAttribute('class')).toContain('error');
    const status = await page.textContent('#status');
    expect(status).toMatch(/^La question n’a pas pu être posée : /);
    expect(status).toMatch(/question/);
    expect(status).toMatch(/2000/);
    expect(await page.locator('#answer-section').isHidden()).toBe(true);

    // The next good question clears the error.
    await ask(LOBBYING_QUESTION);
    await expectLobbyingAnswer();
    expect((await page.locator('#status').getAttribute('class')) ?? '').not.toContain('error');
  });
});
