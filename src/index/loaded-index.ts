import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Passage } from '../chunking/index.js';
import type { Bm25Index } from './bm25.js';
import type { Manifest } from './manifest.js';

/** An index generation read back from disk, ready for retrieval. */
export interface LoadedIndex {
  dir: string;
  manifest: Manifest;
  passages: Passage[];
  passagesById: Map<string, Passage>;
  lexical: Bm25Index;
  /** null when the index holds no vectors, or when the model that made them is not loaded now. */
  dense: HNSWLib | null;
}
