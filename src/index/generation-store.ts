import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The index directory holds complete generations (`gen-<time>-<rand>/`) and a `CURRENT` file naming
 * the live one. A build writes a new generation in full, then replaces `CURRENT` with an atomic
 * rename, so a crash at any moment leaves the previous index intact and loadable.
 */
const CURRENT_FILE = 'CURRENT';
const GENERATION_PREFIX = 'gen-';
const BUILDING_SUFFIX = '.building';

export async function readCurrentGeneration(indexDir: string): Promise<string | null> {
  let name: string;
  try {
    name = (await readFile(path.join(indexDir, CURRENT_FILE), 'utf8')).trim();
  } catch {
    return null;
  }
  if (!isGenerationName(name)) return null;
  return path.join(indexDir, name);
}

/** Writes a new generation with `write(dir)`, makes it current, then removes older generations. */
export async function commitGeneration(indexDir: string, write: (dir: string) => Promise<void>): Promise<string> {
  await mkdir(indexDir, { recursive: true });
  const name = `${GENERATION_PREFIX}${Date.now()}-${randomBytes(4).toString('hex')}`;
  const buildingDir = path.join(indexDir, name + BUILDING_SUFFIX);
  await mkdir(buildingDir);
  try {
    await write(buildingDir);
    await fsyncDirectoryFiles(buildingDir);
    await rename(buildingDir, path.join(indexDir, name));
  } catch (error) {
    await rm(buildingDir, { recursive: true, force: true });
    throw error;
  }
  const pointerTemp = path.join(indexDir, `${CURRENT_FILE}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(pointerTemp, name + '\n');
  await fsyncFile(pointerTemp);
  await rename(pointerTemp, path.join(indexDir, CURRENT_FILE));
  await removeStaleEntries(indexDir, name);
  return path.join(indexDir, name);
}

/** Removes every generation but `keep`, unfinished builds and pointer temp files (left by crashed builds). */
export async function removeStaleEntries(indexDir: string, keep: string | null): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(indexDir);
  } catch {
    return;
  }
  const stale = entries.filter(
    (entry) =>
      entry !== keep &&
      (entry.startsWith(GENERATION_PREFIX) || (entry.startsWith(`${CURRENT_FILE}.`) && entry.endsWith('.tmp'))),
  );
  await Promise.all(stale.map((entry) => rm(path.join(indexDir, entry), { recursive: true, force: true })));
}

function isGenerationName(name: string): boolean {
  return /^gen-\d+-[0-9a-f]{8}$/.test(name);
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncDirectoryFiles(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  await Promise.all(
    entries.filter((entry) => entry.isFile()).map((entry) => fsyncFile(path.join(entry.parentPath, entry.name))),
  );
}
