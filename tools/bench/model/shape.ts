/**
 * The shape of `intfloat/multilingual-e5-small` (published for transformers.js as
 * `Xenova/multilingual-e5-small`), copied from its config.json: a BERT encoder
 * (Multilingual-MiniLM-L12-H384) with XLM-RoBERTa's SentencePiece tokenizer.
 */
export const E5_SMALL_SHAPE = {
  vocabSize: 250_037,
  hiddenSize: 384,
  numLayers: 12,
  numHeads: 12,
  intermediateSize: 1536,
  maxPositions: 512,
  typeVocabSize: 2,
  layerNormEps: 1e-12,
  /** Random weights are uniform with this standard deviation (BERT's initializer_range). */
  initStd: 0.02,
} as const;

export type BenchModelShape = typeof E5_SMALL_SHAPE;

/** Bump when anything generated changes (graph, weights, tokenizer, config): the cache is keyed by it. */
export const BENCH_MODEL_VERSION = 1;

/** The model id the generated model is stored under, inside the models directory. */
export const BENCH_MODEL_ID = 'bench/multilingual-e5-small-random';

export type BenchDtype = 'q8' | 'fp32';

/** What transformers.js 3.8 reads for each dtype (`DEFAULT_DTYPE_SUFFIX_MAPPING`: q8 → `_quantized`, fp32 → ``). */
export const ONNX_FILE: Record<BenchDtype, string> = {
  q8: 'onnx/model_quantized.onnx',
  fp32: 'onnx/model.onnx',
};
