import type { LoadedIndex } from '../index/index.js';
import type { RankedList } from './ranked.js';

/** BM25 search with French analysis. */
export function searchLexical(index: LoadedIndex, query: string, k: number): RankedList {
  const startedAt = performance.now();
  const hits = index.lexical.search(query, k);
  return { hits, elapsedMs: performance.now() - startedAt };
}
