import type { Answerer } from './answer/index.js';
import type { AppConfig } from './config.js';
import type { DownloadProgressListener, E5Embeddings, ModelStatus } from './embedding/index.js';
import type { BuildProgressListener, EmbedderForBuild, PassageStore } from './index/index.js';
import type { RefreshScheduler } from './index-freshness.js';

/** Everything a running product needs: the settings, the loaded index, and the model (if any). */
export interface Engine {
  config: AppConfig;
  /** Where the passages are read from: the embedded index (a new one after each refresh) or PostgreSQL. */
  store: PassageStore;
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
  /** Lets go of what the engine holds open (the database's connections); nothing for the embedded store. */
  close: () => Promise<void>;
}

export interface OpenEngineOptions {
  forceRebuild?: boolean;
  /** One line for the user (model problems, why the index is rebuilt). */
  log?: (line: string) => void;
  onProgress?: BuildProgressListener;
  /** Bytes of each model file as it downloads from the hub (first start only; local and cached files report nothing). */
  onDownloadProgress?: DownloadProgressListener;
  /**
   * PostgreSQL store: bring the database up to date with the corpus before returning (`npm run index`).
   * Otherwise a server indexes first only into an empty database, and brings it up to date while serving.
   */
  syncCorpus?: boolean;
}
