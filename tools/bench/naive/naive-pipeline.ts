/**
 * The baseline: the pipeline a LangChain.js user writes by following LangChain's docs —
 * `HuggingFaceTransformersEmbeddings` + `HNSWLib.fromDocuments` + `similaritySearch` — run on the
 * given texts with the given model files, timed from the outside. Then the model alone (the same
 * transformers.js feature-extraction pipeline, same options, same batching) on the same texts:
 * the cost no indexing pipeline on this model can go below.
 *
 * Facts checked in the installed packages (@langchain/community 1.1.29, @huggingface/transformers 3.8.1):
 * - the class lazily calls `pipeline('feature-extraction', model, pretrainedOptions)` from
 *   `await import('@huggingface/transformers')`, the single hoisted copy this file imports too, so
 *   the `env` set below is the one it reads. Proof at run time: `env.allowRemoteModels = false` and the
 *   default `env.localModelPath` ('/models/') not existing, a different copy could not load anything.
 * - the dtype goes in `pretrainedOptions: { dtype }`, passed unchanged to `pipeline()`, which reads it —
 *   but the class types that field as `PretrainedOptions`, which has no `dtype`: in strict TypeScript the
 *   literal `{ dtype }` is rejected, so it goes through a `PretrainedModelOptions` variable. Without it, transformers.js on Node's CPU
 *   device picks fp32 (`onnx/model.onnx`) with a console warning — the `--dtype fp32` run is what
 *   a user who copies the docs' example gets.
 * - `pipelineOptions` default to `{ pooling: 'mean', normalize: true }`; newlines are replaced by spaces
 *   (`stripNewLines: true`).
 * - `embedDocuments` cuts the texts into chunks of `batchSize` (default 512) and runs ALL chunks at once
 *   (`Promise.all`), one pipeline call per chunk; the tokenizer pads each call to its longest text
 *   (`padding: true, truncation: true`, 512 tokens max).
 * - `HNSWLib.fromDocuments` embeds every document in one `embedDocuments` call, then inserts (cosine space).
 * - `similaritySearch` = `embedQuery` + `similaritySearchVectorWithScore`.
 */
import { percentile } from '../latency.js';
import { Document } from '@langchain/core/documents';
import { HuggingFaceTransformersEmbeddings } from '@langchain/community/embeddings/huggingface_transformers';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { AutoTokenizer, env, pipeline, type FeatureExtractionPipeline, type PretrainedModelOptions } from '@huggingface/transformers';

export type NaiveDtype = 'q8' | 'fp32';

export interface NaivePipelineOptions {
  /** Folder holding `<modelId>/config.json`, `tokenizer.json`, `onnx/…` (the project's MODELS_DIR). */
  modelsDir: string;
  modelId: string;
  dtype: NaiveDtype;
  /** Passages to index, as the project's chunker made them. */
  texts: string[];
  /** Questions for the search timings; the first one is run once more before, as the warm-up. */
  queries: string[];
  /** Results per search; 4 (LangChain's default) unless told. */
  k?: number;
}

export interface NaiveReport {
  dtype: NaiveDtype;
  passages: number;
  queries: number;
  k: number;
  /** `HuggingFaceTransformersEmbeddings.batchSize` (its default). */
  naiveBatchSize: number;
  /** Pipeline calls `embedDocuments` makes for the texts, all started at once. */
  naiveBatches: number;
  /** First `embedQuery` of the naive class: lazy model load plus one short query. */
  modelLoadMs: number;
  /** `HNSWLib.fromDocuments(docs, embeddings)`: every embedding plus the HNSW inserts. */
  buildMs: number;
  /** Passages per second of the build. */
  passagesPerSecond: number;
  /** `embedQuery` alone over the queries, after the warm-up. */
  queryEmbedP50Ms: number;
  searchP50Ms: number;
  searchP95Ms: number;
  /** Nearest rank: with 20 queries, p95 is the 19th and p99 the slowest. */
  searchP99Ms: number;
  /** Resident memory after the naive build and searches (before the model-alone pipeline is loaded). */
  rssMb: number;
  /** Load of the model-alone pipeline (`pipeline()` alone; the files are in the OS cache by then). */
  modelAloneLoadMs: number;
  /** The same feature-extraction pipeline, same options and batching, on the same texts. */
  modelAloneMs: number;
  modelAlonePassagesPerSecond: number;
  /** Highest resident memory of the process over the whole run. */
  peakRssMb: number;
  /** Tokens per passage as the model sees them (special tokens included, truncated at 512). */
  tokensMean: number;
  tokensMax: number;
  /** Share of the tokens the model ran on that were padding, in the naive batching. */
  paddingShare: number;
  /** `fetch` calls made while the naive pipeline ran (0 means nothing was downloaded). */
  fetchCalls: number;
}

/** Points transformers.js at the local model folder, offline. */
function configureOffline(modelsDir: string): void {
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.localModelPath = modelsDir;
}


function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;
const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1);

async function timeEach(items: readonly string[], run: (item: string) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (const item of items) {
    const start = performance.now();
    await run(item);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

/** Counts `fetch` calls until the returned function is called; it restores `fetch` and returns the count. */
function countFetches(): () => number {
  const original = globalThis.fetch;
  let calls = 0;
  globalThis.fetch = ((...args: Parameters<typeof fetch>) => {
    calls += 1;
    return original(...args);
  }) as typeof fetch;
  return () => {
    globalThis.fetch = original;
    return calls;
  };
}

async function tokenStats(modelId: string, texts: readonly string[], batchSize: number): Promise<{ mean: number; max: number; paddingShare: number }> {
  const tokenizer = await AutoTokenizer.from_pretrained(modelId);
  const lengths = texts.map((text) => Math.min(512, tokenizer.encode(text).length));
  const real = lengths.reduce((sum, n) => sum + n, 0);
  const padded = chunks(lengths, batchSize).reduce((sum, batch) => sum + batch.length * Math.max(...batch), 0);
  return { mean: real / lengths.length, max: Math.max(...lengths), paddingShare: padded === 0 ? 0 : 1 - real / padded };
}

export async function measureNaivePipeline(options: NaivePipelineOptions): Promise<NaiveReport> {
  const { modelsDir, modelId, dtype, texts, queries } = options;
  const k = options.k ?? 4;
  if (texts.length === 0) throw new RangeError('measureNaivePipeline needs at least one text');
  if (queries.length === 0) throw new RangeError('measureNaivePipeline needs at least one query');
  configureOffline(modelsDir);

  // The naive user: the docs' example with the model name and a dtype, nothing else. No E5
  // "query: " / "passage: " prefixes (the project adds them; someone following LangChain's docs does not),
  // so the texts are embedded exactly as given.
  const stopCounting = countFetches();
  let fetchCalls: number;
  const pretrainedOptions: PretrainedModelOptions = { dtype };
  const embeddings = new HuggingFaceTransformersEmbeddings({ model: modelId, pretrainedOptions });
  const naiveBatchSize = embeddings.batchSize;
  let modelLoadMs: number;
  let buildMs: number;
  let searchTimes: number[];
  let queryEmbedTimes: number[];
  try {
    let start = performance.now();
    await embeddings.embedQuery('chargement du modèle');
    modelLoadMs = performance.now() - start;

    const docs = texts.map((text, index) => new Document({ pageContent: text, metadata: { index } }));
    start = performance.now();
    const store = await HNSWLib.fromDocuments(docs, embeddings);
    buildMs = performance.now() - start;

    await store.similaritySearch(queries[0] ?? '', k);
    searchTimes = await timeEach(queries, async (query) => {
      const found = await store.similaritySearch(query, k);
      if (found.length !== Math.min(k, texts.length)) throw new Error(`similaritySearch returned ${found.length} documents, expected ${k}`);
    });
    queryEmbedTimes = await timeEach(queries, (query) => embeddings.embedQuery(query));
  } finally {
    fetchCalls = stopCounting();
  }
  const rssMb = mb(process.memoryUsage().rss);

  // The model alone: the pipeline the class builds (same call, same options), fed exactly what
  // `embedDocuments` feeds it (newlines stripped, chunks of batchSize, all chunks at once).
  let start = performance.now();
  const loading = pipeline('feature-extraction', modelId, pretrainedOptions);
  const extractor: FeatureExtractionPipeline = await loading;
  const modelAloneLoadMs = performance.now() - start;
  const pipelineOptions = { pooling: 'mean', normalize: true } as const;
  await extractor(['chargement du modèle'], pipelineOptions);
  const stripped = texts.map((text) => text.replace(/\n/g, ' '));
  start = performance.now();
  const outputs = await Promise.all(chunks(stripped, naiveBatchSize).map(async (batch) => (await extractor(batch, pipelineOptions)).tolist() as number[][]));
  const modelAloneMs = performance.now() - start;
  const vectors = outputs.flat();
  if (vectors.length !== texts.length) throw new Error(`the model alone returned ${vectors.length} vectors for ${texts.length} texts`);
  await extractor.dispose();

  const tokens = await tokenStats(modelId, stripped, naiveBatchSize);
  return {
    dtype,
    passages: texts.length,
    queries: queries.length,
    k,
    naiveBatchSize,
    naiveBatches: Math.ceil(texts.length / naiveBatchSize),
    modelLoadMs: round(modelLoadMs),
    buildMs: round(buildMs),
    passagesPerSecond: round((texts.length / buildMs) * 1000),
    queryEmbedP50Ms: round(percentile(queryEmbedTimes, 0.5)),
    searchP50Ms: round(percentile(searchTimes, 0.5)),
    searchP95Ms: round(percentile(searchTimes, 0.95)),
    searchP99Ms: round(percentile(searchTimes, 0.99)),
    rssMb,
    modelAloneLoadMs: round(modelAloneLoadMs),
    modelAloneMs: round(modelAloneMs),
    modelAlonePassagesPerSecond: round((texts.length / modelAloneMs) * 1000),
    peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    tokensMean: round(tokens.mean, 1),
    tokensMax: tokens.max,
    paddingShare: round(tokens.paddingShare, 3),
    fetchCalls,
  };
}
