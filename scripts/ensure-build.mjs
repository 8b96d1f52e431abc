// Builds what `npm start` runs when a source is newer than the last build: src/ transpiled to dist/
// (one JavaScript file per TypeScript file, with source maps) and the page bundled into web/app.js.
// esbuild only strips the types, so a production install (`npm ci --omit=dev`) builds without the
// compiler or the type packages; the types are checked by `npm test` (tsc --noEmit). The server then
// runs as compiled JavaScript under plain node: no wrapper process between a stop signal and the
// server, no compile step in each start, and never stale code. `--force` rebuilds in any case.
// Plain JavaScript: it runs before any build.
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildPage, pageBundleIsStale } from './build-page.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-stamp');
const force = process.argv.includes('--force');

function sourcesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const sources = sourcesUnder(path.join(root, 'src'));
const inputs = Math.max(...[...sources, path.join(root, 'package-lock.json'), path.join(root, 'tsconfig.json')].map((file) => statSync(file).mtimeMs));

/** dist/x.js (and its map) whose src/x.ts no longer exists. */
function removeStaleModules(dir = dist) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      removeStaleModules(full);
      if (readdirSync(full).length === 0) rmSync(full, { recursive: true });
      continue;
    }
    const source = path.join(root, 'src', path.relative(dist, full)).replace(/\.js(\.map)?$/u, '.ts');
    if (/\.js(\.map)?$/u.test(entry.name) && !existsSync(source)) rmSync(full);
  }
}
let built = 0;
try {
  built = statSync(stamp).mtimeMs;
} catch {
  built = 0;
}
if (force || built < inputs) {
  process.stderr.write('Building src/ into dist/ (once after each change)…\n');
  try {
    // Written over the previous build, file by file, as tsc did: a server running from dist/ keeps
    // finding the modules it loads later. Then the modules of deleted or moved sources are removed.
    await build({ entryPoints: sources, outdir: dist, outbase: path.join(root, 'src'), format: 'esm', platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' });
    removeStaleModules();
    writeFileSync(stamp, `${new Date().toISOString()}\n`);
  } catch (error) {
    process.stderr.write(`error: src/ could not be built (${error.message}): fix the source named above, or run \`npm ci\` again if node_modules is damaged.\n`);
    process.exit(1);
  }
}
if (force || pageBundleIsStale()) {
  process.stderr.write('Bundling the page (page/ into web/app.js)…\n');
  try {
    await buildPage();
  } catch (error) {
    process.stderr.write(`error: the page could not be bundled: ${error.message}\n`);
    process.exit(1);
  }
}
