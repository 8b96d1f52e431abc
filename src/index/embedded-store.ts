import path from 'node:path';
import type { Passage } from '../chunking/index.js';
import type { LoadedIndex } from './loaded-index.js';
import { passesFilter, summariesOf, type ArticleSummary, type PassageFilter, type PassageStore, type ScoredPassageId, type StoreDescription, type TermStatistics } from './passage-store.js';

/** The embedded store: one index generation under INDEX_DIR, loaded whole into this process. */
export class EmbeddedStore implements PassageStore {
  readonly kind = 'embedded' as const;
  readonly #index: LoadedIndex;
  #articles: ArticleSummary[] | undefined;

  constructor(index: LoadedIndex) {
    this.#index = index;
  }

  get index(): LoadedIndex {
    return this.#index;
  }

  get hasVectors(): boolean {
    return this.#index.dense !== null;
  }

  contentVersion(): string {
    return path.basename(this.#index.dir);
  }

  async describe(): Promise<StoreDescription> {
    const { manifest } = this.#index;
    return {
      kind: this.kind,
      articles: manifest.counts.articles,
      passages: manifest.counts.passages,
      builtAt: manifest.builtAt,
      buildMs: manifest.buildMs,
      vectors: manifest.model ? { model: manifest.model.id, dimensions: manifest.model.dimensions } : null,
      chunking: manifest.chunking,
    };
  }

  async searchLexical(query: string, k: number, filter: PassageFilter | null): Promise<ScoredPassageId[]> {
    if (!filter) return this.#index.lexical.search(query, k);
    // BM25 ranks the whole corpus for a filtered search: the passages it accepts may all rank low.
    return this.#index.lexical.search(query, this.#index.passages.length).filter((hit) => this.#accepts(hit.id, filter)).slice(0, k);
  }

  async searchDense(vector: readonly number[], k: number, filter: PassageFilter | null): Promise<ScoredPassageId[]> {
    const dense = this.#index.dense;
    if (!dense) return [];
    const count = dense.index.getCurrentCount();
    const limit = Math.min(filter ? count : k, count);
    if (limit <= 0) return [];
    const results = await dense.similaritySearchVectorWithScore([...vector], limit);
    const hits = results.map(([document, distance]) => ({ id: String(document.metadata['id']), score: 1 - distance }));
    return filter ? hits.filter((hit) => this.#accepts(hit.id, filter)).slice(0, k) : hits;
  }

  async passages(ids: readonly string[]): Promise<Map<string, Passage>> {
    const found = new Map<string, Passage>();
    for (const id of ids) {
      const passage = this.#index.passagesById.get(id);
      if (passage) found.set(id, passage);
    }
    return found;
  }

  async articlePassages(source: string): Promise<Passage[]> {
    return this.#index.passages.filter((passage) => passage.source === source).sort((a, b) => a.position - b.position);
  }

  async articles(): Promise<ArticleSummary[]> {
    this.#articles ??= summariesOf(this.#index.passages);
    return this.#articles;
  }

  async samplePassages(max: number): Promise<Passage[]> {
    return this.#index.passages.slice(0, max);
  }

  async termStatistics(): Promise<TermStatistics> {
    return this.#index.lexical;
  }

  #accepts(id: string, filter: PassageFilter): boolean {
    const passage = this.#index.passagesById.get(id);
    return passage !== undefined && passesFilter(passage, filter);
  }
}

/** The loaded index behind an embedded store (for what only the embedded store has: its files, its generation). */
export function loadedIndexOf(store: PassageStore): LoadedIndex {
  if (!(store instanceof EmbeddedStore)) throw new Error(`the ${store.kind} store has no index files`);
  return store.index;
}
