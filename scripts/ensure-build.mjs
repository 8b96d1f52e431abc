// Compiles src/ to dist/ when a source file is newer than the last build, so `npm start` runs
// compiled JavaScript under plain node (no wrapper process between the signal and the server,
// and no compile step in each start) and never stale code; bundles the page (page/ → web/app.js)
// the same way. Plain JavaScript: it runs before any build.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPage, pageBundleIsStale } from './build-page.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist', '.tsbuildinfo');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

const inputs = Math.max(newestSource(path.join(root, 'src')), ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((file) => statSync(path.join(root, file)).mtimeMs));
let built = 0;
try {
  built = statSync(stamp).mtimeMs;
} catch {
  built = 0;
}
if (built < inputs) {
  process.stderr.write('Compiling src/ to dist/ (once after each change)…\n');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('error: the TypeScript sources do not compile (see above): fix them, or run `npm ci` again if node_modules is damaged.\n');
    process.exit(result.status ?? 1);
  }
  // tsc leaves its build info untouched when nothing changed: mark this check as done.
  const now = new Date();
  utimesSync(stamp, now, now);
}
if (pageBundleIsStale()) {
  process.stderr.write('Bundling the page (page/ to web/app.js)…\n');
  try {
    await buildPage();
  } catch (error) {
    process.stderr.write(`error: the page could not be bundled: ${error.message}\n`);
    process.exit(1);
  }
}
