import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

const LOCK_FILE = 'LOCK';

export class IndexBusyError extends Error {}

/**
 * Runs `work` while holding the index directory's lock, so two processes (say `npm start` and
 * `npm run index`) never build at once: one would delete the other's unfinished generation.
 * A lock left by a process that no longer exists is taken over.
 */
export async function withIndexLock<T>(indexDir: string, work: () => Promise<T>): Promise<T> {
  await mkdir(indexDir, { recursive: true });
  const lockPath = path.join(indexDir, LOCK_FILE);
  await acquire(lockPath);
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

async function acquire(lockPath: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new IndexBusyError(
          `another process (pid ${holder}) is building the index in ${path.dirname(lockPath)}: wait for it to finish, then start again`,
        );
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new IndexBusyError(`could not lock the index in ${path.dirname(lockPath)}: remove ${lockPath} if no indexing is running`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
