import { sha256Hex } from '../shared/index.js';
import { verifyArtefacts } from './artefact-hashes.js';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Passage } from '../chunking/index.js';
import { Bm25Index } from './bm25.js';
import { readCurrentGeneration } from './generation-store.js';
import { denseInvariantProblem, passageInvariantProblem } from './index-invariants.js';
import { INDEX_FILES } from './index-files.js';
import type { LoadedIndex } from './loaded-index.js';
import { INDEX_FORMAT_VERSION, manifestSchema, sameModel, type Manifest, type ManifestModel } from './manifest.js';

export class IndexUnreadableError extends Error {}

/**
 * Loads the current generation, or returns null when there is none. Throws IndexUnreadableError when
 * the generation is damaged or of an older format, so the caller rebuilds it.
 * `dense` is attached only when `embeddings` come from the same model that built the vectors.
 */
export async function loadIndex(indexDir: string, embeddings: EmbeddingsForLoad | null): Promise<LoadedIndex | null> {
  const dir = await readCurrentGeneration(indexDir);
  return dir ? loadGeneration(dir, embeddings) : null;
}

export interface EmbeddingsForLoad {
  instance: EmbeddingsInterface;
  model: ManifestModel;
}

/**
 * Loads one generation folder after checking every file's checksum and the invariants between
 * them, so that hnswlib never reads a file that failed; throws IndexUnreadableError naming the
 * first problem.
 */
export async function loadGeneration(dir: string, embeddings: EmbeddingsForLoad | null): Promise<LoadedIndex> {
  try {
    const manifest = await readVerifiedManifest(dir);
    await verifyArtefacts(dir, manifest.artefacts);
    const passages = parseJson(await readFile(path.join(dir, INDEX_FILES.passages), 'utf8'), INDEX_FILES.passages) as Passage[];
    if (!Array.isArray(passages)) throw new Error('passages.json holds no list');
    const passageProblem = passageInvariantProblem(passages, manifest);
    if (passageProblem) throw new Error(passageProblem);
    const passagesById = new Map(passages.map((p) => [p.id, p]));
    const lexical = Bm25Index.fromJSON(parseJson(await readFile(path.join(dir, INDEX_FILES.lexical), 'utf8'), INDEX_FILES.lexical));
    let dense: HNSWLib | null = null;
    if (manifest.model && embeddings && sameModel(manifest.model, embeddings.model) && passages.length > 0) {
      const denseDir = path.join(dir, INDEX_FILES.denseDir);
      await stat(path.join(denseDir, 'hnswlib.index'));
      const args = JSON.parse(await readFile(path.join(denseDir, 'args.json'), 'utf8')) as { numDimensions?: unknown; space?: unknown };
      if (args.numDimensions !== manifest.model.dimensions || args.space !== 'cosine') {
        throw new Error(`dense/args.json says ${String(args.numDimensions)} dimensions (${String(args.space)}), the model has ${manifest.model.dimensions} (cosine)`);
      }
      dense = await HNSWLib.load(denseDir, embeddings.instance);
      const denseProblem = denseInvariantProblem(dense, passagesById);
      if (denseProblem) throw new Error(denseProblem);
    }
    if (lexical.size !== passages.length) throw new Error(`bm25.json holds ${lexical.size} passages for ${passages.length}`);
    return { dir, manifest, passages, passagesById, lexical, dense };
  } catch (error) {
    throw new IndexUnreadableError(`the index at ${dir} cannot be read (${(error as Error).message})`);
  }
}

/**
 * A generation's manifest, once its format, its own checksum and its schema are checked (the
 * checksums of the other files are not: `verifyArtefacts`). Throws an Error naming the problem.
 */
export async function readVerifiedManifest(dir: string): Promise<Manifest> {
  const manifestText = await readFile(path.join(dir, INDEX_FILES.manifest), 'utf8');
  const rawManifest = parseJson(manifestText, INDEX_FILES.manifest);
  const formatVersion = (rawManifest as { formatVersion?: unknown } | null)?.formatVersion;
  if (formatVersion !== INDEX_FORMAT_VERSION) {
    throw new Error(`it was written in format ${String(formatVersion)} and this version reads format ${INDEX_FORMAT_VERSION}`);
  }
  const recordedChecksum = await readFile(path.join(dir, INDEX_FILES.manifestChecksum), 'utf8').catch(() => null);
  if (recordedChecksum === null) throw new Error(`${INDEX_FILES.manifestChecksum} is missing`);
  if (recordedChecksum.trim() !== sha256Hex(manifestText)) throw new Error(`${INDEX_FILES.manifest} was changed after the index was built`);
  const parsed = manifestSchema.safeParse(rawManifest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`its manifest is invalid at ${issue?.path.join('.') || 'the top level'}: ${issue?.message ?? 'unknown problem'}`);
  }
  return parsed.data;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
}
