import type { Answerer } from './answer/index.js';
import type { AskContext } from './answer/index.js';
import { extractiveAnswerer } from './answer/index.js';
import type { AppConfig } from './config.js';
import { readCorpus } from './corpus/index.js';
import type { E5Embeddings } from './embedding/index.js';
import type { DownloadProgressListener } from './embedding/index.js';
import { loadEmbedder } from './embedding/index.js';
import { modelFingerprint } from './embedding/index.js';
import type { ModelStatus } from './embedding/index.js';
import type { BuildProgressListener, EmbedderForBuild } from './index/index.js';
import { citableArticles } from './index/index.js';
import { ensureIndex } from './index/index.js';
import { corpusListing } from './corpus/index.js';
import { saveCorpusState } from './index/index.js';
import { loadIfCorpusUnchanged } from './index/index.js';
import path from 'node:path';
import type { LoadedIndex, PassageStore } from './index/index.js';
import { EmbeddedStore } from './index/index.js';
import { RefreshScheduler } from './index-freshness.js';
import type { Engine, OpenEngineOptions } from './engine-types.js';
import { answererFor } from './answer/index.js';

export type { Engine, OpenEngineOptions } from './engine-types.js';



/** Loads the model (or notes its absence), reads the corpus and makes sure the index matches it. */
export async function openEngine(config: AppConfig, options: OpenEngineOptions = {}): Promise<Engine> {
  const log = options.log ?? (() => {});
  const { embedder, status } = await loadEmbedder(config.embedding, { onDownloadProgress: options.onDownloadProgress });
  if (!embedder && status.error) log(status.error);

  const forBuild: EmbedderForBuild | null = embedder
    ? {
        embeddings: embedder,
        model: {
          id: config.embedding.modelId,
          dtype: config.embedding.dtype,
          dimensions: embedder.dimensions,
          passagePrefix: config.embedding.passagePrefix,
          fingerprint: await modelFingerprint(config.embedding, embedder),
        },
      }
    : null;
  if (config.store.kind === 'postgres') {
    const { openPostgresEngine } = await import('./engine-postgres.js');
    return openPostgresEngine(config, config.store.postgres, { embedder, status, forBuild }, options);
  }
  const { result, skipped, converted } = await syncIndex(config, forBuild, options);
  if (embedder && !result.index.dense) await embedder.dispose();
  const engine: Engine = {
    config,
    store: new EmbeddedStore(result.index),
    embeddings: result.index.dense ? embedder : null,
    model: status,
    skipped,
    converted,
    indexReport: { rebuilt: result.rebuilt, reason: result.reason },
    embedderForBuild: result.index.dense ? forBuild : null,
    answerer: await answererFor(config),
    refresher: new RefreshScheduler(() => refreshIndex(engine, { log })),
    close: async () => {},
  };
  return engine;
}


/**
 * Reads the corpus again and brings the index up to date while serving (new articles from FEEDS,
 * files changed in CORPUS_DIR); call it through `engine.refresher` so that refreshes do not overlap:
 * requests already running finish on the index they started with, later ones get the new one.
 */
export async function refreshIndex(engine: Engine, options: Pick<OpenEngineOptions, 'log'> = {}): Promise<void> {
  const serving = engine.store instanceof EmbeddedStore ? engine.store.index : undefined;
  const { result, skipped, converted } = await syncIndex(engine.config, engine.embedderForBuild, options, serving);
  if (!serving || result.index !== serving) engine.store = new EmbeddedStore(result.index);
  engine.skipped = skipped;
  engine.converted = converted;
  engine.indexReport = { rebuilt: result.rebuilt, reason: result.reason };
}

async function syncIndex(config: AppConfig, forBuild: EmbedderForBuild | null, options: OpenEngineOptions, serving?: LoadedIndex) {
  const log = options.log ?? (() => {});
  const readOptions = { allowHardLinks: config.corpusAllowHardLinks };
  // Taken before reading: a file changed during the read makes the next start read again.
  const listing = await corpusListing(config.corpusDir, readOptions).catch(() => null);
  if (listing && !options.forceRebuild) {
    const unchanged = await loadIfCorpusUnchanged({ indexDir: config.indexDir, listing, chunking: config.chunking, embedder: forBuild, ...(serving ? { serving } : {}) });
    if (unchanged) {
      for (const skip of unchanged.skipped) log(`skipped ${skip.source}: ${skip.reason}`);
      return { result: { index: unchanged.index, rebuilt: false, reason: 'the index is up to date', matchesCorpus: true }, skipped: unchanged.skipped, converted: unchanged.converted };
    }
  }
  const read = await readCorpus(config.corpusDir, readOptions);
  const citable = citableArticles(read.articles, config.chunking);
  const articles = citable.articles;
  const skipped = [...read.skipped, ...citable.skipped].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  for (const skip of skipped) log(`skipped ${skip.source}: ${skip.reason}`);
  const converted = read.converted;
  for (const file of converted) log(`${file.source} is not UTF-8: read as ${file.encoding}`);
  if (articles.length === 0) log(`no article found in ${config.corpusDir}: add .txt, .md or .html files there, then restart.`);
  const result = await ensureIndex({
    indexDir: config.indexDir,
    articles,
    chunking: config.chunking,
    embedder: forBuild,
    ...(options.forceRebuild ? { force: true } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    onWaitForOtherBuild: (pid) => log(`another process${pid ? ` (pid ${pid})` : ''} is building the index in ${config.indexDir}: waiting for it to finish…`),
  });
  // Only an index that matches the corpus is recorded as matching it (not one kept for an emptied corpus, nor one served read-only).
  if (listing && result.matchesCorpus) await saveCorpusState(config.indexDir, { generation: path.basename(result.index.dir), listing, skipped, converted });
  return { result, skipped, converted };
}

/** What answering needs from an open engine. */
export function askContextOf(engine: Engine): AskContext {
  return {
    store: engine.store,
    queryEmbeddings: engine.embeddings,
    ...(engine.embeddings ? { sentenceEmbeddings: engine.embeddings.embedSentences.bind(engine.embeddings) } : {}),
    maxPassagesPerArticle: engine.config.retrieval.maxPassagesPerArticle,
    answerer: engine.answerer,
  };
}
