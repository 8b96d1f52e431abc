import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
