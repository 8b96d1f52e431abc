import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Passage } from '../chunking/index.js';
import type { PassageFilter, PassageStore } from '../index/index.js';
import { searchDense } from './dense.js';
import { capPerSource } from './diversify.js';
import { reciprocalRankFusion } from './fusion.js';
import { searchLexical } from './lexical.js';
import type { RankedList } from './ranked.js';
import { roundMs } from '../shared/index.js';

export type RetrievalMode = 'hybrid' | 'lexical' | 'dense';

export interface RetrievedPassage {
  passage: Passage;
  /** Fused score (reciprocal rank fusion), comparable only within one result list. */
  score: number;
  /** Cosine similarity to the query, when dense retrieval ran. */
  denseScore: number | null;
  /** BM25 score, when the passage matched lexically. */
  lexicalScore: number | null;
}

export interface RetrievalOptions {
  k: number;
  maxPassagesPerArticle: number;
  /** Which retrievers run: both (the default), or one alone (the evaluation compares them). Dense needs the model. */
  retrievers?: RetrievalMode;
  /** What BM25 reads when it is not the query itself (an English question with its words carried into French). */
  lexicalQuery?: string;
  /** Only passages it accepts are returned (articles, a date range). */
  filter?: PassageFilter;
}

export interface RetrievalResult {
  mode: RetrievalMode;
  passages: RetrievedPassage[];
  /** The question's embedding, when dense retrieval ran: the answerer compares sentences with it. */
  queryVector: number[] | null;
  timings: { denseMs: number | null; lexicalMs: number; totalMs: number };
}

/** How many candidates each retriever contributes before fusion and the per-article cap. */
const CANDIDATES_PER_RESULT = 4;

/** Dense and lexical search fused by reciprocal rank, capped per article. Dense is skipped without a model. */
export async function searchHybrid(
  store: PassageStore,
  queryEmbeddings: EmbeddingsInterface | null,
  query: string,
  options: RetrievalOptions,
): Promise<RetrievalResult> {
  const startedAt = performance.now();
  const candidates = Math.max(options.k * CANDIDATES_PER_RESULT, 20);
  const filter = options.filter ?? null;
  const retrievers = options.retrievers ?? 'hybrid';
  // The query's encoder pass starts first and runs on onnxruntime's threads while BM25 runs.
  const pendingDense = retrievers !== 'lexical' && store.hasVectors && queryEmbeddings ? searchDense(store, queryEmbeddings, query, candidates, filter) : null;
  const pendingLexical = searchLexical(store, options.lexicalQuery ?? query, candidates, filter);
  const [dense, lexical]: [(RankedList & { queryVector: number[] }) | null, RankedList] = await Promise.all([pendingDense, pendingLexical]);

  const lists = dense ? (retrievers === 'dense' ? [dense.hits] : [dense.hits, lexical.hits]) : [lexical.hits];
  const denseScores = new Map(dense?.hits.map((hit) => [hit.id, hit.score]) ?? []);
  const lexicalScores = new Map(lexical.hits.map((hit) => [hit.id, hit.score]));
  const ranked = reciprocalRankFusion(lists);
  const found = await store.passages(ranked.map((hit) => hit.id));
  const fused = ranked.flatMap((hit) => {
    const passage = found.get(hit.id);
    if (!passage) return [];
    return [{ passage, score: hit.score, denseScore: denseScores.get(hit.id) ?? null, lexicalScore: lexicalScores.get(hit.id) ?? null }];
  });
  const passages = capPerSource(fused, (item) => item.passage.source, options.maxPassagesPerArticle).slice(0, options.k);
  return {
    mode: dense ? (retrievers === 'dense' ? 'dense' : 'hybrid') : 'lexical',
    passages,
    queryVector: dense?.queryVector ?? null,
    timings: { denseMs: dense ? roundMs(dense.elapsedMs) : null, lexicalMs: roundMs(lexical.elapsedMs), totalMs: roundMs(performance.now() - startedAt) },
  };
}
