import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Passage } from '../chunking/index.js';

/** Builds the HNSW vector store (LangChain's HNSWLib over hnswlib-node) from passages and their vectors. */
export async function buildDenseStore(
  embeddings: EmbeddingsInterface,
  passages: Passage[],
  vectors: number[][],
  dimensions: number,
): Promise<HNSWLib> {
  const store = new HNSWLib(embeddings, { space: 'cosine', numDimensions: dimensions });
  const documents = passages.map((passage) => new Document({ pageContent: passage.text, metadata: { id: passage.id } }));
  await store.addVectors(vectors, documents);
  return store;
}

/** The stored vector of every passage, keyed by passage text, so unchanged passages are not embedded again. */
export function vectorsByText(store: HNSWLib): Map<string, number[]> {
  const vectors = new Map<string, number[]>();
  for (const [label, document] of store.docstore._docs) {
    vectors.set(document.pageContent, store.index.getPoint(Number(label)));
  }
  return vectors;
}
