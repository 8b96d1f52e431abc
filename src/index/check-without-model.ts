import path from 'node:path';
import type { ChunkingSettings } from '../chunking/index.js';
import { verifyArtefacts } from './artefact-hashes.js';
import { readCorpusState, type CorpusState } from './corpus-state.js';
import { settingsStaleReason } from './ensure-index.js';
import { readCurrentGeneration } from './generation-store.js';
import { readVerifiedManifest } from './load-index.js';
import type { Manifest } from './manifest.js';

/**
 * Whether the index is up to date without loading the model (about a second): the corpus listing
 * is the one the current generation was checked against, its files are intact, and it was built
 * with the chunking and with exactly these model files (fingerprint from their bytes). For
 * `npm run index` with nothing to do. Null means "cannot tell this way": open the engine.
 */
export async function upToDateWithoutModel(options: {
  indexDir: string;
  listing: string;
  chunking: ChunkingSettings;
  model: { id: string; dtype: string; passagePrefix: string; fileFingerprint: string | null };
}): Promise<{ dir: string; manifest: Manifest; skipped: CorpusState['skipped'] } | null> {
  const [state, dir] = await Promise.all([readCorpusState(options.indexDir), readCurrentGeneration(options.indexDir)]);
  if (!state || !dir || state.generation !== path.basename(dir) || state.listing !== options.listing) return null;
  const { model } = options;
  if (!model.fileFingerprint) return null;
  try {
    const manifest = await readVerifiedManifest(dir);
    // Up to date only with these very files: the dimensions are the index's, checked when the server loads the model.
    const expected = manifest.model ? { model: { id: model.id, dtype: model.dtype, passagePrefix: model.passagePrefix, fingerprint: model.fileFingerprint, dimensions: manifest.model.dimensions } } : null;
    if (!expected || settingsStaleReason(manifest, { chunking: options.chunking, embedder: expected }) !== null) return null;
    await verifyArtefacts(dir, manifest.artefacts);
    return { dir, manifest, skipped: state.skipped };
  } catch {
    return null;
  }
}
