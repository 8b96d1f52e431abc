import { Embeddings } from '@langchain/core/embeddings';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';
import { LruCache } from '../shared/index.js';
import { QueryBatcher } from './query-batcher.js';

/** Queries embedded in one encoder pass at most, and query vectors remembered (repeated questions cost nothing). */
const MAX_QUERY_BATCH = 16;
const QUERY_CACHE_SIZE = 2048;
/** Sentences of the corpus the answerer compares to questions: few, and asked about again and again. */
const SENTENCE_CACHE_SIZE = 16_384;

export type EmbeddingProgress = (done: number, total: number) => void;

export interface E5EmbeddingsOptions {
  modelId: string;
  dimensions: number;
  batchSize: number;
  queryPrefix: string;
  passagePrefix: string;
}

export function assertBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  }
}

/**
 * LangChain `Embeddings` over a transformers.js feature-extraction pipeline, with the E5
 * convention: queries and passages get different prefixes. Build it with `loadEmbedder`.
 */
export class E5Embeddings extends Embeddings {
  readonly modelId: string;
  readonly dimensions: number;
  readonly batchSize: number;
  readonly queryPrefix: string;
  readonly passagePrefix: string;
  readonly #extractor: FeatureExtractionPipeline;
  readonly #queries: QueryBatcher;
  readonly #queryCache = new LruCache<string, number[]>(QUERY_CACHE_SIZE);
  readonly #sentenceCache = new LruCache<string, number[]>(SENTENCE_CACHE_SIZE);

  constructor(extractor: FeatureExtractionPipeline, options: E5EmbeddingsOptions) {
    super({});
    assertBatchSize(options.batchSize);
    this.#extractor = extractor;
    this.modelId = options.modelId;
    this.dimensions = options.dimensions;
    this.batchSize = options.batchSize;
    this.queryPrefix = options.queryPrefix;
    this.passagePrefix = options.passagePrefix;
    this.#queries = new QueryBatcher((texts) => this.#embed(texts), MAX_QUERY_BATCH);
  }

  /** Concurrent queries share encoder passes; a repeated query is answered from memory (a copy). */
  override async embedQuery(text: string): Promise<number[]> {
    const cached = this.#queryCache.get(text);
    if (cached) return [...cached];
    const vector = await this.#queries.embed(this.queryPrefix + text);
    this.#queryCache.set(text, vector);
    return [...vector];
  }

  /**
   * Batches run one after another, not in parallel, to bound memory on large corpora. Texts are
   * batched by length (a batch is padded to its longest text, so mixing a title with a full
   * passage wastes most of the pass); vectors come back in the order of `texts`.
   */
  override async embedDocuments(texts: string[], onProgress?: EmbeddingProgress): Promise<number[][]> {
    const order = texts.map((_, i) => i).sort((a, b) => (texts[a] as string).length - (texts[b] as string).length);
    const vectors: number[][] = new Array<number[]>(texts.length);
    for (let start = 0; start < order.length; start += this.batchSize) {
      const positions = order.slice(start, start + this.batchSize);
      const batch = await this.#embed(positions.map((i) => this.passagePrefix + (texts[i] as string)));
      positions.forEach((position, j) => (vectors[position] = batch[j] as number[]));
      onProgress?.(Math.min(start + this.batchSize, texts.length), texts.length);
    }
    return vectors;
  }

  /**
   * Passage-side vectors of corpus sentences, remembered: the answerer embeds the best few
   * sentences of each question's passages, and the same sentences come back for many questions.
   */
  async embedSentences(texts: string[]): Promise<number[][]> {
    const known = new Map<string, number[]>();
    for (const text of texts) {
      const cached = this.#sentenceCache.get(text);
      if (cached) known.set(text, cached);
    }
    const missing = [...new Set(texts.filter((text) => !known.has(text)))];
    if (missing.length > 0) {
      const vectors = await this.#embed(missing.map((text) => this.passagePrefix + text));
      missing.forEach((text, i) => {
        const vector = vectors[i] as number[];
        known.set(text, vector);
        this.#sentenceCache.set(text, vector);
      });
    }
    // From this call's own map: the cache may have dropped some of them meanwhile.
    return texts.map((text) => [...(known.get(text) as number[])]);
  }

  async dispose(): Promise<void> {
    await this.#extractor.dispose();
  }

  async #embed(texts: string[]): Promise<number[][]> {
    const output = await this.#extractor(texts, { pooling: 'mean', normalize: true });
    return output.tolist() as number[][];
  }
}
