import path from 'node:path';
import type { ChunkingSettings } from '../chunking/index.js';
import type { EmbedderForBuild } from './build-index.js';
import { readCorpusState, type CorpusState } from './corpus-state.js';
import { removeLeftoversIfFree, settingsStaleReason } from './ensure-index.js';
import { readCurrentGeneration } from './generation-store.js';
import type { LoadedIndex } from './loaded-index.js';
import { loadGeneration, readVerifiedManifest } from './load-index.js';

/**
 * The fast start: when the corpus listing is the one the current generation was checked against
 * and the settings match, loads that generation (its checksums and invariants still checked)
 * without reading or cleaning a single article. Null means: read the corpus and ensure the index.
 */
export async function loadIfCorpusUnchanged(options: {
  indexDir: string;
  listing: string;
  chunking: ChunkingSettings;
  embedder: EmbedderForBuild | null;
  /** The index being served, returned as it is when it is still the current one. */
  serving?: LoadedIndex;
}): Promise<{ index: LoadedIndex; skipped: CorpusState['skipped']; converted: CorpusState['converted'] } | null> {
  const [state, current] = await Promise.all([readCorpusState(options.indexDir), readCurrentGeneration(options.indexDir)]);
  if (!state || !current || state.generation !== path.basename(current) || state.listing !== options.listing) return null;
  if (options.serving?.dir === current) return { index: options.serving, skipped: state.skipped, converted: state.converted };
  try {
    // The settings first, from the manifest alone: a generation that is stale anyway is not hashed and loaded twice.
    if (settingsStaleReason(await readVerifiedManifest(current), options) !== null) return null;
    const embeddings = options.embedder ? { instance: options.embedder.embeddings, model: options.embedder.model } : null;
    const index = await loadGeneration(current, embeddings);
    await removeLeftoversIfFree(options.indexDir, { generation: current, previous: index });
    return { index, skipped: state.skipped, converted: state.converted };
  } catch {
    return null;
  }
}
