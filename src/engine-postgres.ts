import type { AppConfig } from './config.js';
import { readCorpus } from './corpus/index.js';
import type { E5Embeddings, ModelStatus } from './embedding/index.js';
import { citableArticles, type EmbedderForBuild } from './index/index.js';
import { answererFor } from './answer/index.js';
import type { Engine, OpenEngineOptions } from './engine-types.js';
import { RefreshScheduler } from './index-freshness.js';
import { createPool, indexIntoPostgres, isUnavailable, listenForCorpusChanges, migrate, ModelChangeError, modelChangeMessage, PostgresStore, sameStoredModel, type PostgresSettings, type StoredModel } from './postgres/index.js';

interface LoadedModel {
  embedder: E5Embeddings | null;
  status: ModelStatus;
  forBuild: EmbedderForBuild | null;
}

/**
 * The engine on PostgreSQL (STORE=postgres): the schema is migrated, the database holds the whole
 * index (nothing is written under INDEX_DIR), and every server on the same database answers from it.
 */
export async function openPostgresEngine(config: AppConfig, settings: PostgresSettings, model: LoadedModel, options: OpenEngineOptions): Promise<Engine> {
  const log = options.log ?? (() => {});
  const pool = createPool(settings, log);
  try {
    await migrate(pool, log).catch((error: unknown) => {
      throw isUnavailable(error) ? new Error(`PostgreSQL cannot be reached at ${safeAddress(settings.url)} (${(error as Error).message}): start it, or check DATABASE_URL`) : error;
    });
    const articles = Number((await pool.query<{ n: string }>('SELECT count(*) AS n FROM articles')).rows[0]?.n ?? 0);
    const syncNow = options.syncCorpus === true || options.forceRebuild === true || articles === 0;
    const engine: Engine = {
      config,
      store: new PostgresStore(pool, settings, false),
      embeddings: null,
      model: model.status,
      skipped: [],
      converted: [],
      indexReport: { rebuilt: false, reason: 'the database is served as it is' },
      embedderForBuild: model.forBuild,
      answerer: await answererFor(config),
      // A server adds and updates what its corpus folder holds, but never deletes: several servers share the
      // database and one folder may be stale or empty; `npm run index` removes what the corpus no longer has.
      refresher: new RefreshScheduler(() => syncCorpus(engine, pool, settings, false, log, false)),
      close: async () => {},
    };
    if (syncNow) await syncCorpus(engine, pool, settings, options.forceRebuild === true, log);
    const stored = (await pool.query<StoredModel>('SELECT model_id, dtype, dimensions, passage_prefix, fingerprint FROM store_model')).rows[0];
    // A model that could not be loaded is no change of model: the database is then served lexically.
    if (stored && model.forBuild && !sameStoredModel(stored, model.forBuild.model)) throw new ModelChangeError(modelChangeMessage(stored, model.forBuild.model));
    // Vectors are searched only with the model that made them; without it the database answers lexically.
    const hasVectors = Boolean(stored?.model_id && model.forBuild && sameStoredModel(stored, model.forBuild.model));
    const store = new PostgresStore(pool, settings, hasVectors);
    engine.store = store;
    engine.embeddings = hasVectors ? model.embedder : null;
    if (!hasVectors) await model.embedder?.dispose();
    const listener = listenForCorpusChanges(settings.url, (version) => store.corpusChanged(version), log);
    let closing: Promise<void> | null = null;
    engine.close = () =>
      (closing ??= (async () => {
        await listener.stop();
        await pool.end();
      })());
    // A server that did not index at start brings the database up to date while it serves (keepIndexFresh).
    engine.indexReport = syncNow ? engine.indexReport : { rebuilt: false, reason: 'the database is served as it is; the corpus folder is read again in the background' };
    return engine;
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
}

async function syncCorpus(engine: Engine, pool: ReturnType<typeof createPool>, settings: PostgresSettings, force: boolean, log: (line: string) => void, removeMissing = true): Promise<void> {
  const { config } = engine;
  const read = await readCorpus(config.corpusDir, { allowHardLinks: config.corpusAllowHardLinks });
  const citable = citableArticles(read.articles, config.chunking);
  const skipped = [...read.skipped, ...citable.skipped].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  for (const skip of skipped) log(`skipped ${skip.source}: ${skip.reason}`);
  if (citable.articles.length === 0) log(`no article found in ${config.corpusDir}: add .txt, .md or .html files there, then run npm run index.`);
  const startedAt = performance.now();
  let lastShown = 0;
  const result = await indexIntoPostgres(pool, {
    articles: citable.articles,
    total: citable.articles.length,
    chunking: config.chunking,
    embedder: engine.embedderForBuild,
    batchArticles: settings.indexBatchArticles,
    force,
    removeMissing,
    log,
    onProgress: ({ read, written, total }) => {
      // Long work shows progress: a line every few seconds, and the last one.
      if (read === total || performance.now() - lastShown > 3_000) {
        lastShown = performance.now();
        log(`indexing into PostgreSQL: ${read}/${total} articles read, ${written} written (${Math.round(performance.now() - startedAt)} ms)`);
      }
    },
  });
  engine.skipped = skipped;
  engine.converted = read.converted;
  engine.indexReport = { rebuilt: result.added + result.changed + result.removed > 0, reason: result.reason };
  if (engine.store instanceof PostgresStore) engine.store.corpusChanged();
}

/** The database's address without its password, for messages. */
function safeAddress(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
