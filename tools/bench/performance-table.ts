import type { Latency } from './latency.js';
import type { PerformanceReport } from './performance-run.js';

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const ratio = (value: number, floor: number) => (floor > 0 ? `${(value / floor).toFixed(2)}x` : '—');
const mib = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MiB`);
const latency = (l: Latency) => `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)}`;
const rps = (l: Latency) => `${l.requestsPerSecond.toFixed(1)} req/s`;

/** The figures side by side with the floors of the same run, and their ratios. */
export function formatPerformance(report: PerformanceReport, clients: number): string {
  const { http } = report;
  const rows: [string, string, string, string][] = [
    ['query embedding alone (floor)', latency(report.queryEmbedding), rps(report.queryEmbedding), '1.00x'],
    ['HNSW search alone, k=20', latency(report.hnswSearch), rps(report.hnswSearch), ratio(report.hnswSearch.p50, report.queryEmbedding.p50)],
    ['GET /health (HTTP floor)', latency(http.health), rps(http.health), ratio(http.health.p50, report.queryEmbedding.p50)],
    ['POST /search, 1 client', latency(http.searchOne), rps(http.searchOne), ratio(http.searchOne.p50, report.queryEmbedding.p50)],
    ['POST /ask, 1 client', latency(http.askOne), rps(http.askOne), ratio(http.askOne.p50, report.queryEmbedding.p50)],
    [`POST /search, ${clients} clients`, latency(http.searchMany), rps(http.searchMany), `${(http.searchMany.requestsPerSecond / http.searchOne.requestsPerSecond).toFixed(2)}x the 1-client req/s`],
    [`POST /ask, ${clients} clients`, latency(http.askMany), rps(http.askMany), `${(http.askMany.requestsPerSecond / http.askOne.requestsPerSecond).toFixed(2)}x the 1-client req/s`],
    [
      'build (chunk, embed, write)',
      `${report.buildPassagesPerSecond.toFixed(1)} passages/s`,
      report.modelAlonePassagesPerSecond === null ? '' : `model alone: ${report.modelAlonePassagesPerSecond.toFixed(1)} passages/s`,
      report.modelAlonePassagesPerSecond === null ? '' : ratio(report.buildPassagesPerSecond, report.modelAlonePassagesPerSecond),
    ],
    ['start-up with the built index', `${report.startupMs.toFixed(0)} ms`, `RSS ${mib(report.rssBytesAtStart)} (after the runs: ${mib(report.rssBytesAfterLoad)})`, ''],
    ['`index`, nothing changed', `${report.indexNoChangeMs.toFixed(0)} ms`, 'a whole process: node start, imports, model load, index check', ''],
    ['index on disk', mib(report.indexBytes), `${report.articles} articles, ${report.passages} passages`, ''],
  ];
  const naive = report.naive;
  if (naive) {
    rows.push(
      ['naive LangChain: embedQuery', `${ms(naive.queryEmbedP50Ms)} p50`, '', ratio(naive.queryEmbedP50Ms, report.queryEmbedding.p50)],
      ['naive LangChain: similaritySearch', `${ms(naive.searchP50Ms)} / ${ms(naive.searchP95Ms)} / ${ms(naive.searchP99Ms)}`, `ours over HTTP: ${ms(http.searchOne.p50)} p50`, ratio(naive.searchP50Ms, report.queryEmbedding.p50)],
      [
        'naive LangChain: fromDocuments build',
        `${naive.passagesPerSecond.toFixed(1)} passages/s`,
        `its model alone: ${naive.modelAlonePassagesPerSecond.toFixed(1)} passages/s (batch ${naive.naiveBatchSize}, ${(naive.paddingShare * 100).toFixed(0)}% padding)`,
        `ours: ${ratio(report.buildPassagesPerSecond, naive.modelAlonePassagesPerSecond)} its model alone`,
      ],
      ['naive LangChain: memory', `RSS ${naive.rssMb.toFixed(0)} MiB`, `peak ${naive.peakRssMb.toFixed(0)} MiB`, ''],
    );
  }
  const header: [string, string, string, string] = ['measure', 'p50 / p95 / p99', 'throughput or baseline', 'ratio (p50 to the floor)'];
  return table(header, rows);
}

export function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
