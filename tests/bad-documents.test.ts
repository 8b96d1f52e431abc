import { loadedIndexOf } from '../src/index/index.js';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../src/corpus/article.js';
import { openEngine, type Engine } from '../src/engine.js';
import { buildIndex } from '../src/index/build-index.js';
import { ensureIndex } from '../src/index/ensure-index.js';
import { citableArticles } from '../src/index/citable-articles.js';
import { readCurrentGeneration } from '../src/index/generation-store.js';
import { searchHybrid } from '../src/retrieval/hybrid.js';
import { splitSentences } from '../src/text/sentences.js';
import { createLogger } from '../src/logger.js';
import { createApp } from '../src/server/app.js';
import { startServer, type RunningServer } from '../src/server/start-server.js';
import { makeWorkspace, testConfig, type Workspace } from './helpers/test-config.js';

/** Documentation converted from other formats wraps URLs across lines; GFM's autolinks then made nodes without positions. */
const WRAPPED_URL = "Veuillez consulter la page (https:\n//www.debian.org/ports/#nonlinux) pour plus d'informations sur les portages.\n";
const LONG_PAGE = `# Les portages\n\n${Array.from({ length: 40 }, (_, i) => `Le paragraphe ${i} décrit une architecture matérielle et la façon de l'installer pas à pas.`).join('\n\n')}\n\nVoyez la liste (https:\n//www.debian.org/ports/) des architectures prises en charge par la distribution.\n\n${Array.from({ length: 20 }, (_, i) => `La note ${i} précise un détail des images d'installation.`).join('\n\n')}\n`;

describe('one document never stops the service', () => {
  let workspace: Workspace;
  let engine: Engine;
  let server: RunningServer;
  beforeAll(async () => {
    workspace = await makeWorkspace({ 'portages.md': WRAPPED_URL, 'architectures.md': LONG_PAGE });
    // An archive saved in Latin-1 ("é" as one byte 0xE9): not UTF-8.
    await writeFile(path.join(workspace.corpusDir, 'archive-2005.txt'), Buffer.from('Le caf\xe9 du port rouvre\r\n\r\nLe caf\xe9 du port de Douarnenez rouvre ses portes apr\xe8s deux ans de travaux.\r\n', 'latin1'));
    engine = await openEngine(testConfig(workspace));
    server = await startServer(createApp(engine, createLogger('silent')), '127.0.0.1', 0, engine.config.load);
  });
  afterAll(async () => {
    await server.close();
    await engine.embeddings?.dispose?.();
    await workspace.remove();
  });

  it('indexes a file that is not UTF-8 from Windows-1252, and /health says which', async () => {
    const health = (await (await fetch(`${server.url}/health`)).json()) as { converted: unknown; skipped: { source: string }[] };
    expect(health.converted).toEqual([{ source: 'archive-2005.txt', encoding: 'windows-1252' }]);
    expect(health.skipped.map((skip) => skip.source)).not.toContain('archive-2005.txt');
    const found = await searchHybrid(engine.store, null, 'café Douarnenez', { k: 3, maxPassagesPerArticle: 2, retrievers: 'lexical' });
    const passage = found.passages[0]!.passage;
    expect(passage.source).toBe('archive-2005.txt');
    // The title stays a sentence of its own, never merged into the first one (CRLF line ends included).
    expect(splitSentences(passage.text).map((span) => passage.text.slice(span.start, span.end))).toEqual([
      'Le café du port rouvre',
      'Le café du port de Douarnenez rouvre ses portes après deux ans de travaux.',
    ]);
  });

  it.each([
    ['portages.md', 'portages'],
    ['architectures.md', 'architectures prises en charge'],
  ])('indexes %s, URLs wrapped across lines included, with exact offsets', async (source, words) => {
    const raw = await readFile(path.join(workspace.corpusDir, source), 'utf8');
    const passages = loadedIndexOf(engine.store).passages.filter((passage) => passage.source === source);
    expect(passages.length).toBeGreaterThan(0);
    for (const passage of passages) {
      expect(passage.start).toBeGreaterThanOrEqual(0);
      expect(passage.end).toBeGreaterThan(passage.start);
      expect(passage.end).toBeLessThanOrEqual(raw.length);
    }
    const found = await searchHybrid(engine.store, null, words, { k: 3, maxPassagesPerArticle: 2, retrievers: 'lexical' });
    const hit = found.passages.find((item) => item.passage.source === source);
    expect(hit).toBeDefined();
    // The cited range of the file holds the passage's words as written (the link's text included).
    const cited = raw.slice(hit!.passage.start, hit!.passage.end).replace(/\s+/gu, ' ');
    for (const word of hit!.passage.text.match(/[\p{L}\p{N}]{4,}/gu) ?? []) expect(cited).toContain(word);
    expect(engine.skipped.map((skip) => skip.source)).not.toContain(source);
  });

  it('leaves out an article whose passages could not be cited, with the reason, and keeps the others', () => {
    const article = (source: string, blocks: Article['blocks']): Article => ({ source, format: 'md', title: null, date: null, author: null, outlet: null, url: null, contentHash: 'x', blocks });
    const text = 'Une phrase assez longue pour faire un passage entier du document.';
    const exact = { text, start: 0, end: text.length, offsets: [...text].map((_, i) => i), ends: [...text].map((_, i) => i + 1) };
    // What a reader bug made: every character mapped to offset 0.
    const lost = { text, start: 0, end: 0, offsets: [...text].map(() => 0), ends: [...text].map(() => 0) };
    const { articles, skipped } = citableArticles([article('bon.md', [exact]), article('casse.md', [lost])], { chunkSize: 600, chunkOverlap: 120 });
    expect(articles.map((kept) => kept.source)).toEqual(['bon.md']);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.source).toBe('casse.md');
    expect(skipped[0]?.reason).toMatch(/^its passages cannot be cited exactly \(passage casse\.md#0 has offsets 0–0\)/u);
  });

  it('never makes current a generation the loader would refuse: the build stops and the index that answers stays', async () => {
    const text = 'Une phrase assez longue pour faire un passage entier du document.';
    const lost = { text, start: 0, end: 0, offsets: [...text].map(() => 0), ends: [...text].map(() => 0) };
    const broken: Article = { source: 'casse.md', format: 'md', title: null, date: null, author: null, outlet: null, url: null, contentHash: 'x', blocks: [lost] };
    const before = await readCurrentGeneration(workspace.indexDir);
    await expect(buildIndex({ indexDir: workspace.indexDir, articles: [broken], chunking: { chunkSize: 600, chunkOverlap: 120 }, embedder: null, previous: null })).rejects.toThrow(
      /^the new index would not be readable \(passage casse\.md#0 has offsets 0–0\); the current one is kept$/u,
    );
    expect(await readCurrentGeneration(workspace.indexDir)).toBe(before);
  });

  it('checks an article of 150,000 blocks without overflowing the call stack', () => {
    const blocks = Array.from({ length: 150_000 }, (_, i) => ({ text: 'M1', start: i * 3, end: i * 3 + 2 }));
    const big: Article = { source: 'enorme.txt', format: 'txt', title: null, date: null, author: null, outlet: null, url: null, contentHash: 'x', blocks };
    expect(() => citableArticles([big], { chunkSize: 600, chunkOverlap: 120 })).not.toThrow();
  });

  it('keeps serving the index already there when a new build would not be readable', async () => {
    const text = 'Une phrase assez longue pour faire un passage entier du document.';
    const lost = { text, start: 0, end: 0, offsets: [...text].map(() => 0), ends: [...text].map(() => 0) };
    const broken: Article = { source: 'casse.md', format: 'md', title: null, date: null, author: null, outlet: null, url: null, contentHash: 'y', blocks: [lost] };
    const before = await readCurrentGeneration(workspace.indexDir);
    const kept = await ensureIndex({ indexDir: workspace.indexDir, articles: [broken], chunking: { chunkSize: 600, chunkOverlap: 120 }, embedder: null });
    expect(kept.rebuilt).toBe(false);
    expect(kept.reason).toMatch(/^the new index would not be readable \(passage casse\.md#0 has offsets 0–0\); the current one is kept; serving the index already there$/u);
    expect(kept.index.passages.length).toBeGreaterThan(0);
    expect(await readCurrentGeneration(workspace.indexDir)).toBe(before);
  });
});
