import type { Article } from '../corpus/index.js';
import type { ChunkingSettings } from '../chunking/index.js';
import { buildIndex, UnreadableBuildError, type BuildProgressListener, type EmbedderForBuild } from './build-index.js';
import { listLeftovers, readCurrentGeneration, readPreviousGeneration, removeStaleEntries } from './generation-store.js';
import { IndexBusyError, withIndexLock } from './index-lock.js';
import { IndexWriteError, indexWriteMessage, writeFailureOf } from './index-write-error.js';
import type { LoadedIndex } from './loaded-index.js';
import { IndexUnreadableError, loadGeneration, loadIndex } from './load-index.js';
import path from 'node:path';
import { INDEX_FORMAT_VERSION, sameModel, type Manifest, type ManifestModel } from './manifest.js';

export interface EnsureIndexOptions {
  indexDir: string;
  articles: Article[];
  chunking: ChunkingSettings;
  embedder: EmbedderForBuild | null;
  /** Rebuild even when the index is up to date (vectors of unchanged passages are still reused). */
  force?: boolean;
  onProgress?: BuildProgressListener;
  /** Called when another process is building this index and this one waits for it. */
  onWaitForOtherBuild?: (holderPid: number | null) => void;
}

export interface EnsureIndexResult {
  index: LoadedIndex;
  rebuilt: boolean;
  /** Why the index was rebuilt, or why it was kept: shown to the user. */
  reason: string;
  /** The index served matches the corpus read (false when one is kept for an emptied corpus, or served from a folder that cannot be written). */
  matchesCorpus: boolean;
}

/**
 * Loads the index, rebuilding it first when the corpus, the chunking or the model changed. A
 * generation that fails its checks is never served: the previous good one is used instead (and
 * brought up to date), else the index is rebuilt. When INDEX_DIR cannot be written, the index
 * there is served as it is, and the reason says so.
 */
export async function ensureIndex(options: EnsureIndexOptions): Promise<EnsureIndexResult> {
  const first = await inspectIndex(options);
  await removeLeftoversIfFree(options.indexDir, first);
  if (first.previous && first.staleReason === null && !options.force) {
    return { index: first.previous, rebuilt: false, reason: 'the index is up to date', matchesCorpus: true };
  }
  // An emptied (or unmounted) corpus folder must not wipe an index that answers: it is kept, and said.
  const held = first.previous?.manifest.counts.articles ?? 0;
  if (options.articles.length === 0 && first.previous && held > 0) {
    return {
      index: first.previous,
      rebuilt: false,
      reason: `the corpus has no readable article, so the previous index (${held} articles) is kept: put the articles back, or delete ${options.indexDir} to start empty`,
      matchesCorpus: false,
    };
  }
  return buildUnderLock(options, first).catch((error: unknown) => {
    // A build that would not be readable keeps the index that answers, as a write failure does.
    if (error instanceof UnreadableBuildError && first.previous) {
      return { index: first.previous, rebuilt: false, reason: `${error.message}; serving the index already there`, matchesCorpus: false };
    }
    const failure = writeFailureOf(error);
    if (!failure) throw error;
    const message = indexWriteMessage(options.indexDir, failure);
    if (!first.previous) throw new IndexWriteError(message);
    // A valid index is there: serve it as it is rather than refuse to start.
    return { index: first.previous, rebuilt: false, reason: `${message}; serving the index already there, without: ${first.staleReason ?? 'the rebuild asked for'}`, matchesCorpus: false };
  });
}

function buildUnderLock(options: EnsureIndexOptions, first: Inspection): Promise<EnsureIndexResult> {
  return withIndexLock(
    options.indexDir,
    async () => {
      // Another process may have brought the index up to date while this one waited for the lock:
      // read the index again only if the current generation is no longer the one inspected.
      const unchanged = (await readCurrentGeneration(options.indexDir)) === first.generation;
      const current = unchanged ? first : await inspectIndex(options);
      if (current.previous && current.staleReason === null && !options.force) {
        return { index: current.previous, rebuilt: false, reason: 'the index was brought up to date by another process', matchesCorpus: true };
      }
      const reason = current.staleReason ?? 'rebuild requested';
      await buildIndex({
        indexDir: options.indexDir,
        articles: options.articles,
        chunking: options.chunking,
        embedder: options.embedder,
        previous: current.previous,
        replacesDamaged: current.damaged,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      const index = await loadIndex(options.indexDir, embeddingsOf(options));
      if (!index) throw new Error(`the index was written to ${options.indexDir} but cannot be found there`);
      return { index, rebuilt: true, reason, matchesCorpus: true };
    },
    options.onWaitForOtherBuild ? { onWait: options.onWaitForOtherBuild } : {},
  );
}

interface Inspection {
  /** The generation CURRENT named before loading (null when there is none). */
  generation: string | null;
  /** The index on disk that passed its checks (the previous generation when the current one failed), or null. */
  previous: LoadedIndex | null;
  /** Why the index must be rebuilt, or null when it need not. */
  staleReason: string | null;
  /** The current generation failed its checks. */
  damaged: boolean;
}

async function inspectIndex(options: EnsureIndexOptions): Promise<Inspection> {
  const generation = await readCurrentGeneration(options.indexDir);
  try {
    const previous = await loadIndex(options.indexDir, embeddingsOf(options));
    return { generation, previous, staleReason: previous ? staleReason(previous.manifest, options) : 'no index yet', damaged: false };
  } catch (error) {
    if (!(error instanceof IndexUnreadableError)) throw error;
    const fallback = await loadPreviousGeneration(options, generation);
    if (!fallback) return { generation, previous: null, staleReason: error.message, damaged: true };
    const behind = staleReason(fallback.manifest, options);
    return {
      generation,
      previous: fallback,
      // Even when the previous generation matches the corpus, CURRENT must stop naming the damaged one.
      staleReason: `${error.message}; the previous generation ${path.basename(fallback.dir)} is used instead${behind ? ` (${behind})` : ''}`,
      damaged: true,
    };
  }
}

async function loadPreviousGeneration(options: EnsureIndexOptions, current: string | null): Promise<LoadedIndex | null> {
  const previous = await readPreviousGeneration(options.indexDir);
  if (!previous || previous === current) return null;
  return loadGeneration(previous, embeddingsOf(options)).catch(() => null);
}

/**
 * Removes what crashed builds left (unfinished generations can be full copies of the index), but
 * only when no other process is building: its unfinished generation is not a leftover.
 */
export async function removeLeftoversIfFree(indexDir: string, inspection: Pick<Inspection, 'generation' | 'previous'>): Promise<void> {
  if ((await listLeftovers(indexDir)).length === 0) return;
  // What CURRENT and PREVIOUS name when the lock is held is kept too (removeStaleEntries reads them).
  const keep = [inspection.generation, inspection.previous?.dir].filter((dir): dir is string => !!dir).map((dir) => path.basename(dir));
  await withIndexLock(indexDir, () => removeStaleEntries(indexDir, keep), { timeoutMs: 0 }).catch((error: unknown) => {
    if (!(error instanceof IndexBusyError) && !writeFailureOf(error)) throw error;
  });
}

function embeddingsOf(options: EnsureIndexOptions) {
  return options.embedder ? { instance: options.embedder.embeddings, model: options.embedder.model } : null;
}

/** Returns why the index no longer matches the corpus and settings, or null when it does. */
export function staleReason(manifest: Manifest, options: Pick<EnsureIndexOptions, 'articles' | 'chunking' | 'embedder'>): string | null {
  const settings = settingsStaleReason(manifest, options);
  if (settings) return settings;
  const changes = corpusChanges(manifest, options.articles);
  return changes.length > 0 ? `the corpus changed: ${changes.join(', ')}` : null;
}

/** Returns why the index no longer matches the format, chunking or model, or null when it does. */
export function settingsStaleReason(manifest: Manifest, options: { chunking: ChunkingSettings; embedder: { model: ManifestModel } | null }): string | null {
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) return 'the index format changed';
  if (manifest.chunking.chunkSize !== options.chunking.chunkSize || manifest.chunking.chunkOverlap !== options.chunking.chunkOverlap) {
    return 'the chunking settings changed';
  }
  // An index with vectors stays usable (lexically) while its model is unavailable: no rebuild for that alone.
  if (options.embedder && !sameModel(manifest.model, options.embedder.model)) {
    if (!manifest.model) return 'an embedding model is now available';
    const { id } = options.embedder.model;
    return manifest.model.id === id ? `the model ${id} changed (weights, precision or prefix)` : `the model changed (${manifest.model.id} → ${id})`;
  }
  return null;
}

function corpusChanges(manifest: Manifest, articles: Article[]): string[] {
  const changes: string[] = [];
  const current = new Map(articles.map((article) => [article.source, article.contentHash]));
  for (const [source, hash] of current) {
    const known = manifest.files[source];
    if (!known) changes.push(`${source} added`);
    else if (known.sha256 !== hash) changes.push(`${source} modified`);
  }
  for (const source of Object.keys(manifest.files)) {
    if (!current.has(source)) changes.push(`${source} removed`);
  }
  return changes;
}
