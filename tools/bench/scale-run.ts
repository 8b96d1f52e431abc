import { runPerformance, type PerformanceReport } from './performance-run.js';
import { table } from './performance-table.js';
import { ensureScaleCorpus, scaleSubsets } from './scale/scale-corpus.js';

export const SCALE_TARGETS = [1_000, 3_000, 10_000] as const;

/** The product over 1k, 3k and 10k passages of real French text (Debian's French documentation). */
export async function runScale(options: { dtype: 'q8' | 'fp32'; clients: number; log: (line: string) => void }): Promise<{ source: string; points: PerformanceReport[] }> {
  const corpus = await ensureScaleCorpus({ log: options.log });
  const subsets = await scaleSubsets(corpus.dir, SCALE_TARGETS, { log: options.log });
  const points: PerformanceReport[] = [];
  for (const subset of subsets) {
    options.log(`scale: ${subset.passages} passages (${subset.files} files)…`);
    points.push(await runPerformance({ dtype: options.dtype, requests: 100, clients: options.clients, corpusDir: subset.dir, modelAlone: false, naive: false, log: options.log }));
  }
  return { source: corpus.source, points };
}

/** One column per corpus size, and how each figure grew from the smallest. */
export function formatScale(points: readonly PerformanceReport[], clients: number): string {
  const first = points[0];
  if (!first) return '';
  const grow = (value: number, base: number) => (base > 0 ? ` (${(value / base).toFixed(2)}x)` : '');
  const row = (name: string, pick: (point: PerformanceReport) => number, show: (value: number) => string): string[] => [
    name,
    ...points.map((point, i) => `${show(pick(point))}${i === 0 ? '' : grow(pick(point), pick(first))}`),
  ];
  const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
  const mib = (value: number) => `${(value / 1024 / 1024).toFixed(1)} MiB`;
  return table(
    ['measure', ...points.map((point) => `${point.passages} passages`)],
    [
      row('build', (point) => point.buildPassagesPerSecond, (value) => `${value.toFixed(1)} passages/s`),
      row('index on disk', (point) => point.indexBytes, mib),
      row('start-up with the built index', (point) => point.startupMs, ms),
      row('`index`, nothing changed', (point) => point.indexNoChangeMs, ms),
      row('server RSS at start', (point) => point.rssBytesAtStart ?? 0, mib),
      row('query embedding alone (floor)', (point) => point.queryEmbedding.p50, ms),
      row('HNSW search alone, k=20', (point) => point.hnswSearch.p50, ms),
      row('POST /search p50, 1 client', (point) => point.http.searchOne.p50, ms),
      row('POST /ask p50, 1 client', (point) => point.http.askOne.p50, ms),
      row(`POST /search, ${clients} clients`, (point) => point.http.searchMany.requestsPerSecond, (value) => `${value.toFixed(0)} req/s`),
      row(`POST /ask, ${clients} clients`, (point) => point.http.askMany.requestsPerSecond, (value) => `${value.toFixed(0)} req/s`),
    ],
  );
}
