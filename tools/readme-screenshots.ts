/**
 * The README's screenshots of the page: a three-exchange thread with a citation open in the side
 * panel (desktop), and the phone layout. Runs the real server over a copy of the shipped corpus with
 * the test model.
 *
 * Usage: npx tsx tools/readme-screenshots.ts   (writes docs/page-desktop.png, docs/page-phone.png)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/helpers/browser.js';
import type { Locator, Page } from 'playwright-core';
import { startTestApp } from '../tests/helpers/running-app.js';
import { buildPage } from '../scripts/build-page.mjs';

/** Asks a question and waits for its whole answer (the tests' helper polls with vitest, which is not running here). */
async function ask(page: Page, question: string): Promise<Locator> {
  const answers = page.locator('[role="log"] [data-role="assistant"]');
  const count = await answers.count();
  await page.fill('#question', question);
  await page.press('#question', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[role="log"] [data-role="assistant"]:not([aria-busy])').length > n, count);
  return answers.nth(count);
}

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs');
await buildPage();
const app = await startTestApp();
const browser = await launchChromium();
try {
  const desktop = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await desktop.goto(app.url);
  await ask(desktop, 'Qui est Janine Korovesis ?');
  await ask(desktop, 'Qui est Mira Murati ?');
  const third = await ask(desktop, "Qui a été recrutée pour diriger le lobbying d'OpenAI en Europe ?");
  await third.locator('button.marker').first().click();
  await desktop.locator('#panel').waitFor();
  await desktop.evaluate(() => document.getElementById('thread-scroller')?.scrollTo(0, 1e9));
  await desktop.screenshot({ path: path.join(docs, 'page-desktop.png') });
  const phone = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await phone.goto(app.url);
  await ask(phone, 'Qui est Mira Murati ?');
  await ask(phone, 'Combien OpenAI a-t-elle levé lors de sa levée de fonds ?');
  await phone.screenshot({ path: path.join(docs, 'page-phone.png') });
} finally {
  await browser.close();
  await app.stop();
}
