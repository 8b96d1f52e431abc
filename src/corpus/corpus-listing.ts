import { createHash } from 'node:crypto';
import { lstat } from 'node:fs/promises';
import { walkCorpus } from './corpus-walk.js';

/**
 * A fingerprint of the corpus folder, sub-folders included, from its directory entries alone (name, kind, size, inode,
 * modification and change times, link count), read in milliseconds where reading and cleaning
 * every article takes seconds. The same fingerprint as when the index was built means the corpus
 * did not change; the change time (ctime) cannot be set back by tools that preserve mtime, so an
 * edited file always shows. Any doubt (an error, a new entry) only means a full read.
 */
export async function corpusListing(dir: string, readSettings: Record<string, unknown>): Promise<string> {
  const { entries } = await walkCorpus(dir);
  const lines = await Promise.all(
    entries.map(async ({ relative, absolute }) => {
      const info = await lstat(absolute);
      const kind = info.isSymbolicLink() ? 'link' : info.isDirectory() ? 'dir' : info.isFile() ? 'file' : 'other';
      return [relative, kind, info.size, info.ino, info.mtimeMs, info.ctimeMs, info.nlink].join('\t');
    }),
  );
  lines.sort();
  return createHash('sha256').update(JSON.stringify(readSettings)).update('\n').update(lines.join('\n')).digest('hex');
}
