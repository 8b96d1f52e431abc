/**
 * Builds (once) the scale corpus of French documentation in the gitignored `.bench-corpus/` and
 * its subsets, and prints a summary. See scale-corpus.ts.
 *
 * Usage: npx tsx tools/bench/scale/make-scale-corpus.ts [--force] [--remeasure] [target …]
 *   targets: passage counts of the subsets (default 1000 3000 10000)
 *   --force: rebuild the corpus; --remeasure: measure passages again (after the reader or chunker changed)
 */
import { ensureScaleCorpus, measureScaleCorpus, megabytes, scaleSubsets } from './scale-corpus.js';

const args = process.argv.slice(2);
const force = args.includes('--force');
const remeasure = args.includes('--remeasure') || force;
const rest = args.filter((a) => a !== '--force' && a !== '--remeasure');
const targets = rest.length > 0 ? rest.map(Number) : [1000, 3000, 10000];
if (rest.some((a) => !/^[1-9][0-9]*$/u.test(a))) {
  process.stderr.write(`make-scale-corpus: unknown argument(s) ${rest.join(' ')}; usage: make-scale-corpus.ts [--force] [--remeasure] [target …]\n`);
  process.exit(2);
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const started = performance.now();
try {
  const corpus = await ensureScaleCorpus({ log, force });
  const whole = await measureScaleCorpus({ log, remeasure });
  const subsets = await scaleSubsets(corpus.dir, targets, { log, remeasure });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Scale corpus: ${corpus.dir}`);
  console.log(`  source: ${corpus.source}`);
  console.log(`  ${corpus.files} files, ${megabytes(corpus.bytes)} MB, ${whole.passages} passages from ${whole.articles} articles (${whole.skipped.length} files skipped by the reader)${whole.cached ? ' [measured earlier]' : ` [measured in ${(whole.ms / 1000).toFixed(1)} s]`}`);
  for (const skipped of whole.skipped.slice(0, 5)) console.log(`    skipped ${skipped.source}: ${skipped.reason}`);
  for (const subset of subsets) {
    console.log(`  subset ${subset.target}: ${subset.files} files, ${megabytes(subset.bytes)} MB, ${subset.passages} passages in ${subset.dir}${subset.cached ? ' [cached]' : ''}`);
  }
  console.log(`  took ${seconds} s`);
} catch (error) {
  process.stderr.write(`make-scale-corpus: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
