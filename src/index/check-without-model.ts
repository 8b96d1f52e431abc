import path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { ChunkingSettings } from '../chunking/passage.js';
import { verifyArtefacts, sha256Hex } from './artefact-hashes.js';
import { readCorpusState, type CorpusState } from './corpus-state.js';
import { readCurrentGeneration } from './generation-store.js';
import { INDEX_FILES } from './index-files.js';
import { INDEX_FORMAT_VERSION, manifestSchema, type Manifest } from './manifest.js';

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
  try {
    const manifestText = await readFile(path.join(dir, INDEX_FILES.manifest), 'utf8');
    const checksum = await readFile(path.join(dir, INDEX_FILES.manifestChecksum), 'utf8');
    if (checksum.trim() !== sha256Hex(manifestText)) return null;
    const parsed = manifestSchema.safeParse(JSON.parse(manifestText));
    if (!parsed.success) return null;
    const manifest = parsed.data;
    if (manifest.formatVersion !== INDEX_FORMAT_VERSION) return null;
    if (manifest.chunking.chunkSize !== options.chunking.chunkSize || manifest.chunking.chunkOverlap !== options.chunking.chunkOverlap) return null;
    const { model } = options;
    if (!model.fileFingerprint || !manifest.model) return null;
    if (manifest.model.id !== model.id || manifest.model.dtype !== model.dtype || manifest.model.passagePrefix !== model.passagePrefix || manifest.model.fingerprint !== model.fileFingerprint) return null;
    await verifyArtefacts(dir, manifest.artefacts);
    return { dir, manifest, skipped: state.skipped };
  } catch {
    return null;
  }
}
