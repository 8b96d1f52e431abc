import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chunkArticle } from '../src/chunking/index.js';
import type { Passage } from '../src/chunking/passage.js';
import type { Article } from '../src/corpus/article.js';
import { Bm25Index, type Bm25Snapshot } from '../src/index/bm25.js';

const CORPUS = fileURLToPath(new URL('../corpus/', import.meta.url));
const QUESTION = "Qui a été recrutée pour diriger le lobbying d'OpenAI en Europe ?";

function corpusPassages(): Passage[] {
  return readdirSync(CORPUS).flatMap((source) => {
    const raw = readFileSync(join(CORPUS, source), 'utf8');
    const text = raw.trim();
    const start = raw.indexOf(text);
    const article: Article = {
      source, format: 'txt', title: null, date: null, author: null, outlet: null, url: null, contentHash: 'x',
      blocks: [{ text, start, end: start + text.length }],
    };
    return chunkArticle(article, { chunkSize: 600, chunkOverlap: 120 });
  });
}

const passages = corpusPassages();
const corpusIndex = Bm25Index.build(passages.map((p) => ({ id: p.id, text: p.text })));
const words = (text: string): string[] => text.split(' ').filter((w) => w !== '');

describe('Bm25Index over the corpus', () => {
  it('ranks the Julie Lavet passage first for the lobbying question', () => {
    const hits = corpusIndex.search(QUESTION, 5);
    expect(hits.length).toBeGreaterThan(1);
    const best = passages.find((p) => p.id === hits[0]!.id);
    expect(best?.text).toContain('Julie Lavet a été recrutée pour diriger le lobbying en Europe');
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('returns nothing for a query made only of stop words, or for k = 0', () => {
    expect(corpusIndex.search('Qui est-ce ? Où, quand et comment ? Pourquoi a-t-il été là ?', 10)).toEqual([]);
    expect(corpusIndex.search('', 10)).toEqual([]);
    expect(corpusIndex.search(QUESTION, 0)).toEqual([]);
  });

  it('returns at most k positive hits, best first', () => {
    const hits = corpusIndex.search('OpenAI Paris bureau milliards', 7);
    expect(hits).toHaveLength(7);
    for (const hit of hits) expect(hit.score).toBeGreaterThan(0);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    const all = corpusIndex.search('OpenAI Paris bureau milliards', 1000);
    expect(all.length).toBeLessThanOrEqual(passages.length);
    expect(all.slice(0, 7)).toEqual(hits);
  });

  it('gives identical results after a JSON round trip', () => {
    const snapshot = JSON.parse(JSON.stringify(corpusIndex.toJSON())) as Bm25Snapshot;
    expect(snapshot.version).toBe(1);
    const restored = Bm25Index.fromJSON(snapshot);
    for (const query of [QUESTION, 'valorisation de 157 milliards', 'Mistral AI startup', 'inférence et scalabilité']) {
      expect(restored.search(query, 10)).toEqual(corpusIndex.search(query, 10));
    }
    expect(restored.toJSON()).toEqual(snapshot);
  });

  it('rejects corrupt snapshots with a clear error', () => {
    const good = corpusIndex.toJSON();
    const corrupt: unknown[] = [
      null,
      'index',
      { ...good, version: 2 },
      { ...good, ids: [...good.ids.slice(1), good.ids[1]] },
      { ...good, lengths: good.lengths.slice(1) },
      { ...good, lengths: good.lengths.map((n, i) => (i === 0 ? n + 1 : n)) },
      { ...good, postings: [['terme', [0]], ...good.postings] },
      { ...good, postings: [['terme', [good.ids.length, 1]], ...good.postings] },
      { ...good, postings: [['terme', [0, 1.5]], ...good.postings] },
      { ...good, postings: { terme: [0, 1] } },
    ];
    for (const snapshot of corrupt) expect(() => Bm25Index.fromJSON(snapshot)).toThrow(/Invalid BM25 snapshot/);
  });
});

describe('Bm25Index scoring', () => {
  const docs = [
    { id: 'b', text: 'chat chien' },
    { id: 'a', text: 'chat chien' },
    { id: 'c', text: 'oiseau oiseau poisson chat' },
    { id: 'd', text: 'poisson' },
  ];
  const index = Bm25Index.build(docs, words);

  it('computes Okapi BM25 with k1 = 1.2, b = 0.75 and Lucene idf', () => {
    const n = 4;
    const averageLength = (2 + 2 + 4 + 1) / 4;
    const idf = (df: number): number => Math.log(1 + (n - df + 0.5) / (df + 0.5));
    expect(index.idf('oiseau')).toBeCloseTo(idf(1), 12);
    expect(index.idf('chat')).toBeCloseTo(idf(3), 12);
    expect(index.idf('oiseau')).toBeGreaterThan(index.idf('chat'));
    const tfPart = (tf: number, length: number): number => (tf * 2.2) / (tf + 1.2 * (1 - 0.75 + (0.75 * length) / averageLength));
    const [hit] = index.search('oiseau', 1);
    expect(hit?.id).toBe('c');
    expect(hit?.score).toBeCloseTo(idf(1) * tfPart(2, 4), 12);
  });

  it('breaks score ties by id and counts a repeated query term once', () => {
    expect(index.search('chien', 10).map((h) => h.id)).toEqual(['a', 'b']);
    expect(index.search('chien chien', 10)).toEqual(index.search('chien', 10));
    expect(index.search('inconnu', 10)).toEqual([]);
  });

  it('uses its analyzer for termsOf and rejects duplicate ids', () => {
    expect(corpusIndex.termsOf("l'Europe recrute")).toEqual(['europ', 'recrut']);
    expect(index.termsOf('a b')).toEqual(['a', 'b']);
    expect(() => Bm25Index.build([{ id: 'x', text: 'a' }, { id: 'x', text: 'b' }])).toThrow(/duplicate/);
  });

  it('handles an empty index', () => {
    const empty = Bm25Index.build([]);
    expect(empty.search(QUESTION, 5)).toEqual([]);
    expect(Bm25Index.fromJSON(empty.toJSON()).size).toBe(0);
  });
});
