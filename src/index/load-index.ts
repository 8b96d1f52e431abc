import { verifyArtefacts } from './artefact-hashes.js';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Passage } from '../chunking/passage.js';
import { Bm25Index } from './bm25.js';
import { readCurrentGeneration } from './generation-store.js';
import { INDEX_FILES } from './index-files.js';
import type { LoadedIndex } from './loaded-index.js';
import { INDEX_FORMAT_VERSION, manifestSchema, sameModel, type ManifestModel } from './manifest.js';

export class IndexUnreadableError extends Error {}

/**
 * Loads the current generation, or returns null when there is none. Throws IndexUnreadableError when
 * the generation is damaged or of an older format, so the caller rebuilds it.
 * `dense` is attached only when `embeddings` come from the same model that built the vectors.
 */
export async function loadIndex(
  indexDir: string,
  embeddings: { instance: EmbeddingsInterface; model: ManifestModel } | null,
): Promise<LoadedIndex | null> {
  const dir = await readCurrentGeneration(indexDir);
  if (!dir) return null;
  try {
    const rawManifest: unknown = JSON.parse(await readFile(path.join(dir, INDEX_FILES.manifest), 'utf8'));
    const formatVersion = (rawManifest as { formatVersion?: unknown } | null)?.formatVersion;
    if (formatVersion !== INDEX_FORMAT_VERSION) {
      throw new Error(`it was written in format ${String(formatVersion)} and this version reads format ${INDEX_FORMAT_VERSION}`);
    }
    const parsed = manifestSchema.safeParse(rawManifest);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`its manifest is invalid at ${issue?.path.join('.') || 'the top level'}: ${issue?.message ?? 'unknown problem'}`);
    }
    const manifest = parsed.data;
    await verifyArtefacts(dir, manifest.artefacts);
    const passages = JSON.parse(await readFile(path.join(dir, INDEX_FILES.passages), 'utf8')) as Passage[];
    if (!Array.isArray(passages) || passages.length !== manifest.counts.passages) {
      throw new Error(`passages.json holds ${Array.isArray(passages) ? passages.length : 'no list'}, manifest says ${manifest.counts.passages}`);
    }
    const lexical = Bm25Index.fromJSON(JSON.parse(await readFile(path.join(dir, INDEX_FILES.lexical), 'utf8')));
    let dense: HNSWLib | null = null;
    if (manifest.model && embeddings && sameModel(manifest.model, embeddings.model) && passages.length > 0) {
      const denseDir = path.join(dir, INDEX_FILES.denseDir);
      await stat(path.join(denseDir, 'hnswlib.index'));
      dense = await HNSWLib.load(denseDir, embeddings.instance);
      if (dense.index.getCurrentCount() !== passages.length) {
        throw new Error(`the vector index holds ${dense.index.getCurrentCount()} vectors for ${passages.length} passages`);
      }
    }
    return { dir, manifest, passages, passagesById: new Map(passages.map((p) => [p.id, p])), lexical, dense };
  } catch (error) {
    throw new IndexUnreadableError(`the index at ${dir} cannot be read (${(error as Error).message})`);
  }
}
