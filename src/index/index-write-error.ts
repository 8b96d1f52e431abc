/** Errors of a folder that cannot be written: the index already there can still be served. */
const WRITE_FAILURES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
};

/** What stopped the index folder from being written, in words, or null for any other error. */
export function writeFailureOf(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code ? (WRITE_FAILURES[code] ?? null) : null;
}

export class IndexWriteError extends Error {}

/** The message for a user: which folder, which setting, what to do. */
export function indexWriteMessage(indexDir: string, failure: string): string {
  return `cannot write the index in ${indexDir} (INDEX_DIR): ${failure}. Free some space or fix the folder's permissions, or set INDEX_DIR to a writable folder`;
}
