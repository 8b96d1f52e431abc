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

/** The page's sources, and the contracts it reads its types and limits from. */
const PAGE_INPUT_DIRS = [PAGE_SOURCE_DIR, path.join(root, 'src', 'contracts')];

function newestPageSource() {
  const files = PAGE_INPUT_DIRS.flatMap((dir) => readdirSync(dir).map((name) => path.join(dir, name)));
  return Math.max(...[...files, path.join(root, 'package-lock.json')].map((file) => statSync(file).mtimeMs));
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
