/** Embedding settings; the defaults live in the project's config. */
export interface EmbeddingSettings {
  /** Hugging Face model id, e.g. `Xenova/multilingual-e5-small`. */
  modelId: string;
  /** Directory holding `<modelId>/config.json`, `tokenizer.json`, `onnx/…`; null to use only the hub cache. */
  modelsDir: string | null;
  allowRemoteModels: boolean;
  /** Base URL of the model hub (or a mirror) downloads come from: `<hubUrl>/<modelId>/resolve/main/<file>`. */
  hubUrl: string;
  /** Selects the ONNX file: q8 → `onnx/model_quantized.onnx`, fp32 → `onnx/model.onnx`, … */
  dtype: 'q8' | 'fp32' | 'fp16' | 'q4';
  batchSize: number;
  queryPrefix: string;
  passagePrefix: string;
  /** Where downloaded models are cached; null for the transformers.js default. */
  cacheDir: string | null;
}
