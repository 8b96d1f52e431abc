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
import type { LoadedIndex } from './index/index.js';
import { RefreshScheduler } from './index-freshness.js';

/** Everything a running product needs: the settings, the loaded index, and the model (if any). */
export interface Engine {
  config: AppConfig;
  index: LoadedIndex;
  embeddings: E5Embeddings | null;
  model: ModelStatus;
  /** Corpus files that were not indexed, with the reason. */
  skipped: { source: string; reason: string }[];
  /** Corpus files that were not UTF-8 and were indexed from a legacy encoding. */
  converted: { source: string; encoding: string }[];
  indexReport: { rebuilt: boolean; reason: string };
  /** The model as the index builder needs it, kept to bring the index up to date while serving. */
  embedderForBuild: EmbedderForBuild | null;
  /** Extractive, or generated through LLM_BASE_URL (falling back to extractive). */
  answerer: Answerer;
  /** Brings the index up to date while serving, one refresh at a time; says whether it matches the corpus. */
  refresher: RefreshScheduler;
}

export interface OpenEngineOptions {
  forceRebuild?: boolean;
  /** One line for the user (model problems, why the index is rebuilt). */
  log?: (line: string) => void;
  onProgress?: BuildProgressListener;
  /** Bytes of each model file as it downloads from the hub (first start only; local and cached files report nothing). */
  onDownloadProgress?: DownloadProgressListener;
}

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
  const { result, skipped, converted } = await syncIndex(config, forBuild, options);
  if (embedder && !result.index.dense) await embedder.dispose();
  const engine: Engine = {
    config,
    index: result.index,
    embeddings: result.index.dense ? embedder : null,
    model: status,
    skipped,
    converted,
    indexReport: { rebuilt: result.rebuilt, reason: result.reason },
    embedderForBuild: result.index.dense ? forBuild : null,
    // The OpenAI client is loaded only when an LLM is configured.
    answerer: config.llm ? new (await import('./answer/llm-answerer.js')).LlmAnswerer(config.llm, extractiveAnswerer) : extractiveAnswerer,
    refresher: new RefreshScheduler(() => refreshIndex(engine, { log })),
  };
  return engine;
}

/**
 * Reads the corpus again and brings the index up to date while serving (new articles from FEEDS,
 * files changed in CORPUS_DIR); call it through `engine.refresher` so that refreshes do not overlap:
 * requests already running finish on the index they started with, later ones get the new one.
 */
export async function refreshIndex(engine: Engine, options: Pick<OpenEngineOptions, 'log'> = {}): Promise<void> {
  const { result, skipped, converted } = await syncIndex(engine.config, engine.embedderForBuild, options, engine.index);
  engine.index = result.index;
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
    index: engine.index,
    queryEmbeddings: engine.embeddings,
    ...(engine.embeddings ? { sentenceEmbeddings: engine.embeddings.embedSentences.bind(engine.embeddings) } : {}),
    maxPassagesPerArticle: engine.config.retrieval.maxPassagesPerArticle,
    answerer: engine.answerer,
  };
}
