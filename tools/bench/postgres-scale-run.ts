/**
 * `npm run bench -- --store postgres --scale`: the PostgreSQL store at archive sizes (100k and 1M
 * passages by default), and the embedded store where it can hold the size, on the same machine in
 * the same run.
 *
 * What the passages are: real French text for the lexical side (the scale corpus of Debian's
 * French documentation, repeated under distinct ids beyond its size: copy k of `a.txt` is
 * `r<k>/a.txt`); for the vectors, synthetic unit vectors of the model's dimension (384, random
 * Gaussian directions), at every size: embedding a million passages with an e5-shaped encoder
 * takes hours on these 2 cores, and what is measured here is the store, with embedding apart.
 * Random directions are the hard case for HNSW (no clusters), so recall is a floor. The servers
 * load the e5-shaped benchmark encoder, which embeds each /search query as the product does.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chunkArticle } from '../../src/chunking/index.js';
import { readCorpus, type Article } from '../../src/corpus/index.js';
import { loadEmbedder, modelFingerprint, type E5Embeddings } from '../../src/embedding/index.js';
import { citableArticles, ensureIndex, type EmbedderForBuild } from '../../src/index/index.js';
import { directorySize } from '../../src/cli/directory-size.js';
import { loadConfig } from '../../src/config.js';
import { createPool, indexIntoPostgres, migrate } from '../../src/postgres/index.js';
import { measure, type Latency } from './latency.js';
import { ensureBenchModel } from './model/ensure-bench-model.js';
import { table } from './performance-table.js';
import { ensureScaleCorpus, PROJECT_ROOT } from './scale/scale-corpus.js';
import { startServerProcess } from './server-process.js';

export interface PostgresScalePoint {
  store: 'postgres' | 'embedded';
  passages: number;
  articles: number;
  loadPassagesPerSecond: number;
  diskBytes: number;
  startupMs: number;
  serverRssBytes: number | null;
  postgresRssBytes: number;
  searchOne: Latency;
  searchMany: Latency;
  recallAt10: number;
  efSearch: number;
  addThousandMs: number;
  addThousandPassages: number;
}

const DIMENSIONS = 384;
const CLIENTS = 16;

/** A deterministic stream of random unit vectors (xorshift + Box–Muller): no two passages get the same one. */
function syntheticVectors(seed: number): () => number[] {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
  return () => {
    const vector = Array.from({ length: DIMENSIONS }, () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  };
}

/** The benchmark encoder's identity (so that the servers accept the store) with synthetic vectors, timed apart. */
function syntheticEmbedder(model: EmbedderForBuild['model'], seed: number): { embedder: EmbedderForBuild; embeddingMs: () => number } {
  const next = syntheticVectors(seed);
  let spent = 0;
  const embeddings = {
    embedDocuments: async (texts: string[]) => {
      const startedAt = performance.now();
      const vectors = texts.map(() => next());
      spent += performance.now() - startedAt;
      return vectors;
    },
  } as unknown as E5Embeddings;
  return { embedder: { model, embeddings }, embeddingMs: () => spent };
}

/** The base articles repeated under distinct sources until they hold `passages` passages, one at a time (never held whole). */
function* repeatedArticles(base: readonly { article: Article; passages: number }[], passages: number): Generator<Article> {
  let total = 0;
  for (let copy = 0; total < passages; copy += 1) {
    for (const { article, passages: count } of base) {
      if (total >= passages) return;
      total += count;
      yield copy === 0 ? article : { ...article, source: `r${copy}/${article.source}` };
    }
  }
}

function postgresRss(): number {
  try {
    const out = execFileSync('ps', ['-C', 'postgres', '-o', 'rss='], { encoding: 'utf8' });
    return out.split('\n').reduce((sum, line) => sum + (Number(line.trim()) || 0), 0) * 1024;
  } catch {
    return 0;
  }
}

/** The scale corpus, the benchmark encoder's identity (vectors are synthetic) and the /search queries: the same for both stores. */
async function benchSetup(log: (line: string) => void) {
  const corpus = await ensureScaleCorpus({ log });
  const chunking = { chunkSize: 600, chunkOverlap: 120 };
  const read = await readCorpus(corpus.dir);
  const base = citableArticles(read.articles, chunking).articles.map((article) => ({ article, passages: chunkArticle(article, chunking).length }));
  log(`scale corpus: ${base.length} articles, ${base.reduce((sum, item) => sum + item.passages, 0)} passages, repeated to each size`);
  const benchModel = await ensureBenchModel('q8');
  const settings = loadConfig({ MODEL_ID: benchModel.modelId, MODELS_DIR: benchModel.modelsDir, ALLOW_REMOTE_MODELS: 'false', MODEL_DTYPE: 'q8' }).embedding;
  const loaded = await loadEmbedder(settings);
  if (!loaded.embedder) throw new Error(`the benchmark encoder did not load: ${loaded.status.error}`);
  const model = { id: settings.modelId, dtype: settings.dtype, dimensions: loaded.embedder.dimensions, passagePrefix: settings.passagePrefix, fingerprint: await modelFingerprint(settings, loaded.embedder) };
  await loaded.embedder.dispose();
  if (model.dimensions !== DIMENSIONS) throw new Error(`the benchmark encoder has ${model.dimensions} dimensions, not ${DIMENSIONS}`);
  const queries = base.slice(0, 400).map(({ article }) => article.blocks.map((block) => block.text).join(' ').split(/\s+/u).slice(5, 12).join(' '));
  return { corpus, chunking, base, benchModel, model, queries };
}

/** One timed /search of the i-th query (k=10), failing on anything but 200. */
function searchRequests(url: string, queries: readonly string[]): (i: number) => Promise<void> {
  return async (i) => {
    const response = await fetch(`${url}/search`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: queries[i % queries.length], k: 10 }) });
    if (response.status !== 200) throw new Error(`/search answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  };
}

export async function runPostgresScale(options: { databaseUrl: string; sizes: readonly number[]; efSearch: number; log: (line: string) => void; onPoint?: (point: PostgresScalePoint) => void }): Promise<{ source: string; points: PostgresScalePoint[] }> {
  const { log } = options;
  const { corpus, chunking, base, benchModel, model, queries } = await benchSetup(log);
  const points: PostgresScalePoint[] = [];
  for (const size of options.sizes) {
    const schema = `bench_${size}`;
    const admin = new pg.Client({ connectionString: options.databaseUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const url = new URL(options.databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema},public`);
    const postgres = { url: url.toString(), poolMax: 4, connectTimeoutMs: 5_000, statementTimeoutMs: 600_000, efSearch: options.efSearch, indexBatchArticles: 64 };
    const pool = createPool(postgres);
    await migrate(pool);

    log(`postgres ${size}: loading…`);
    const synthetic = syntheticEmbedder(model, size);
    const startedAt = performance.now();
    let lastLog = startedAt;
    await indexIntoPostgres(pool, {
      articles: repeatedArticles(base, size),
      chunking,
      embedder: synthetic.embedder,
      batchArticles: 64,
      onProgress: ({ written }) => {
        if (performance.now() - lastLog > 30_000) {
          lastLog = performance.now();
          log(`postgres ${size}: ${written} articles written (${Math.round((performance.now() - startedAt) / 1000)} s)`);
        }
      },
    });
    const loadMs = performance.now() - startedAt - synthetic.embeddingMs();
    const counts = (await pool.query<{ articles: string; passages: string }>('SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM passages) AS passages')).rows[0]!;
    const passages = Number(counts.passages);
    const diskBytes = Number(
      (await pool.query<{ bytes: string }>("SELECT sum(pg_total_relation_size(c.oid)) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'", [schema])).rows[0]!.bytes,
    );
    await pool.query('VACUUM ANALYZE passages');
    await pool.query('VACUUM ANALYZE term_stats');

    log(`postgres ${size}: recall of HNSW at ef_search ${options.efSearch}…`);
    const recallAt10 = await hnswRecall(pool, options.efSearch, size);

    const emptyCorpus = await mkdtemp(path.join(os.tmpdir(), 'qa-bench-empty-'));
    const server = await startServerProcess({
      projectRoot: PROJECT_ROOT,
      model: { modelsDir: benchModel.modelsDir, modelId: benchModel.modelId, dtype: 'q8' },
      corpusDir: emptyCorpus,
      env: { STORE: 'postgres', DATABASE_URL: postgres.url, WATCH_CORPUS: 'false', HNSW_EF_SEARCH: String(options.efSearch), MAX_QUEUE: '1000', RATE_LIMIT_PER_MINUTE: '0' },
      readyTimeoutMs: 300_000,
    });
    const search = searchRequests(server.url, queries);
    log(`postgres ${size}: /search latency…`);
    const searchOne = await measure(100, 1, search, 5);
    const searchMany = await measure(200, CLIENTS, search, 5);
    const serverRssBytes = await server.rssBytes();
    const postgresRssBytes = postgresRss();
    await server.stop();
    await rm(emptyCorpus, { recursive: true, force: true });

    log(`postgres ${size}: adding 1,000 articles…`);
    const added = base.slice(0, 1000).map(({ article }) => ({ ...article, source: `added/${article.source}` }));
    const more = syntheticEmbedder(model, size + 1);
    const addStartedAt = performance.now();
    // The run `npm run index` makes: every article read and hashed again, the 1,000 new ones written.
    await indexIntoPostgres(pool, { articles: (function* () { yield* repeatedArticles(base, size); yield* added; })(), chunking, embedder: more.embedder, batchArticles: 64 });
    const addThousandMs = performance.now() - addStartedAt - more.embeddingMs();
    const addThousandPassages = Number((await pool.query<{ n: string }>("SELECT count(*) AS n FROM passages WHERE source LIKE 'added/%'")).rows[0]!.n);
    await pool.end();
    points.push({
      store: 'postgres',
      passages,
      articles: Number(counts.articles),
      loadPassagesPerSecond: (passages / loadMs) * 1000,
      diskBytes,
      startupMs: server.readyMs,
      serverRssBytes,
      postgresRssBytes,
      searchOne,
      searchMany,
      recallAt10,
      efSearch: options.efSearch,
      addThousandMs,
      addThousandPassages,
    });
    options.onPoint?.(points.at(-1)!);
    log(`postgres ${size}: done`);
  }
  return { source: corpus.source, points };
}

/**
 * The embedded store at one size, for the same comparison: built by the product's own builder
 * (ensureIndex) with the same synthetic vectors, served from its files by the same server.
 */
export async function runEmbeddedScalePoint(size: number, log: (line: string) => void): Promise<PostgresScalePoint> {
  const { chunking, base, benchModel, model, queries } = await benchSetup(log);
  const work = await mkdtemp(path.join(os.tmpdir(), 'qa-bench-embedded-'));
  const indexDir = path.join(work, 'index');
  const emptyCorpus = path.join(work, 'corpus');
  await mkdir(emptyCorpus);
  try {
    const articles = [...repeatedArticles(base, size)];
    log(`embedded ${size}: building…`);
    const synthetic = syntheticEmbedder(model, size);
    const startedAt = performance.now();
    const built = await ensureIndex({ indexDir, articles, chunking, embedder: synthetic.embedder });
    const loadMs = performance.now() - startedAt - synthetic.embeddingMs();
    const passages = built.index.manifest.counts.passages;
    const diskBytes = await directorySize(indexDir);
    // An empty corpus folder: the server keeps the index it finds and says so.
    const server = await startServerProcess({
      projectRoot: PROJECT_ROOT,
      model: { modelsDir: benchModel.modelsDir, modelId: benchModel.modelId, dtype: 'q8' },
      corpusDir: emptyCorpus,
      indexDir,
      env: { WATCH_CORPUS: 'false', MAX_QUEUE: '1000', RATE_LIMIT_PER_MINUTE: '0' },
      readyTimeoutMs: 300_000,
    });
    const search = searchRequests(server.url, queries);
    log(`embedded ${size}: /search latency…`);
    const searchOne = await measure(100, 1, search, 5);
    const searchMany = await measure(200, CLIENTS, search, 5);
    const serverRssBytes = await server.rssBytes();
    await server.stop();
    log(`embedded ${size}: adding 1,000 articles…`);
    const added = base.slice(0, 1000).map(({ article }) => ({ ...article, source: `added/${article.source}` }));
    const more = syntheticEmbedder(model, size + 1);
    const addStartedAt = performance.now();
    const after = await ensureIndex({ indexDir, articles: [...articles, ...added], chunking, embedder: more.embedder });
    const addThousandMs = performance.now() - addStartedAt - more.embeddingMs();
    return {
      store: 'embedded',
      passages,
      articles: built.index.manifest.counts.articles,
      loadPassagesPerSecond: (passages / loadMs) * 1000,
      diskBytes,
      startupMs: server.readyMs,
      serverRssBytes,
      postgresRssBytes: 0,
      searchOne,
      searchMany,
      recallAt10: Number.NaN,
      efSearch: 0,
      addThousandMs,
      addThousandPassages: after.index.manifest.counts.passages - passages,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** recall@10 of the HNSW index against exact search (a sequential scan), for random query vectors. */
async function hnswRecall(pool: pg.Pool, efSearch: number, seed: number): Promise<number> {
  const next = syntheticVectors(seed * 7 + 3);
  const client = await pool.connect();
  let found = 0;
  const QUERIES = 30;
  try {
    for (let i = 0; i < QUERIES; i += 1) {
      const vector = `[${next().join(',')}]`;
      await client.query('BEGIN');
      await client.query(`SET LOCAL hnsw.ef_search = ${efSearch}`);
      const approximate = (await client.query<{ id: string }>('SELECT id FROM passages ORDER BY embedding <=> $1::vector LIMIT 10', [vector])).rows.map((row) => row.id);
      await client.query('SET LOCAL enable_indexscan = off');
      const exact = new Set((await client.query<{ id: string }>('SELECT id FROM passages ORDER BY embedding <=> $1::vector LIMIT 10', [vector])).rows.map((row) => row.id));
      await client.query('COMMIT');
      found += approximate.filter((id) => exact.has(id)).length;
    }
  } finally {
    client.release();
  }
  return found / (QUERIES * 10);
}

export function formatPostgresScale(points: readonly PostgresScalePoint[]): string {
  const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
  const mib = (value: number | null) => (value === null ? 'n/a' : `${(value / 1024 / 1024).toFixed(0)} MiB`);
  const row = (name: string, show: (point: PostgresScalePoint) => string) => [name, ...points.map(show)];
  return table(
    ['measure', ...points.map((point) => `${point.store}, ${point.passages.toLocaleString('en')} passages`)],
    [
      row('articles', (point) => point.articles.toLocaleString('en')),
      row('load into the store (embedding apart)', (point) => `${point.loadPassagesPerSecond.toFixed(0)} passages/s`),
      row('disk (tables and indexes)', (point) => mib(point.diskBytes)),
      row('app server start-up', (point) => ms(point.startupMs)),
      row('app server RSS after the load', (point) => mib(point.serverRssBytes)),
      row('PostgreSQL RSS (all its processes)', (point) => (point.store === 'postgres' ? mib(point.postgresRssBytes) : '—')),
      row('POST /search p50 / p99, 1 client', (point) => `${ms(point.searchOne.p50)} / ${ms(point.searchOne.p99)}`),
      row(`POST /search p50 / p99, ${CLIENTS} clients`, (point) => `${ms(point.searchMany.p50)} / ${ms(point.searchMany.p99)} (${point.searchMany.requestsPerSecond.toFixed(0)} req/s)`),
      row('HNSW recall@10 vs exact', (point) => (Number.isNaN(point.recallAt10) ? 'not measured' : `${point.recallAt10.toFixed(3)} (ef_search ${point.efSearch})`)),
      row('add 1,000 articles (`index` run, embedding apart)', (point) => `${(point.addThousandMs / 1000).toFixed(1)} s (${point.addThousandPassages} passages)`),
    ],
  );
}
