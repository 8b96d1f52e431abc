import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AppConfig } from '../config.js';
import { readCorpus } from '../corpus/read-corpus.js';
import { openEngine } from '../engine.js';
import { createLogger } from '../logger.js';
import { createApp } from '../server/app.js';
import { startServer } from '../server/start-server.js';
import { formatLoadTable, runLoadBenchmark } from '../bench/load-run.js';
import { BENCH_QUESTIONS } from './labelled-questions.js';
import { directorySize, formatBytes } from './directory-size.js';

/**
 * Figures are printed beside a baseline timed in the same run, on the same machine, because these
 * machines are shared: build vs. reading the corpus alone; /ask vs. /health over the same HTTP server.
 */
export async function benchCommand(config: AppConfig, options: { questions: number; loadSeconds: number; loadConnections: number }): Promise<void> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'qa-bench-'));
  try {
    const readStarted = performance.now();
    const corpus = await readCorpus(config.corpusDir);
    const readMs = performance.now() - readStarted;
    const corpusBytes = await directorySize(config.corpusDir);

    const startStarted = performance.now();
    const engine = await openEngine({ ...config, indexDir: path.join(scratch, 'index') });
    const startMs = performance.now() - startStarted;
    const indexBytes = await directorySize(engine.index.dir);

    const running = await startServer(createApp(engine, createLogger('silent')), '127.0.0.1', 0);
    try {
      const health = await timeRequests(options.questions, () => fetch(`${running.url}/health`));
      const search = await timeRequests(options.questions, (i) => post(`${running.url}/search`, { query: question(i) }));
      const ask = await timeRequests(options.questions, (i) => post(`${running.url}/ask`, { question: question(i) }));
      const rows: [string, string, string][] = [
        ['index build (chunk, embed, write)', `${engine.index.manifest.buildMs} ms`, `read+clean corpus alone: ${readMs.toFixed(1)} ms`],
        ['cold start (model load + read + build)', `${startMs.toFixed(0)} ms`, `read+clean corpus alone: ${readMs.toFixed(1)} ms`],
        ['index size on disk', formatBytes(indexBytes), `corpus: ${formatBytes(corpusBytes)} in ${corpus.articles.length} articles`],
        [`POST /ask p50 / p95 (n=${options.questions})`, `${ask.p50.toFixed(2)} / ${ask.p95.toFixed(2)} ms`, `GET /health: ${health.p50.toFixed(2)} / ${health.p95.toFixed(2)} ms`],
        [`POST /search p50 / p95 (n=${options.questions})`, `${search.p50.toFixed(2)} / ${search.p95.toFixed(2)} ms`, `GET /health: ${health.p50.toFixed(2)} / ${health.p95.toFixed(2)} ms`],
      ];
      process.stdout.write(`mode: ${engine.embeddings ? `hybrid (${engine.model.id})` : 'lexical only (no embedding model)'}\n`);
      printTable(['measure', 'value', 'baseline (same run)'], rows);
    } finally {
      await running.close();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  if (options.loadSeconds > 0) {
    // The load run starts its own server process (compiled, as npm start runs it), so that autocannon does not share its event loop.
    process.stdout.write(`\nload (autocannon, the server in its own process, test model; every connection its own client):\n`);
    const report = await runLoadBenchmark({ durationSeconds: options.loadSeconds, connections: options.loadConnections, model: 'tiny' });
    process.stdout.write(`${formatLoadTable(report)}\n`);
  }
}

function question(i: number): string {
  return BENCH_QUESTIONS[i % BENCH_QUESTIONS.length] as string;
}

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

async function timeRequests(count: number, send: (i: number) => Promise<Response>): Promise<{ p50: number; p95: number }> {
  await (await send(0)).arrayBuffer(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    const response = await send(i);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`request ${i} failed with status ${response.status}`);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function printTable(header: [string, string, string], rows: [string, string, string][]): void {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => row[column]!.length)));
  for (const [i, row] of all.entries()) {
    process.stdout.write(`${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  │  ')}\n`);
    if (i === 0) process.stdout.write(`${widths.map((w) => '─'.repeat(w)).join('──┼──')}\n`);
  }
}
