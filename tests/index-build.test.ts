import { loadedIndexOf } from '../src/index/index.js';
import { appendFile, copyFile, mkdir, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { generateTinyModel } from '../tools/make-tiny-model.js';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCorpus } from '../src/corpus/read-corpus.js';
import { openEngine } from '../src/engine.js';
import { vectorsByText } from '../src/index/dense-store.js';
import { ensureIndex } from '../src/index/ensure-index.js';
import { readCurrentGeneration } from '../src/index/generation-store.js';
import { makeWorkspace, testConfig, type Workspace } from './helpers/test-config.js';

describe('building, loading and updating the index on disk', () => {
  let workspace: Workspace;
  beforeEach(async () => {
    workspace = await makeWorkspace();
  });
  afterEach(async () => {
    await workspace.remove();
  });

  it('builds an index with vectors, a lexical index and a manifest on first start', async () => {
    const engine = await openEngine(testConfig(workspace));
    expect(engine.indexReport).toEqual({ rebuilt: true, reason: 'no index yet' });
    expect(engine.embeddings).not.toBeNull();
    const { manifest } = loadedIndexOf(engine.store);
    expect(manifest.model).toMatchObject({ id: 'tiny-french-e5', dimensions: 32, passagePrefix: 'passage: ' });
    expect(manifest.chunking).toEqual({ chunkSize: 600, chunkOverlap: 120 });
    expect(Object.keys(manifest.files).sort()).toEqual((await readdir(workspace.corpusDir)).sort());
    expect(manifest.counts.articles).toBe(5);
    expect(manifest.counts.passages).toBe(loadedIndexOf(engine.store).passages.length);
    expect(manifest.counts.embedded).toBe(new Set(loadedIndexOf(engine.store).passages.map((p) => p.text)).size);
    expect(loadedIndexOf(engine.store).dense?.index.getCurrentCount()).toBe(manifest.counts.passages);
    const files = await readdir(loadedIndexOf(engine.store).dir);
    expect(files.sort()).toEqual(['bm25.json', 'dense', 'manifest.json', 'manifest.sha256', 'passages.json']);
  });

  it('builds once when several starts race on an empty index directory', async () => {
    const engines = await Promise.all([1, 2, 3].map(() => openEngine(testConfig(workspace))));
    expect(engines.filter((engine) => engine.indexReport.rebuilt)).toHaveLength(1);
    expect(new Set(engines.map((engine) => loadedIndexOf(engine.store).dir)).size).toBe(1);
    expect((await readdir(workspace.indexDir)).filter((entry) => entry.startsWith('gen-'))).toHaveLength(1);
  });

  it('loads the index on the next start without rebuilding it', async () => {
    const first = await openEngine(testConfig(workspace));
    const second = await openEngine(testConfig(workspace));
    expect(second.indexReport).toEqual({ rebuilt: false, reason: 'the index is up to date' });
    expect(loadedIndexOf(second.store).dir).toBe(loadedIndexOf(first.store).dir);
    expect(loadedIndexOf(second.store).passages).toEqual(loadedIndexOf(first.store).passages);
  });

  it('re-embeds only the passages of a modified article', async () => {
    const first = await openEngine(testConfig(workspace));
    const target = '004_81d887d6e74563b3.txt';
    await appendFile(path.join(workspace.corpusDir, target), '\n\nOpenAI prévoit aussi un centre de recherche à Marseille.\n');
    const second = await openEngine(testConfig(workspace));
    expect(second.indexReport.rebuilt).toBe(true);
    expect(second.indexReport.reason).toBe(`the corpus changed: ${target} modified`);
    const { counts } = loadedIndexOf(second.store).manifest;
    const untouched = loadedIndexOf(first.store).passages.filter((p) => p.source !== target).length;
    expect(counts.reused).toBeGreaterThanOrEqual(untouched);
    expect(counts.embedded).toBeGreaterThan(0);
    expect(counts.embedded).toBeLessThanOrEqual(loadedIndexOf(second.store).passages.filter((p) => p.source === target).length);
    expect(loadedIndexOf(second.store).passages.some((p) => p.text.includes('Marseille'))).toBe(true);
    // Every stored vector, reused or new, is the one the model gives for its passage today.
    const stored = vectorsByText(loadedIndexOf(second.store).dense!);
    const texts = [...stored.keys()];
    const fresh = await second.embeddings!.embedDocuments(texts);
    texts.forEach((text, i) => {
      const cosine = stored.get(text)!.reduce((sum, value, j) => sum + value * fresh[i]![j]!, 0);
      expect(cosine).toBeGreaterThan(0.9999);
    });
  });

  it('notices added and removed articles', async () => {
    await openEngine(testConfig(workspace));
    await unlink(path.join(workspace.corpusDir, '003_f56942e7495b0a47.txt'));
    await writeFile(
      path.join(workspace.corpusDir, 'ajout.md'),
      '# Mistral AI ouvre un bureau à Munich\n\nLa start-up française Mistral AI a annoncé l’ouverture d’un bureau à Munich en 2025.\n',
    );
    const engine = await openEngine(testConfig(workspace));
    expect(engine.indexReport.reason).toContain('ajout.md added');
    expect(engine.indexReport.reason).toContain('003_f56942e7495b0a47.txt removed');
    expect(loadedIndexOf(engine.store).passages.some((p) => p.source === '003_f56942e7495b0a47.txt')).toBe(false);
    expect(loadedIndexOf(engine.store).passages.some((p) => p.source === 'ajout.md' && p.text.includes('Munich'))).toBe(true);
  });

  it('re-embeds everything when the model changes, and rebuilds when chunking changes', async () => {
    await openEngine(testConfig(workspace));
    const otherPrefix = await openEngine(testConfig(workspace, { PASSAGE_PREFIX: 'document: ' }));
    expect(otherPrefix.indexReport.reason).toBe('the model tiny-french-e5 changed (weights, precision or prefix)');
    expect(loadedIndexOf(otherPrefix.store).manifest.counts.reused).toBe(0);
    const rechunked = await openEngine(testConfig(workspace, { PASSAGE_PREFIX: 'document: ', CHUNK_SIZE: '400', CHUNK_OVERLAP: '80' }));
    expect(rechunked.indexReport.reason).toBe('the chunking settings changed');
    expect(Math.max(...loadedIndexOf(rechunked.store).passages.map((p) => p.text.length))).toBeLessThanOrEqual(400);
  });

  it('re-embeds everything when other weights are served under the same model id', async () => {
    await openEngine(testConfig(workspace));
    const otherModels = path.join(workspace.dir, 'other-models');
    const twoArticles = path.join(workspace.dir, 'two-articles');
    await mkdir(twoArticles);
    for (const name of ['000_71dcd0df67353d15.txt', '001_2f24b03e2d55c6bf.txt']) {
      await copyFile(path.join(workspace.corpusDir, name), path.join(twoArticles, name));
    }
    await generateTinyModel(otherModels, twoArticles);
    const retrained = await openEngine(testConfig(workspace, { MODELS_DIR: otherModels }));
    expect(retrained.indexReport.reason).toBe('the model tiny-french-e5 changed (weights, precision or prefix)');
    expect(loadedIndexOf(retrained.store).manifest.counts.reused).toBe(0);
  });

  it('rebuilds an index of an older format, saying so in one line', async () => {
    const first = await openEngine(testConfig(workspace));
    const manifestPath = path.join(loadedIndexOf(first.store).dir, 'manifest.json');
    const old = JSON.parse(await readFile(manifestPath, 'utf8'));
    delete old.model.fingerprint;
    await writeFile(manifestPath, JSON.stringify({ ...old, formatVersion: 1 }));
    const second = await openEngine(testConfig(workspace));
    expect(second.indexReport.rebuilt).toBe(true);
    expect(second.indexReport.reason).toMatch(/written in format 1 and this version reads format \d+\)$/);
    expect(second.indexReport.reason).not.toContain('\n');
  });

  it('rebuilds a damaged index instead of serving it', async () => {
    const first = await openEngine(testConfig(workspace));
    await rm(path.join(loadedIndexOf(first.store).dir, 'passages.json'));
    const second = await openEngine(testConfig(workspace));
    expect(second.indexReport.rebuilt).toBe(true);
    expect(second.indexReport.reason).toMatch(/cannot be read/);
    expect(loadedIndexOf(second.store).passages.length).toBe(loadedIndexOf(first.store).passages.length);
  });

  it('leaves the previous index in place when a rebuild crashes mid-way', async () => {
    const first = await openEngine(testConfig(workspace));
    await appendFile(path.join(workspace.corpusDir, '000_71dcd0df67353d15.txt'), '\nUne phrase ajoutée pour forcer la reconstruction.\n');
    const config = testConfig(workspace);
    const { articles } = await readCorpus(config.corpusDir);
    const model = loadedIndexOf(first.store).manifest.model!;
    // The real embedder, made to fail after its first batch: a crash in the middle of embedding.
    const embeddings = first.embeddings!;
    const crashing = Object.assign(Object.create(embeddings) as typeof embeddings, {
      embedDocuments: async (texts: string[], onProgress?: (done: number, total: number) => void) => {
        await embeddings.embedDocuments(texts.slice(0, 1), onProgress);
        throw new Error('process died while embedding');
      },
    });
    await expect(
      ensureIndex({ indexDir: config.indexDir, articles, chunking: config.chunking, embedder: { embeddings: crashing, model }, force: true }),
    ).rejects.toThrow('process died while embedding');
    expect(await readCurrentGeneration(workspace.indexDir)).toBe(loadedIndexOf(first.store).dir);
    expect((await readdir(workspace.indexDir)).filter((entry) => entry.endsWith('.building'))).toEqual([]);
    const reopened = await openEngine(testConfig(workspace));
    expect(reopened.indexReport.rebuilt).toBe(true);
    expect(loadedIndexOf(reopened.store).passages.some((p) => p.text.includes('forcer la reconstruction'))).toBe(true);
  });
});
