import { env, pipeline } from '@huggingface/transformers';
import { assertBatchSize, E5Embeddings } from './e5-embeddings.js';
import type { EmbeddingSettings } from './embedding-settings.js';
import { downloadReports, silenceContentLengthWarning, type DownloadProgressListener } from './download-reports.js';
import { describeLoadFailure } from './load-failure.js';
import { transformersFolders } from './model-files.js';
import type { ModelStatus } from './model-status.js';

export interface LoadedEmbedder {
  embedder: E5Embeddings | null;
  status: ModelStatus;
}

export interface LoadEmbedderOptions {
  /** Called as model files arrive from the hub; never for files read from MODELS_DIR or the cache. */
  onDownloadProgress?: DownloadProgressListener;
}

// transformers.js `env` is process-wide: remember its default so each load sets it again.
const DEFAULT_REMOTE_PATH_TEMPLATE = env.remotePathTemplate;

/**
 * Loads the embedding model and probes it once to learn its dimension. Never throws for an
 * unavailable model: returns `embedder: null` and a one-line `status.error` instead.
 * Throws only for invalid settings (a programming error, not an unavailable model).
 */
export async function loadEmbedder(settings: EmbeddingSettings, options: LoadEmbedderOptions = {}): Promise<LoadedEmbedder> {
  assertBatchSize(settings.batchSize);
  configureTransformers(settings);
  const downloads = options.onDownloadProgress && settings.allowRemoteModels ? downloadReports(settings, options.onDownloadProgress) : null;
  const restoreWarnings = downloads ? silenceContentLengthWarning() : () => {};
  try {
    const loading = pipeline('feature-extraction', settings.modelId, {
      dtype: settings.dtype,
      ...(downloads ? { progress_callback: downloads.callback } : {}),
    });
    // Registered before the `await` below, so it runs first: the reports end as soon as `pipeline()` settles.
    loading.then(
      () => {
        restoreWarnings();
        downloads?.end(true);
      },
      () => {
        restoreWarnings();
        downloads?.end(false);
      },
    );
    const extractor = await loading;
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
  const folders = transformersFolders(settings);
  env.localModelPath = folders.localModelPath;
  env.cacheDir = folders.cacheDir;
  env.remoteHost = settings.hubUrl;
  env.remotePathTemplate = DEFAULT_REMOTE_PATH_TEMPLATE;
}
