/**
 * The naive LangChain.js baseline on the benchmark model (random weights, e5-small's shape):
 *   npx tsx tools/bench/naive/run-naive.ts [--dtype q8|fp32] [--passages N] [--k K] [--json]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureBenchModel } from '../model/ensure-bench-model.js';
import { corpusPassageTexts, cyclePassages, NAIVE_QUESTIONS } from './naive-inputs.js';
import { measureNaivePipeline, type NaiveDtype, type NaiveReport } from './naive-pipeline.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function positiveInteger(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new RangeError(`--${name} must be a positive integer, got "${value}"`);
  return parsed;
}

function table(report: NaiveReport): string {
  const rows: [string, string][] = [
    ['dtype', report.dtype],
    ['passages / queries / k', `${report.passages} / ${report.queries} / ${report.k}`],
    ['naive batch size (calls)', `${report.naiveBatchSize} (${report.naiveBatches}, all at once)`],
    ['tokens per passage mean / max', `${report.tokensMean} / ${report.tokensMax}`],
    ['padding share (naive batching)', `${(report.paddingShare * 100).toFixed(1)} %`],
    ['model load + first query', `${report.modelLoadMs} ms`],
    ['build (fromDocuments)', `${report.buildMs} ms`],
    ['build passages/s', `${report.passagesPerSecond}`],
    ['model alone passages/s', `${report.modelAlonePassagesPerSecond}  (${report.modelAloneMs} ms; load ${report.modelAloneLoadMs} ms)`],
    ['embedQuery p50', `${report.queryEmbedP50Ms} ms`],
    ['similaritySearch p50 / p95 / p99', `${report.searchP50Ms} / ${report.searchP95Ms} / ${report.searchP99Ms} ms`],
    ['RSS after / peak', `${report.rssMb} MB / ${report.peakRssMb} MB`],
    ['fetch calls (downloads)', `${report.fetchCalls}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dtype: { type: 'string', default: 'q8' },
      passages: { type: 'string', default: '500' },
      k: { type: 'string', default: '4' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.dtype !== 'q8' && values.dtype !== 'fp32') throw new RangeError(`--dtype must be q8 or fp32, got "${values.dtype}"`);
  const dtype: NaiveDtype = values.dtype;
  const count = positiveInteger('passages', values.passages);
  const k = positiveInteger('k', values.k);

  const { modelsDir, modelId } = await ensureBenchModel(dtype);
  const passages = await corpusPassageTexts(path.join(PROJECT_ROOT, 'corpus'));
  const texts = cyclePassages(passages, count);
  console.error(`naive LangChain.js pipeline: ${passages.length} corpus passages cycled to ${texts.length}, ${modelId} (${dtype}), random weights`);
  const report = await measureNaivePipeline({ modelsDir, modelId, dtype, texts, queries: [...NAIVE_QUESTIONS], k });
  console.log(values.json ? JSON.stringify(report, null, 2) : table(report));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
