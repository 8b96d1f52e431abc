import { existsSync } from 'node:fs';
import path from 'node:path';
import type { EmbeddingSettings } from './embedding-settings.js';

const MAX_CAUSE_LENGTH = 200;

/** The one line said when the model cannot be loaded: what happened, and what to do about it. */
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
