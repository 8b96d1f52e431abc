import { existsSync } from 'node:fs';
import path from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import type { PretrainedModelOptions } from '@huggingface/transformers';
import { assertBatchSize, E5Embeddings } from './e5-embeddings.js';
import type { EmbeddingSettings } from './embedding-settings.js';
import { findModelFile, transformersFolders } from './model-files.js';
import type { ModelStatus } from './model-status.js';

export interface LoadedEmbedder {
  embedder: E5Embeddings | null;
  status: ModelStatus;
}

/**
 * What the loader says about model files downloaded from the hub (never about files read from
 * MODELS_DIR or the cache). Files may download at the same time: events of several files interleave.
 */
export type DownloadProgressEvent =
  /**
   * Bytes of one file received so far. `total` is the file's size, or null while it is unknown
   * (the hub sent no Content-Length): then only `loaded` means something until its `done` event.
   */
  | { kind: 'progress'; file: string; loaded: number; total: number | null }
  /** One file fully received: `loaded` is its size. */
  | { kind: 'done'; file: string; loaded: number }
  /**
   * Loading settled, the model loaded (`ok`) or not: no event follows, even if a download still
   * runs in the background. Sent once, after at least one other event.
   */
  | { kind: 'end'; ok: boolean };

export type DownloadProgressListener = (event: DownloadProgressEvent) => void;

export interface LoadEmbedderOptions {
  /** Called as model files arrive from the hub; never for files read from MODELS_DIR or the cache. */
  onDownloadProgress?: DownloadProgressListener;
}

type ProgressCallback = NonNullable<PretrainedModelOptions['progress_callback']>;

// transformers.js `env` is process-wide: remember its default so each load sets it again.
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

/**
 * Turns transformers.js progress callbacks into download reports (see utils/hub.js `getModelFile`).
 *
 * It reports every file it reads with the same events (`initiate`, `download`, `progress`,
 * `done`), whether it comes from the hub, the cache or MODELS_DIR: a file that neither the cache
 * nor MODELS_DIR holds when it is announced (`initiate`) is a download (see `findModelFile`).
 *
 * Sizes: the `download` event carries none. The ONNX file is streamed to the cache
 * (`FileCache.put`), whose `progress` events have `total = 0` without a Content-Length; JSON files
 * are read whole (`readResponse`), whose `total` then grows with `loaded`. So a size is unknown
 * when `total` is 0, or equal to `loaded` on the file's first event (a whole file in one chunk is
 * ambiguous, but complete anyway: its `done` event follows).
 *
 * `end` stops the reports: a failed file rejects `pipeline()` while the other downloads go on.
 */
function downloadReports(settings: EmbeddingSettings, listener: DownloadProgressListener): { callback: ProgressCallback; end: (ok: boolean) => void } {
  const downloads = new Map<string, { loaded: number; sizeUnknown: boolean | null }>();
  let reported = false;
  let settled = false;
  const tell = (event: DownloadProgressEvent) => {
    reported = true;
    listener(event);
  };
  const callback: ProgressCallback = (info) => {
    if (settled) return;
    if (info.status === 'initiate' && findModelFile(settings, info.file) === null) {
      downloads.set(info.file, { loaded: 0, sizeUnknown: null });
      return;
    }
    if (info.status !== 'progress' && info.status !== 'done') return;
    const download = downloads.get(info.file);
    if (!download) return;
    if (info.status === 'done') {
      downloads.delete(info.file);
      tell({ kind: 'done', file: info.file, loaded: download.loaded });
      return;
    }
    download.sizeUnknown ??= info.total <= 0 || info.total === info.loaded;
    download.loaded = info.loaded;
    tell({ kind: 'progress', file: info.file, loaded: info.loaded, total: download.sizeUnknown ? null : Math.max(info.total, info.loaded) });
  };
  return {
    callback,
    end: (ok) => {
      if (settled) return;
      settled = true;
      if (reported) listener({ kind: 'end', ok });
    },
  };
}

const CONTENT_LENGTH_WARNING = 'Unable to determine content-length';
let silencedLoads = 0;
let consoleWarn: typeof console.warn | null = null;

/**
 * transformers.js warns on the console for each file the hub sends without its size, which would
 * break the download bar's line: while downloads are reported, their size is reported unknown
 * instead, and that warning is dropped (other warnings pass). Loads may overlap: the first one
 * installs the filter, the last one to settle removes it. Returns the removal, to call once.
 */
function silenceContentLengthWarning(): () => void {
  if (silencedLoads === 0) {
    const warn = console.warn;
    consoleWarn = warn;
    console.warn = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && args[0].startsWith(CONTENT_LENGTH_WARNING)) return;
      warn.apply(console, args);
    };
  }
  silencedLoads += 1;
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    silencedLoads -= 1;
    if (silencedLoads === 0 && consoleWarn !== null) {
      console.warn = consoleWarn;
      consoleWarn = null;
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
  // A download killed half-way leaves a truncated file in the cache, which transformers.js then reads as is;
  // a download that failed on the network, or a file the hub or MODELS_DIR does not have, leaves nothing to delete.
  const damagedCache =
    cachedCopy !== null && existsSync(cachedCopy) && !isNetworkOrNotFound(error)
      ? ` If a download was interrupted, delete ${cachedCopy} and start again.`
      : '';
  return (
    `the embedding model ${settings.modelId} could not be loaded (${cause}): ` +
    `answering with lexical retrieval alone. To enable semantic search, ${remedy}, ` +
    `${localRemedy}: see "working offline" in the README.${damagedCache}`
  );
}

/**
 * Network failures (undici's `fetch failed` / `terminated` and the socket error codes they carry as
 * `cause`), HTTP error statuses (transformers.js `handleError`) and missing files.
 */
const NETWORK_OR_NOT_FOUND = new RegExp(
  [
    'fetch failed',
    '\\bterminated\\b',
    '\\bE(?:CONNRESET|CONNREFUSED|CONNABORTED|TIMEDOUT|NOTFOUND|AI_AGAIN|HOSTUNREACH|NETUNREACH|PIPE)\\b',
    '\\bUND_ERR_',
    'socket',
    'other side closed',
    '\\bstatus(?: code)? \\d{3}\\b',
    'occurred while trying to load file', // 400, 408, 5xx and any other status
    'access to file', // 401, 403
    'Could not locate file', // 404
    'file not found',
    'was not found locally',
    'Local file missing',
  ].join('|'),
  'i',
);

function isNetworkOrNotFound(error: unknown): boolean {
  // `cause` chains are short; the bound only guards against a cycle.
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    const text =
      current instanceof Error
        ? `${current.name}: ${current.message} ${String((current as { code?: unknown }).code ?? '')}`
        : String(current);
    if (NETWORK_OR_NOT_FOUND.test(text)) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}

/** The first line of the error, without a stack, rephrased when transformers.js is verbose. */
function describeCause(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const notFound = /file was not found locally at "([^"]+)"/.exec(text);
  const cause = notFound ? `file not found: ${notFound[1]}` : (text.split('\n')[0] ?? text).trim();
  return cause.length > MAX_CAUSE_LENGTH ? `${cause.slice(0, MAX_CAUSE_LENGTH - 1)}…` : cause;
}
