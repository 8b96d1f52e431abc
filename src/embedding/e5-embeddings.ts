import { Embeddings } from '@langchain/core/embeddings';
import type { FeatureExtractionPipeline } from '@huggingface/transformers';

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

  constructor(extractor: FeatureExtractionPipeline, options: E5EmbeddingsOptions) {
    super({});
    assertBatchSize(options.batchSize);
    this.#extractor = extractor;
    this.modelId = options.modelId;
    this.dimensions = options.dimensions;
    this.batchSize = options.batchSize;
    this.queryPrefix = options.queryPrefix;
    this.passagePrefix = options.passagePrefix;
  }

  override async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.#embed([this.queryPrefix + text]);
    if (vector === undefined) throw new Error('the embedding pipeline returned no vector');
    return vector;
  }

  /** Batches run one after another, not in parallel, to bound memory on large corpora. */
  override async embedDocuments(texts: string[], onProgress?: EmbeddingProgress): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize).map((text) => this.passagePrefix + text);
      vectors.push(...(await this.#embed(batch)));
      onProgress?.(vectors.length, texts.length);
    }
    return vectors;
  }

  async dispose(): Promise<void> {
    await this.#extractor.dispose();
  }

  async #embed(texts: string[]): Promise<number[][]> {
    const output = await this.#extractor(texts, { pooling: 'mean', normalize: true });
    return output.tolist() as number[][];
  }
}
