import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/browser.js';
import { ask } from './helpers/chat-page.js';
import { startTestApp, type RunningApp } from './helpers/running-app.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it stands. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = (await page.evaluate(async () => (await (window as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } }).axe.run()).violations)) as AxeViolation[];
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

describe('accessibility: axe-core finds no serious violation (real browser)', () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it.each([
    ['light', 'light'],
    ['dark', 'dark'],
  ] as const)('on the empty page, with an answer, a refusal, a preview and the panel, %s mode', async (_name, colorScheme) => {
    // The page's CSP forbids injected script, rightly: the audit script is let in for this test only.
    const page = await browser.newPage({ colorScheme, bypassCSP: true });
    await page.goto(app.url);
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
    const answer = await ask(page, 'Combien OpenAI a-t-elle levé lors de sa levée de fonds ?');
    expect(await answer.locator('.chip').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    // A refusal with its passage cards, a marker's preview and the open panel.
    const refused = await ask(page, 'Quel est le prix du pain à Lyon ?');
    expect(await refused.locator('.passage-card').count()).toBeGreaterThan(0);
    await answer.locator('button.marker').first().focus();
    await expect.poll(() => page.getByRole('tooltip').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await answer.locator('button.marker').first().click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
