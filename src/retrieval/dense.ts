import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { RankedList } from './ranked.js';

/** Approximate nearest neighbours in the HNSW index; score is cosine similarity. */
export async function searchDense(
  store: HNSWLib,
  embeddings: EmbeddingsInterface,
  query: string,
  k: number,
): Promise<RankedList & { queryVector: number[] }> {
  const startedAt = performance.now();
  const vector = await embeddings.embedQuery(query);
  const limit = Math.min(k, store.index.getCurrentCount());
  const results = limit > 0 ? await store.similaritySearchVectorWithScore(vector, limit) : [];
  const hits = results.map(([document, distance]) => ({ id: String(document.metadata['id']), score: 1 - distance }));
  return { hits, queryVector: vector, elapsedMs: performance.now() - startedAt };
}
