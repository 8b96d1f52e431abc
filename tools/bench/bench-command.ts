import os from 'node:os';
import type { AppConfig } from '../../src/config.js';
import { formatLoadTable, runLoadBenchmark } from './load-run.js';
import { runPerformance } from './performance-run.js';
import { formatPerformance } from './performance-table.js';
import { formatScale, runScale } from './scale-run.js';

export interface BenchOptions {
  dtype: 'q8' | 'fp32';
  requests: number;
  clients: number;
  loadSeconds: number;
  loadConnections: number;
  scale: boolean;
}

/**
 * Every figure beside its floor from the same run on the same machine (these machines are shared
 * and noisy): the product with an encoder of multilingual-e5-small's exact shape, the naive
 * LangChain pipeline on the same passages and model, the load runs, and with --scale how the
 * figures grow with the corpus.
 */
export async function benchCommand(_config: AppConfig, options: BenchOptions): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  process.stdout.write(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}\n`);
  const report = await runPerformance({ dtype: options.dtype, requests: options.requests, clients: options.clients, log });
  process.stdout.write(`\nencoder of multilingual-e5-small's shape (random weights, ${options.dtype}), ${report.passages} passages:\n`);
  process.stdout.write(`${formatPerformance(report, options.clients)}\n`);
  if (options.scale) {
    const scale = await runScale({ dtype: options.dtype, clients: options.clients, log });
    process.stdout.write(`\nscale (${scale.source}; ${options.dtype}); growth from the smallest in parentheses:\n`);
    process.stdout.write(`${formatScale(scale.points, options.clients)}\n`);
  }
  if (options.loadSeconds > 0) {
    // The load run starts its own server process (compiled, as npm start runs it), so that autocannon does not share its event loop.
    process.stdout.write(`\nload (autocannon, the server in its own process, test model; every connection its own client):\n`);
    const load = await runLoadBenchmark({ durationSeconds: options.loadSeconds, connections: options.loadConnections, model: 'tiny' });
    process.stdout.write(`${formatLoadTable(load)}\n`);
  }
}
