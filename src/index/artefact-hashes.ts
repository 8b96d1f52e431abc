import { sha256Hex } from '../shared/index.js';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { INDEX_FILES } from './index-files.js';


/** sha256 of every file of a generation folder (the manifest and its checksum aside), by path relative to it. */
export async function hashArtefacts(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, full).split(path.sep).join('/');
    if (relative === INDEX_FILES.manifest || relative === INDEX_FILES.manifestChecksum) continue;
    hashes[relative] = sha256Hex(await readFile(full));
  }
  return hashes;
}

/**
 * Throws when a file of the generation is missing, added or changed since it was built: a damaged
 * vector index would otherwise crash the process (SIGSEGV in hnswlib) or cite altered text.
 */
export async function verifyArtefacts(dir: string, expected: Readonly<Record<string, string>>): Promise<void> {
  const actual = await hashArtefacts(dir);
  for (const [file, hash] of Object.entries(expected)) {
    if (actual[file] === undefined) throw new Error(`${file} is missing`);
    if (actual[file] !== hash) throw new Error(`${file} was changed after the index was built`);
  }
  const extra = Object.keys(actual).filter((file) => expected[file] === undefined);
  if (extra.length > 0) throw new Error(`${extra.join(', ')} was added after the index was built`);
}
