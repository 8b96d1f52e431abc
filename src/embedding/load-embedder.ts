import { existsSync } from 'node:fs';
import path from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import type { PretrainedModelOptions } from '@huggingface/transformers';
import { assertBatchSize, E5Embeddings } from './e5-embeddings.js';
import type { EmbeddingSettings } from './embedding-settings.js';
import type { ModelStatus } from './model-status.js';

export interface LoadedEmbedder {
  embedder: E5Embeddings | null;
  status: ModelStatus;
}

/** Bytes of one model file received from the hub so far; `total` is 0 when the hub did not send its size. */
export interface DownloadProgressEvent {
  /** Path of the file inside the model repository, e.g. `onnx/model_quantized.onnx`. */
  file: string;
  loaded: number;
  total: number;
}

export type DownloadProgressListener = (event: DownloadProgressEvent) => void;

export interface LoadEmbedderOptions {
  /** Called as model files arrive from the hub; never for files read from MODELS_DIR or the cache. */
  onDownloadProgress?: DownloadProgressListener;
}

type ProgressCallback = NonNullable<PretrainedModelOptions['progress_callback']>;

// transformers.js `env` is process-wide: remember its defaults so a setting left null restores them.
const DEFAULT_LOCAL_MODEL_PATH = env.localModelPath;
const DEFAULT_CACHE_DIR = env.cacheDir;
const DEFAULT_REMOTE_PATH_TEMPLATE = env.remotePathTemplate;
const MAX_CAUSE_LENGTH = 200;

/**
 * Loads the embedding model and probes it once to learn its dimension. Never throws for an
 * unavailable model: returns `embedder: null` and a one-line `status.error` instead.
 * Throws only for invalid settings (a programming error, not an unavailable model).
 */
export async function loadEmbedder(settings: EmbeddingSettings, options: LoadEmbedderOptions = {}): Promise<LoadedEmbedder> {
  assertBatchSize(settings.batchSize);
  configureTransformers(settings);
  try {
    const extractor = await pipeline('feature-extraction', settings.modelId, {
      dtype: settings.dtype,
      ...(options.onDownloadProgress && settings.allowRemoteModels
        ? { progress_callback: downloadProgressCallback(settings.modelId, options.onDownloadProgress) }
        : {}),
    });
    const probe = await extractor([`${settings.queryPrefix}probe`], { pooling: 'mean', normalize: true });
    const dimensions = probe.dims.at(-1);
    if (dimensions === undefined || dimensions < 1) {
      throw new Error(`the model returned vectors of shape [${probe.dims.join(', ')}]`);
    }
    const embedder = new E5Embeddings(extractor, {
      modelId: settings.modelId,
      dimensions,
      batchSize: settings.batchSize,
      queryPrefix: settings.queryPrefix,
      passagePrefix: settings.passagePrefix,
    });
    return { embedder, status: { id: settings.modelId, available: true, dimensions, error: null } };
  } catch (error) {
    return {
      embedder: null,
      status: { id: settings.modelId, available: false, dimensions: null, error: describeLoadFailure(settings, error) },
    };
  }
}

function configureTransformers(settings: EmbeddingSettings): void {
  env.allowLocalModels = true;
  env.allowRemoteModels = settings.allowRemoteModels;
  env.localModelPath = settings.modelsDir === null ? DEFAULT_LOCAL_MODEL_PATH : path.resolve(settings.modelsDir);
  env.cacheDir = settings.cacheDir === null ? DEFAULT_CACHE_DIR : path.resolve(settings.cacheDir);
  env.remoteHost = settings.hubUrl;
  env.remotePathTemplate = DEFAULT_REMOTE_PATH_TEMPLATE;
}

/**
 * transformers.js reports every file it reads with the same events (`initiate`, `download`,
 * `progress`, `done`), whether it comes from the hub, the cache or MODELS_DIR, and reads local
 * JSON files with `progress` events too. It looks in the cache (`<cacheDir>/<model id>/<file>`)
 * first, then in `<localModelPath>/<model id>/<file>`, and downloads only when both are missing:
 * so a file missing from both when it is announced (`initiate`) is a download.
 */
function downloadProgressCallback(modelId: string, listener: DownloadProgressListener): ProgressCallback {
  const downloads = new Set<string>();
  const isLocal = (file: string) =>
    existsSync(path.join(env.cacheDir, modelId, file)) || existsSync(path.join(env.localModelPath, modelId, file));
  return (info) => {
    if (info.status === 'initiate' && !isLocal(info.file)) downloads.add(info.file);
    if (info.status === 'progress' && downloads.has(info.file)) {
      listener({ file: info.file, loaded: info.loaded, total: info.total > 0 ? Math.max(info.total, info.loaded) : 0 });
    }
  };
}

export function describeLoadFailure(settings: EmbeddingSettings, error: unknown): string {
  const localRemedy =
    settings.modelsDir === null
      ? `or set MODELS_DIR to a folder that holds ${settings.modelId}/`
      : `or put the model files in ${path.join(path.resolve(settings.modelsDir), settings.modelId)} (MODELS_DIR)`;
  const remedy = settings.allowRemoteModels
    ? `run once with network access (model hub: ${settings.hubUrl}, MODEL_HUB_URL)`
    : 'set ALLOW_REMOTE_MODELS=true and run once with network access';
  const cause = describeCause(error);
  const cachedCopy = settings.cacheDir === null ? null : path.join(path.resolve(settings.cacheDir), settings.modelId);
  // A download killed half-way leaves a truncated file in the cache, which transformers.js then reads as is.
  const damagedCache =
    cachedCopy !== null && existsSync(cachedCopy) && !/fetch failed|file not found/.test(cause)
      ? ` If a download was interrupted, delete ${cachedCopy} and start again.`
      : '';
  return (
    `the embedding model ${settings.modelId} could not be loaded (${cause}): ` +
    `answering with lexical retrieval alone. To enable semantic search, ${remedy}, ` +
    `${localRemedy}: see "working offline" in the README.${damagedCache}`
  );
}

/** The first line of the error, without a stack, rephrased when transformers.js is verbose. */
function describeCause(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const notFound = /file was not found locally at "([^"]+)"/.exec(text);
  const cause = notFound ? `file not found: ${notFound[1]}` : (text.split('\n')[0] ?? text).trim();
  return cause.length > MAX_CAUSE_LENGTH ? `${cause.slice(0, MAX_CAUSE_LENGTH - 1)}…` : cause;
}
