import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { writeAtomically } from '../shared/index.js';
import path from 'node:path';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { EmbeddingSettings } from './embedding-settings.js';
import { findModelFile, modelFileNames, ONNX_FILE_BY_DTYPE } from './model-files.js';

const FINGERPRINT_TEXT = 'Empreinte du modèle : une phrase fixe, toujours la même.';

/**
 * Identifies the model by its files, not by its name: new weights or another tokenizer under the
 * same model id (a new revision, another MODELS_DIR) give another fingerprint, so stored vectors
 * are not reused; the same files anywhere, on any machine, give the same one, so a copied index is.
 *
 * Hashes (sha256, streamed) the files transformers.js loads for these settings, from where it
 * loads them (the cache first, then MODELS_DIR: `findModelFile`): config.json, tokenizer.json,
 * tokenizer_config.json and the ONNX file of the dtype. Call it after `loadEmbedder` succeeded,
 * so that downloaded files are in the cache. Without a local ONNX file (which a successful load
 * leaves), falls back to what the model computes for a fixed sentence (`embeddings`), rounded.
 */
export async function modelFingerprint(settings: EmbeddingSettings, embeddings: EmbeddingsInterface): Promise<string> {
  return (await modelFileFingerprint(settings)) ?? vectorFingerprint(embeddings);
}

/** The fingerprint from the model's local files, without loading the model; null when its ONNX file is not on disk. */
export async function modelFileFingerprint(settings: EmbeddingSettings): Promise<string | null> {
  if (findModelFile(settings, ONNX_FILE_BY_DTYPE[settings.dtype]) === null) return null;
  const memo = await readMemo(settings.cacheDir);
  const lines: string[] = [];
  for (const file of modelFileNames(settings)) {
    const found = findModelFile(settings, file);
    lines.push(`${file}\t${found === null ? 'missing' : await memoisedSha256(found, memo)}`);
  }
  if (memo.changed) await writeMemo(settings.cacheDir, memo.entries);
  return sha256(`model files\n${lines.join('\n')}\n`).slice(0, 16);
}

/**
 * Hashing the model at every start cost 0.3 s (1.6 s for the 470 MB fp32 file): a file's hash is
 * remembered with its size, inode and change times, and hashed again only when one of them moved.
 */
const MEMO_FILE = 'model-file-hashes.json';
type MemoEntries = Record<string, { stamp: string; sha256: string }>;

async function memoisedSha256(file: string, memo: { entries: MemoEntries; changed: boolean }): Promise<string> {
  const info = await stat(file);
  const stamp = [info.size, info.ino, info.mtimeMs, info.ctimeMs].join(':');
  const known = memo.entries[file];
  if (known?.stamp === stamp) return known.sha256;
  const hash = await sha256OfFile(file);
  memo.entries[file] = { stamp, sha256: hash };
  memo.changed = true;
  return hash;
}

async function readMemo(cacheDir: string | null): Promise<{ entries: MemoEntries; changed: boolean }> {
  if (!cacheDir) return { entries: {}, changed: false };
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(cacheDir, MEMO_FILE), 'utf8'));
    return { entries: parsed && typeof parsed === 'object' ? (parsed as MemoEntries) : {}, changed: false };
  } catch {
    return { entries: {}, changed: false };
  }
}

/** Best effort: a cache folder that cannot be written only means hashing again next time. */
async function writeMemo(cacheDir: string | null, entries: MemoEntries): Promise<void> {
  if (!cacheDir) return;
  await mkdir(cacheDir, { recursive: true })
    .then(() => writeAtomically(path.join(cacheDir, MEMO_FILE), JSON.stringify(entries)))
    .catch(() => undefined);
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * What the model computes, rounded to 2 decimals so that the last bits of float kernels (which
 * differ between machines) rarely matter; -0.00 is written 0.00.
 */
async function vectorFingerprint(embeddings: EmbeddingsInterface): Promise<string> {
  const [vector] = await embeddings.embedDocuments([FINGERPRINT_TEXT]);
  const rounded = (vector ?? []).map((value) => value.toFixed(2).replace(/^-(0\.0+)$/, '$1')).join(',');
  return sha256(`model output\n${rounded}`).slice(0, 16);
}
