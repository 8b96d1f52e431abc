import { loadedIndexOf } from '../../src/index/index.js';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { openEngine } from '../../src/engine.js';
import { BENCH_QUESTIONS } from '../../src/cli/labelled-questions.js';
import { directorySize } from '../../src/cli/directory-size.js';
import { measure, type Latency } from './latency.js';
import { ensureBenchModel } from './model/ensure-bench-model.js';
import { PROJECT_ROOT } from './load-run.js';
import { measureNaivePipeline, type NaiveReport } from './naive/naive-pipeline.js';
import { startServerProcess, timeCliRun } from './server-process.js';

export interface PerformanceOptions {
  dtype: 'q8' | 'fp32';
  /** Timed requests per measurement. */
  requests: number;
  /** Concurrent clients of the "many clients" measurements. */
  clients: number;
  /** The corpus to index; default the shipped articles and the LibreOffice help pages of the evaluation. */
  corpusDir?: string;
  /** Also time the model alone on every passage (doubles the embedding time: off for the scale runs). */
  modelAlone?: boolean;
  /** Also run the naive LangChain pipeline on the same passages (off for the scale runs). */
  naive?: boolean;
  log: (line: string) => void;
}

export interface PerformanceReport {
  dtype: 'q8' | 'fp32';
  articles: number;
  passages: number;
  indexBytes: number;
  /** The floors: one query's embedding alone, one HNSW search alone (in process). */
  queryEmbedding: Latency;
  hnswSearch: Latency;
  /** Build: whole index (chunk, embed, write) and the same passages through the model alone, passages/s. */
  buildPassagesPerSecond: number;
  modelAlonePassagesPerSecond: number | null;
  /** The pipeline a LangChain user would write, on the same passages and model (in process). */
  naive: NaiveReport | null;
  /** The compiled server in its own process, over the index built above. */
  startupMs: number;
  /** `index` with nothing changed, compiled, as a separate process (node start included). */
  indexNoChangeMs: number;
  rssBytesAtStart: number | null;
  rssBytesAfterLoad: number | null;
  http: {
    health: Latency;
    searchOne: Latency;
    askOne: Latency;
    searchMany: Latency;
    askMany: Latency;
  };
}

/** A question made distinct by its number, so that the query cache does not answer it. */
export function distinctQuestion(i: number): string {
  const question = BENCH_QUESTIONS[i % BENCH_QUESTIONS.length] as string;
  return i < BENCH_QUESTIONS.length ? question : `${question} (${Math.floor(i / BENCH_QUESTIONS.length)})`;
}

/** The shipped articles plus the evaluation's LibreOffice help pages: a few hundred passages of French. */
async function defaultCorpus(scratch: string): Promise<string> {
  const dir = path.join(scratch, 'corpus');
  await mkdir(dir, { recursive: true });
  const notHidden = (source: string) => !path.basename(source).startsWith('.');
  await cp(path.join(PROJECT_ROOT, 'corpus'), dir, { recursive: true, filter: notHidden });
  await cp(path.join(PROJECT_ROOT, 'eval', 'corpora', 'libreoffice-help', 'corpus'), dir, { recursive: true, filter: notHidden });
  return dir;
}

function benchConfig(scratch: string, corpusDir: string, model: { modelsDir: string; modelId: string }, dtype: 'q8' | 'fp32'): AppConfig {
  return loadConfig(
    {
      CORPUS_DIR: corpusDir,
      INDEX_DIR: path.join(scratch, 'index'),
      MODEL_ID: model.modelId,
      MODELS_DIR: model.modelsDir,
      MODEL_DTYPE: dtype,
      ALLOW_REMOTE_MODELS: 'false',
      MODEL_CACHE_DIR: path.join(scratch, 'model-cache'),
      LOG_LEVEL: 'silent',
      WATCH_CORPUS: 'false',
    },
    scratch,
  );
}

/**
 * One run of the product against its floors, with an encoder of multilingual-e5-small's exact
 * shape (random weights: timings and memory are true, answers are not): the query embedding and
 * the HNSW search alone, then /health, /search and /ask over HTTP from the compiled server.
 */
export async function runPerformance(options: PerformanceOptions): Promise<PerformanceReport> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'qa-perf-'));
  try {
    const model = await ensureBenchModel(options.dtype);
    const corpusDir = options.corpusDir ?? (await defaultCorpus(scratch));
    const config = benchConfig(scratch, corpusDir, model, options.dtype);

    options.log(`building the index (${options.dtype})…`);
    const engine = await openEngine(config, { forceRebuild: true });
    const embeddings = engine.embeddings;
    const dense = loadedIndexOf(engine.store).dense;
    if (!embeddings || !dense) throw new Error(`the benchmark model did not load: ${engine.model.error ?? 'unknown error'}`);
    const { passages, manifest } = loadedIndexOf(engine.store);
    const buildPassagesPerSecond = (passages.length / manifest.buildMs) * 1000;

    let modelAlonePassagesPerSecond: number | null = null;
    if (options.modelAlone ?? true) {
      options.log('the model alone on the same passages…');
      const texts = passages.map((passage) => passage.text);
      const modelStarted = performance.now();
      await embeddings.embedDocuments(texts);
      modelAlonePassagesPerSecond = (texts.length / (performance.now() - modelStarted)) * 1000;
    }

    options.log('floors: query embedding, HNSW search…');
    const vectors: number[][] = [];
    const queryEmbedding = await measure(options.requests, 1, async (i) => {
      vectors[i % options.requests] = await embeddings.embedQuery(`${distinctQuestion(i)} [floor]`);
    });
    const hnswSearch = await measure(options.requests, 1, async (i) => {
      await dense.similaritySearchVectorWithScore(vectors[i % options.requests] as number[], 20);
    });
    const indexBytes = await directorySize(loadedIndexOf(engine.store).dir);
    await embeddings.dispose();

    let naive: NaiveReport | null = null;
    if (options.naive ?? true) {
      options.log('the naive LangChain pipeline (HuggingFaceTransformersEmbeddings + HNSWLib.fromDocuments + similaritySearch)…');
      naive = await measureNaivePipeline({
        modelsDir: model.modelsDir,
        modelId: model.modelId,
        dtype: options.dtype,
        texts: passages.map((passage) => passage.text),
        queries: Array.from({ length: Math.min(options.requests, 50) }, (_, i) => distinctQuestion(i + 500_000)),
      });
    }

    const processOptions = {
      projectRoot: PROJECT_ROOT,
      model: { ...model, dtype: options.dtype },
      corpusDir,
      indexDir: config.indexDir,
      env: { MODEL_CACHE_DIR: config.embedding.cacheDir ?? path.join(scratch, 'model-cache'), WATCH_CORPUS: 'false', RATE_LIMIT_PER_MINUTE: '0', MAX_QUEUE: '1000' },
    };
    options.log('`index` with nothing changed…');
    await timeCliRun(['index'], processOptions);
    const indexNoChangeMs = await timeCliRun(['index'], processOptions);
    options.log('the compiled server over that index…');
    const server = await startServerProcess(processOptions);
    try {
      const rssBytesAtStart = await server.rssBytes();
      const post = (route: string, body: unknown) =>
        fetch(`${server.url}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (response) => {
          await response.arrayBuffer();
          if (!response.ok) throw new Error(`${route} answered ${response.status}`);
        });
      let offset = 1_000;
      const fresh = () => (offset += 10_000);
      const health = await measure(options.requests, 1, async () => {
        await (await fetch(`${server.url}/health`)).arrayBuffer();
      });
      let base = fresh();
      const searchOne = await measure(options.requests, 1, (i) => post('/search', { query: distinctQuestion(base + i) }));
      base = fresh();
      const askOne = await measure(options.requests, 1, (i) => post('/ask', { question: distinctQuestion(base + i) }));
      base = fresh();
      const searchMany = await measure(options.requests * 2, options.clients, (i) => post('/search', { query: distinctQuestion(base + i) }));
      base = fresh();
      const askMany = await measure(options.requests * 2, options.clients, (i) => post('/ask', { question: distinctQuestion(base + i) }));
      const rssBytesAfterLoad = await server.rssBytes();
      return {
        dtype: options.dtype,
        articles: manifest.counts.articles,
        passages: passages.length,
        indexBytes,
        queryEmbedding,
        hnswSearch,
        buildPassagesPerSecond,
        modelAlonePassagesPerSecond,
        startupMs: server.readyMs,
        indexNoChangeMs,
        naive,
        rssBytesAtStart,
        rssBytesAfterLoad,
        http: { health, searchOne, askOne, searchMany, askMany },
      };
    } finally {
      await server.stop();
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
