import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article } from '../corpus/index.js';
import { chunkArticle } from '../chunking/index.js';
import { passageInvariantProblem } from './index-invariants.js';
import type { ChunkingSettings, Passage } from '../chunking/index.js';
import type { E5Embeddings } from '../embedding/index.js';
import { Bm25Index } from './bm25.js';
import { buildDenseStore, vectorsByText } from './dense-store.js';
import { commitGeneration } from './generation-store.js';
import { sha256Hex } from '../shared/index.js';
import { hashArtefacts } from './artefact-hashes.js';
import { INDEX_FILES } from './index-files.js';
import type { LoadedIndex } from './loaded-index.js';
import { INDEX_FORMAT_VERSION, sameModel, type Manifest, type ManifestModel } from './manifest.js';

export interface EmbedderForBuild {
  embeddings: E5Embeddings;
  model: ManifestModel;
}

export interface BuildIndexOptions {
  indexDir: string;
  articles: Article[];
  chunking: ChunkingSettings;
  embedder: EmbedderForBuild | null;
  /** The index being replaced: vectors of passages whose text and model did not change are reused. */
  previous: LoadedIndex | null;
  /** The generation now current failed its checks: it must not be kept as the fallback. */
  replacesDamaged?: boolean;
  onProgress?: BuildProgressListener;
}

export type BuildPhase = 'chunking' | 'embedding';
export type BuildProgressListener = (phase: BuildPhase, done: number, total: number) => void;

export interface BuildIndexResult {
  dir: string;
  manifest: Manifest;
}

/** A build stopped before writing because the loader would refuse what it made. */
export class UnreadableBuildError extends Error {}

/** Chunks, embeds (only what changed) and writes a complete new index generation atomically. */
export async function buildIndex(options: BuildIndexOptions): Promise<BuildIndexResult> {
  const startedAt = performance.now();
  const passages: Passage[] = [];
  const passagesPerArticle: number[] = [];
  options.onProgress?.('chunking', 0, options.articles.length);
  options.articles.forEach((article, i) => {
    const articlePassages = chunkArticle(article, options.chunking);
    passages.push(...articlePassages);
    passagesPerArticle.push(articlePassages.length);
    options.onProgress?.('chunking', i + 1, options.articles.length);
  });
  const lexical = Bm25Index.build(passages.map((passage) => ({ id: passage.id, text: passage.text })));
  const { vectors, embedded, reused } = options.embedder
    ? await embedChangedPassages(passages, options.embedder, options.previous, (done, total) => options.onProgress?.('embedding', done, total))
    : { vectors: null, embedded: 0, reused: 0 };

  const manifest: Manifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    builtAt: new Date().toISOString(),
    buildMs: 0,
    model: options.embedder ? options.embedder.model : null,
    chunking: { chunkSize: options.chunking.chunkSize, chunkOverlap: options.chunking.chunkOverlap },
    files: Object.fromEntries(
      options.articles.map((article, i) => [article.source, { sha256: article.contentHash, passages: passagesPerArticle[i] ?? 0 }]),
    ),
    counts: { articles: options.articles.length, passages: passages.length, embedded, reused },
    artefacts: {},
  };

  // What the loader will check, checked before anything is written: a generation it would refuse is never made current.
  const problem = passageInvariantProblem(passages, manifest);
  if (problem) throw new UnreadableBuildError(`the new index would not be readable (${problem}); the current one is kept`);
  const dir = await commitGeneration(options.indexDir, async (target) => {
    if (options.embedder && vectors && passages.length > 0) {
      const store = await buildDenseStore(options.embedder.embeddings, passages, vectors, options.embedder.model.dimensions);
      await store.save(path.join(target, INDEX_FILES.denseDir));
    }
    await writeFile(path.join(target, INDEX_FILES.passages), JSON.stringify(passages));
    await writeFile(path.join(target, INDEX_FILES.lexical), JSON.stringify(lexical.toJSON()));
    manifest.artefacts = await hashArtefacts(target);
    manifest.buildMs = Math.round(performance.now() - startedAt);
    // The manifest and its checksum are written last: a generation without them is never loaded.
    const manifestText = JSON.stringify(manifest, null, 2);
    await writeFile(path.join(target, INDEX_FILES.manifest), manifestText);
    await writeFile(path.join(target, INDEX_FILES.manifestChecksum), `${sha256Hex(manifestText)}\n`);
  }, { replacedIsGood: !options.replacesDamaged });
  return { dir, manifest };
}

async function embedChangedPassages(
  passages: Passage[],
  embedder: EmbedderForBuild,
  previous: LoadedIndex | null,
  onProgress?: (done: number, total: number) => void,
): Promise<{ vectors: number[][]; embedded: number; reused: number }> {
  const known = previous?.dense && sameModel(previous.manifest.model, embedder.model) ? vectorsByText(previous.dense) : new Map<string, number[]>();
  const missingTexts = [...new Set(passages.map((p) => p.text).filter((text) => !known.has(text)))];
  onProgress?.(0, missingTexts.length);
  const fresh = missingTexts.length > 0 ? await embedder.embeddings.embedDocuments(missingTexts, onProgress) : [];
  missingTexts.forEach((text, i) => known.set(text, fresh[i] as number[]));
  const vectors = passages.map((p) => known.get(p.text) as number[]);
  return { vectors, embedded: missingTexts.length, reused: passages.length - missingTexts.length };
}
