/**
 * The README's screenshots of the page: answering with a citation panel open (desktop) and the
 * phone layout. Runs the real server over a copy of the shipped corpus with the test model.
 *
 * Usage: npx tsx scripts/readme-screenshots.ts   (writes docs/page-desktop.png, docs/page-phone.png)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../tests/helpers/browser.js';
import { startTestApp } from '../tests/helpers/running-app.js';

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs');
const app = await startTestApp();
const browser = await launchChromium();
try {
  const desktop = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await desktop.goto(app.url);
  await desktop.fill('#question', 'Qui dirigera le bureau de Paris ?');
  await desktop.press('#question', 'Enter');
  await desktop.locator('#answer a.marker').first().waitFor();
  await desktop.locator('#answer a.marker').first().click();
  await desktop.locator('#panel').waitFor();
  await desktop.evaluate(() => window.scrollTo(0, 0));
  await desktop.screenshot({ path: path.join(docs, 'page-desktop.png') });
  const phone = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await phone.goto(app.url);
  await phone.fill('#question', 'Combien OpenAI a-t-elle levé lors de sa levée de fonds ?');
  await phone.press('#question', 'Enter');
  await phone.locator('#sources > li').first().waitFor();
  await phone.screenshot({ path: path.join(docs, 'page-phone.png') });
} finally {
  await browser.close();
  await app.stop();
}
