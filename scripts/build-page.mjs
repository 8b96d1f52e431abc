// Bundles the page's TypeScript (page/) into web/app.js for the browser, minified, with esbuild.
// Plain JavaScript: it runs before any build (from ensure-build.mjs and the tests' global set-up).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PAGE_SOURCE_DIR = path.join(root, 'page');
export const PAGE_BUNDLE = path.join(root, 'web', 'app.js');
/** The page's script budget (minified, everything included): a phone on a slow network loads it at once. */
export const PAGE_BUDGET_BYTES = 120 * 1024;

function newestPageSource() {
  return Math.max(...readdirSync(PAGE_SOURCE_DIR).map((name) => statSync(path.join(PAGE_SOURCE_DIR, name)).mtimeMs), statSync(path.join(root, 'package-lock.json')).mtimeMs);
}

/** True when web/app.js is missing or older than a page source. */
export function pageBundleIsStale() {
  try {
    return statSync(PAGE_BUNDLE).mtimeMs < newestPageSource();
  } catch {
    return true;
  }
}

export async function buildPage() {
  await build({
    entryPoints: [path.join(PAGE_SOURCE_DIR, 'main.ts')],
    outfile: PAGE_BUNDLE,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    legalComments: 'none',
    logLevel: 'warning',
  });
  const size = statSync(PAGE_BUNDLE).size;
  if (size > PAGE_BUDGET_BYTES) throw new Error(`web/app.js is ${size} bytes, over the page's budget of ${PAGE_BUDGET_BYTES}: trim page/ or its dependencies`);
  return size;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const size = await buildPage();
  process.stderr.write(`web/app.js: ${(size / 1024).toFixed(1)} KB\n`);
}
