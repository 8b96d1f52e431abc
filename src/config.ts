import type { PostgresSettings } from './postgres/index.js';
import path from 'node:path';
import { z } from 'zod';
import type { EmbeddingSettings } from './embedding/index.js';
import type { ChunkingSettings } from './chunking/index.js';

/** Every setting of the product, read once from the environment. The README's table mirrors this list. */
const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  CORPUS_DIR: z.string().min(1).default('corpus'),
  INDEX_DIR: z.string().min(1).default('index'),
  STORE: z.enum(['embedded', 'postgres']).default('embedded'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//u, 'must be a postgres:// connection URL').optional(),
  PG_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  PG_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  PG_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  HNSW_EF_SEARCH: z.coerce.number().int().min(1).max(1_000).default(100),
  PG_INDEX_BATCH: z.coerce.number().int().min(1).max(10_000).default(64),
  MODEL_ID: z.string().min(1).default('Xenova/multilingual-e5-small'),
  MODELS_DIR: z.string().min(1).optional(),
  MODEL_CACHE_DIR: z.string().min(1).default('.model-cache'),
  ALLOW_REMOTE_MODELS: z.enum(['true', 'false']).default('true'),
  MODEL_HUB_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .transform((value) => new URL(value).href)
    .default('https://huggingface.co/'),
  MODEL_DTYPE: z.enum(['q8', 'fp32', 'fp16', 'q4']).default('q8'),
  /** Measured with the encoder of multilingual-e5-small's shape on 2 cores (600 passages, q8): 64 passages/s at 1, 57 at 4, 47 at 16, 33 at 64; fp32: 30, 29, 24. Padding costs more than batching saves. */
  EMBED_BATCH_SIZE: z.coerce.number().int().min(1).max(1024).default(1),
  QUERY_PREFIX: z.string().default('query: '),
  PASSAGE_PREFIX: z.string().default('passage: '),
  CHUNK_SIZE: z.coerce.number().int().min(100).max(10_000).default(600),
  CHUNK_OVERLAP: z.coerce.number().int().min(0).max(5_000).default(120),
  TOP_K: z.coerce.number().int().min(1).max(50).default(5),
  MAX_PASSAGES_PER_ARTICLE: z.coerce.number().int().min(1).max(50).default(2),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  FEEDS: z
    .string()
    .default('')
    .transform((value) => value.split(/[\s,]+/u).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, message: 'each feed must be an http(s) URL' }))),
  /** Index files that have other names too (hard links); off, since another name may be outside the corpus. */
  CORPUS_ALLOW_HARD_LINKS: z.enum(['true', 'false']).default('false'),
  /** While serving, re-index the articles changed in CORPUS_DIR (file notifications, else a scan every 10 s). */
  WATCH_CORPUS: z.enum(['true', 'false']).default('true'),
  FEEDS_INTERVAL_MINUTES: z.coerce.number().min(1).max(24 * 60).default(30),
  FETCH_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  FETCH_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  LLM_BASE_URL: z.url({ protocol: /^https?$/, message: 'must be the http(s) URL of an OpenAI-compatible API (…/v1)' }).optional(),
  LLM_MODEL: z.string().min(1).optional(),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  /** Answers computed at once (the rest wait in line), and how many may wait before a 429. */
  MAX_CONCURRENT: z.coerce.number().int().min(1).max(64).default(16),
  MAX_QUEUE: z.coerce.number().int().min(0).max(10_000).default(64),
  /** Costly requests (questions, searches) one client may send per minute; 0 turns the limit off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(600),
  /** Behind a reverse proxy: which proxies to trust for the client's address (hop count, `loopback`, subnets), so that limits are per client and not per proxy. */
  TRUST_PROXY: z.string().default(''),
  /** Open connections at most; beyond, new ones are refused until some close. */
  MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100_000).default(1024),
  /** A request's headers and body must arrive within this, else 408: a slow client cannot hold a socket. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  /** How long a shutdown (SIGTERM, Ctrl-C) waits for the requests in flight before cutting them. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  API_KEYS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((key) => key.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(16, 'each API key must be at least 16 characters long'))),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(/[\s,]+/u).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, message: 'each CORS origin must be an http(s) origin such as https://app.example.fr' }).transform((value) => new URL(value).origin))),
});

export interface AppConfig {
  port: number;
  host: string;
  corpusDir: string;
  indexDir: string;
  /** Where passages are stored: files under INDEX_DIR (embedded), or PostgreSQL with pgvector (STORE=postgres). */
  store: { kind: 'embedded' } | { kind: 'postgres'; postgres: PostgresSettings };
  embedding: EmbeddingSettings;
  chunking: ChunkingSettings;
  retrieval: { topK: number; maxPassagesPerArticle: number };
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  feeds: { urls: string[]; intervalMinutes: number };
  /** Re-index changed corpus files while serving. */
  watchCorpus: boolean;
  corpusAllowHardLinks: boolean;
  fetch: FetchLimits;
  /** Generated answers through an OpenAI-compatible chat completions API; null answers extractively. */
  llm: LlmSettings | null;
  /** When not empty, every API route and /mcp require one of these keys. */
  apiKeys: string[];
  /** Bounded work: answers computed at once, how many may wait before new ones get 429, and per client. */
  load: LoadLimits;
  /** Web origins allowed to call the API from a browser (CORS); none by default. */
  corsOrigins: string[];
}

export interface LoadLimits {
  concurrency: number;
  queue: number;
  /** Costly requests per client and minute; 0 is no limit. */
  ratePerMinute: number;
  /** Express's `trust proxy` (false: the socket's address is the client). */
  trustProxy: boolean | number | string;
  maxConnections: number;
  shutdownGraceMs: number;
  requestTimeoutMs: number;
}

export interface LlmSettings {
  baseUrl: string;
  model: string;
  apiKey: string | null;
  timeoutMs: number;
}

/** Bounds on every page or feed the product fetches (npm run add, FEEDS). */
export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /** Loopback, private and link-local addresses are refused unless this is set (FETCH_ALLOW_PRIVATE=true). */
  allowPrivateAddresses: boolean;
}

export class ConfigError extends Error {}

/** Settings an earlier version read under another name: a deployment that still sets them is told, not silently ignored. */
const RENAMED_SETTINGS: ReadonlyArray<readonly [old: string, current: string]> = [
  ['ANSWER_CONCURRENCY', 'MAX_CONCURRENT'],
  ['ANSWER_QUEUE', 'MAX_QUEUE'],
];

/** Parses settings from an environment (process.env by default); throws ConfigError naming each bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const defined = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(defined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`invalid settings: ${problems}. See the settings table in README.md.`);
  }
  const env = parsed.data;
  for (const [old, current] of RENAMED_SETTINGS) {
    if (defined[old] !== undefined) throw new ConfigError(`invalid settings: ${old} was renamed ${current}: set ${current}=${defined[old]} instead.`);
  }
  if (env.CHUNK_OVERLAP >= env.CHUNK_SIZE) {
    throw new ConfigError(`invalid settings: CHUNK_OVERLAP (${env.CHUNK_OVERLAP}) must be smaller than CHUNK_SIZE (${env.CHUNK_SIZE}).`);
  }
  if (env.STORE === 'postgres' && !env.DATABASE_URL) {
    throw new ConfigError('invalid settings: STORE=postgres needs DATABASE_URL (postgres://user:password@host:5432/database).');
  }
  if (env.LLM_BASE_URL && !env.LLM_MODEL) {
    throw new ConfigError('invalid settings: LLM_BASE_URL is set but LLM_MODEL is not: name the model to ask (for instance mistral-small-latest, or llama3.1 on Ollama).');
  }
  const resolve = (value: string) => path.resolve(cwd, value);
  return {
    port: env.PORT,
    host: env.HOST,
    corpusDir: resolve(env.CORPUS_DIR),
    indexDir: resolve(env.INDEX_DIR),
    store:
      env.STORE === 'postgres'
        ? {
            kind: 'postgres',
            postgres: {
              url: env.DATABASE_URL!,
              poolMax: env.PG_POOL_MAX,
              connectTimeoutMs: env.PG_CONNECT_TIMEOUT_MS,
              statementTimeoutMs: env.PG_STATEMENT_TIMEOUT_MS,
              efSearch: env.HNSW_EF_SEARCH,
              indexBatchArticles: env.PG_INDEX_BATCH,
            },
          }
        : { kind: 'embedded' },
    embedding: {
      modelId: env.MODEL_ID,
      modelsDir: env.MODELS_DIR ? resolve(env.MODELS_DIR) : null,
      allowRemoteModels: env.ALLOW_REMOTE_MODELS === 'true',
      hubUrl: env.MODEL_HUB_URL,
      dtype: env.MODEL_DTYPE,
      batchSize: env.EMBED_BATCH_SIZE,
      queryPrefix: env.QUERY_PREFIX,
      passagePrefix: env.PASSAGE_PREFIX,
      cacheDir: resolve(env.MODEL_CACHE_DIR),
    },
    chunking: { chunkSize: env.CHUNK_SIZE, chunkOverlap: env.CHUNK_OVERLAP },
    retrieval: { topK: env.TOP_K, maxPassagesPerArticle: env.MAX_PASSAGES_PER_ARTICLE },
    logLevel: env.LOG_LEVEL,
    feeds: { urls: env.FEEDS, intervalMinutes: env.FEEDS_INTERVAL_MINUTES },
    watchCorpus: env.WATCH_CORPUS === 'true',
    corpusAllowHardLinks: env.CORPUS_ALLOW_HARD_LINKS === 'true',
    fetch: {
      maxBytes: env.FETCH_MAX_BYTES,
      timeoutMs: env.FETCH_TIMEOUT_MS,
      maxRedirects: env.FETCH_MAX_REDIRECTS,
      allowPrivateAddresses: env.FETCH_ALLOW_PRIVATE === 'true',
    },
    apiKeys: env.API_KEYS,
    load: {
      concurrency: env.MAX_CONCURRENT,
      queue: env.MAX_QUEUE,
      ratePerMinute: env.RATE_LIMIT_PER_MINUTE,
      trustProxy: env.TRUST_PROXY === '' ? false : /^\d+$/u.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY === 'true' ? true : env.TRUST_PROXY,
      maxConnections: env.MAX_CONNECTIONS,
      shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    },
    corsOrigins: env.CORS_ORIGINS,
    llm: env.LLM_BASE_URL && env.LLM_MODEL ? { baseUrl: env.LLM_BASE_URL, model: env.LLM_MODEL, apiKey: env.LLM_API_KEY ?? null, timeoutMs: env.LLM_TIMEOUT_MS } : null,
  };
}
