export { E5Embeddings } from './e5-embeddings.js';
export type { E5EmbeddingsOptions, EmbeddingProgress } from './e5-embeddings.js';
export { loadEmbedder } from './load-embedder.js';
export { describeLoadFailure } from './load-failure.js';
export type { DownloadProgressEvent, DownloadProgressListener } from './download-reports.js';
export type { LoadedEmbedder } from './load-embedder.js';
export type { EmbeddingSettings } from './embedding-settings.js';
export type { ModelStatus } from './model-status.js';
export { modelFileFingerprint, modelFingerprint } from './model-fingerprint.js';
