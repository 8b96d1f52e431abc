import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { PassageFilter, PassageStore } from '../index/index.js';
import type { RankedList } from './ranked.js';

/** Approximate nearest neighbours of the query's vector in the store; score is cosine similarity. */
export async function searchDense(
  store: PassageStore,
  embeddings: EmbeddingsInterface,
  query: string,
  k: number,
  filter: PassageFilter | null,
): Promise<RankedList & { queryVector: number[] }> {
  const startedAt = performance.now();
  const vector = await embeddings.embedQuery(query);
  const hits = await store.searchDense(vector, k, filter);
  return { hits, queryVector: vector, elapsedMs: performance.now() - startedAt };
}
