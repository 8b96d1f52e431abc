import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The index directory holds complete generations (`gen-<time>-<rand>/`) and a `CURRENT` file naming
 * the live one. A build writes a new generation in full, then replaces `CURRENT` with an atomic
 * rename, so a crash at any moment leaves the previous index intact and loadable.
 */
const CURRENT_FILE = 'CURRENT';
/** The generation that was current before: kept, so that a damaged current one falls back to it. */
const PREVIOUS_FILE = 'PREVIOUS';
const GENERATION_PREFIX = 'gen-';
const BUILDING_SUFFIX = '.building';

export function readCurrentGeneration(indexDir: string): Promise<string | null> {
  return readPointer(indexDir, CURRENT_FILE);
}

/** The generation current before the last build, when it is still on disk. */
export function readPreviousGeneration(indexDir: string): Promise<string | null> {
  return readPointer(indexDir, PREVIOUS_FILE);
}

async function readPointer(indexDir: string, file: string): Promise<string | null> {
  let name: string;
  try {
    name = (await readFile(path.join(indexDir, file), 'utf8')).trim();
  } catch {
    return null;
  }
  if (!isGenerationName(name)) return null;
  return path.join(indexDir, name);
}

/**
 * Writes a new generation with `write(dir)` and makes it current; the one it replaces is kept as
 * PREVIOUS (when it was good) and older ones are removed.
 */
export async function commitGeneration(
  indexDir: string,
  write: (dir: string) => Promise<void>,
  options: { replacedIsGood: boolean } = { replacedIsGood: true },
): Promise<string> {
  await mkdir(indexDir, { recursive: true });
  const replaced = await readCurrentGeneration(indexDir);
  const keptPrevious = options.replacedIsGood ? replaced : await readPreviousGeneration(indexDir);
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
  const previousName = keptPrevious ? path.basename(keptPrevious) : null;
  // PREVIOUS first: a crash between the two renames leaves CURRENT on the old generation, which is then also PREVIOUS.
  if (previousName) await writePointer(indexDir, PREVIOUS_FILE, previousName);
  else await rm(path.join(indexDir, PREVIOUS_FILE), { force: true });
  await writePointer(indexDir, CURRENT_FILE, name);
  await removeStaleEntries(indexDir, [name, ...(previousName ? [previousName] : [])]);
  return path.join(indexDir, name);
}

async function writePointer(indexDir: string, file: string, name: string): Promise<void> {
  const pointerTemp = path.join(indexDir, `${file}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(pointerTemp, name + '\n');
  await fsyncFile(pointerTemp);
  await rename(pointerTemp, path.join(indexDir, file));
}

/** What crashed builds leave behind: unfinished generations and pointer temp files. */
export async function listLeftovers(indexDir: string): Promise<string[]> {
  const entries = await readdir(indexDir).catch(() => [] as string[]);
  return entries.filter((entry) => entry.endsWith(BUILDING_SUFFIX) || (/^(?:CURRENT|PREVIOUS)\./u.test(entry) && entry.endsWith('.tmp')));
}

/**
 * Removes every generation but those in `keep` and those CURRENT and PREVIOUS name now (read here,
 * under the caller's lock: another process may have committed since the caller looked), unfinished
 * builds and pointer temp files (left by crashed builds).
 */
export async function removeStaleEntries(indexDir: string, keep: readonly string[]): Promise<void> {
  const named = [await readCurrentGeneration(indexDir), await readPreviousGeneration(indexDir)].flatMap((dir) => (dir ? [path.basename(dir)] : []));
  const kept = new Set([...keep, ...named]);
  let entries: string[];
  try {
    entries = await readdir(indexDir);
  } catch {
    return;
  }
  const leftovers = new Set(await listLeftovers(indexDir));
  const stale = entries.filter((entry) => !kept.has(entry) && (entry.startsWith(GENERATION_PREFIX) || leftovers.has(entry)));
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
