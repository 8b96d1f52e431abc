import { existsSync } from 'node:fs';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import type { EmbeddingSettings } from './embedding-settings.js';

// transformers.js `env` is process-wide: remember its defaults so a setting left null restores them.
export const DEFAULT_LOCAL_MODEL_PATH = env.localModelPath;
export const DEFAULT_CACHE_DIR = env.cacheDir;

/** The ONNX file transformers.js reads for each dtype (`onnx/model<suffix>.onnx`). */
export const ONNX_FILE_BY_DTYPE: Record<EmbeddingSettings['dtype'], string> = {
  q8: 'onnx/model_quantized.onnx',
  fp32: 'onnx/model.onnx',
  fp16: 'onnx/model_fp16.onnx',
  q4: 'onnx/model_q4.onnx',
};

/** The files a feature-extraction model is made of, as transformers.js names them in the model repository. */
export function modelFileNames(settings: EmbeddingSettings): string[] {
  return ['config.json', 'tokenizer.json', 'tokenizer_config.json', ONNX_FILE_BY_DTYPE[settings.dtype]];
}

/** The folders transformers.js is configured with for these settings (see `configureTransformers`). */
export function transformersFolders(settings: EmbeddingSettings): { cacheDir: string; localModelPath: string } {
  return {
    cacheDir: settings.cacheDir === null ? DEFAULT_CACHE_DIR : path.resolve(settings.cacheDir),
    localModelPath: settings.modelsDir === null ? DEFAULT_LOCAL_MODEL_PATH : path.resolve(settings.modelsDir),
  };
}

// transformers.js (utils/hub.js) prefixes local paths with `localModelPath` only for ids shaped like hub ids.
const HUB_ID = /^(\b[\w\-.]+\b\/)?\b[\w\-.]{1,96}\b$/;
const isHubId = (id: string) => HUB_ID.test(id) && !id.includes('..') && !id.includes('--') && !/\.(git|ipynb)$/.test(id);

/**
 * Where transformers.js looks for one model file, in its order: the cache (`<cacheDir>/<model id>/<file>`)
 * first, then the local models folder (`<localModelPath>/<model id>/<file>`); it downloads only when both are missing.
 */
export function modelFileCandidates(settings: EmbeddingSettings, file: string): string[] {
  const { cacheDir, localModelPath } = transformersFolders(settings);
  const local = isHubId(settings.modelId) ? path.join(localModelPath, settings.modelId, file) : path.resolve(settings.modelId, file);
  return [path.join(cacheDir, settings.modelId, file), local];
}

/** The file transformers.js reads for `file` (a path inside the model repository), or null if it would download it. */
export function findModelFile(settings: EmbeddingSettings, file: string): string | null {
  return modelFileCandidates(settings, file).find((candidate) => existsSync(candidate)) ?? null;
}
