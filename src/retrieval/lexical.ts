import type { PassageFilter, PassageStore } from '../index/index.js';
import type { RankedList } from './ranked.js';

/** BM25 search with French analysis. */
export async function searchLexical(store: PassageStore, query: string, k: number, filter: PassageFilter | null): Promise<RankedList> {
  const startedAt = performance.now();
  const hits = await store.searchLexical(query, k, filter);
  return { hits, elapsedMs: performance.now() - startedAt };
}
