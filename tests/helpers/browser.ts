import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from './paths.js';

/** The Chromium the browser tests drive: `$CHROMIUM_PATH`, else Debian's `/usr/bin/chromium` (see scripts/ensure-chromium.sh). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Flags that keep Chromium headless, quiet and off the network (no updates, sync, QUIC or background fetches). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches a headless Chromium; fails with a message saying how to get one when it is missing. */
export async function launchChromium(): Promise<Browser> {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw new Error(
      `the browser tests need Chromium at ${CHROMIUM_PATH}: run \`bash scripts/ensure-chromium.sh\` ` +
        '(or `sudo apt-get install chromium`), or set CHROMIUM_PATH',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** Where the browser tests save a screenshot of each state, to be looked at (gitignored). */
export const SCREENSHOTS_DIR = path.join(REPO_ROOT, '.screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}
