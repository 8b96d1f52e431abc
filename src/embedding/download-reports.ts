import type { PretrainedModelOptions } from '@huggingface/transformers';
import type { EmbeddingSettings } from './embedding-settings.js';
import { findModelFile } from './model-files.js';

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

type ProgressCallback = NonNullable<PretrainedModelOptions['progress_callback']>;

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
export function downloadReports(settings: EmbeddingSettings, listener: DownloadProgressListener): { callback: ProgressCallback; end: (ok: boolean) => void } {
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
export function silenceContentLengthWarning(): () => void {
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
