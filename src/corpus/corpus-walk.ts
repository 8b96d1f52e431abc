/**
 * The entries of a corpus folder and of its sub-folders, each named by its path relative to the
 * corpus ("2024/10/article.html", with "/" whatever the platform): an article's stable id. Real
 * folders are entered; symbolic links (to files or folders) are listed, never followed, so nothing
 * outside the corpus is reached; hidden folders (".git") are not entered.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';

export interface CorpusEntry {
  /** Path relative to the corpus folder, "/"-separated. */
  relative: string;
  /** Absolute path. */
  absolute: string;
  entry: Dirent;
  /** A real sub-folder the walk went into: its files are listed as entries of their own. */
  entered: boolean;
}

export interface CorpusWalk {
  /** The corpus folder's real path. */
  root: string;
  entries: CorpusEntry[];
  /** MAX_CORPUS_ENTRIES was reached: the rest was not listed. */
  truncated: boolean;
}

/** Deeper folders than this are not entered (a loop cannot happen without links, but a runaway tree can). */
export const MAX_CORPUS_DEPTH = 16;
/** Entries listed at most: a corpus folder holding a whole disk is read no further. */
export const MAX_CORPUS_ENTRIES = 200_000;

/**
 * Every entry under `dir`, folders listed before their content, sorted by relative path. A
 * sub-folder is listed only while its real place is still inside the corpus (one swapped for a link
 * after its parent was listed is not).
 */
export async function walkCorpus(dir: string): Promise<CorpusWalk> {
  const entries: CorpusEntry[] = [];
  let truncated = false;
  const root = await realpath(dir);
  const visit = async (folder: string, prefix: string, depth: number): Promise<void> => {
    if (prefix !== '' && (await realpath(folder).catch(() => null)) !== path.join(root, prefix)) return;
    const listed = await readdir(folder, { withFileTypes: true });
    listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of listed) {
      if (entries.length >= MAX_CORPUS_ENTRIES) {
        truncated = true;
        return;
      }
      const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      const absolute = path.join(folder, entry.name);
      const entered = entry.isDirectory() && !entry.isSymbolicLink() && !entry.name.startsWith('.') && depth < MAX_CORPUS_DEPTH;
      entries.push({ relative, absolute, entry, entered });
      if (entered) await visit(absolute, relative, depth + 1);
    }
  };
  await visit(dir, '', 1);
  entries.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  return { root, entries, truncated };
}
