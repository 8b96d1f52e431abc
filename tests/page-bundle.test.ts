import { stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PAGE_BUDGET_BYTES, PAGE_BUNDLE, pageBundleIsStale } from '../scripts/build-page.mjs';

describe('the page bundle (page/ → web/app.js by esbuild)', () => {
  it('is built from the current sources and stays within 120 KB of minified script, everything included', async () => {
    expect(pageBundleIsStale()).toBe(false);
    expect(PAGE_BUDGET_BYTES).toBe(120 * 1024);
    expect((await stat(PAGE_BUNDLE)).size).toBeLessThanOrEqual(PAGE_BUDGET_BYTES);
  });
});
