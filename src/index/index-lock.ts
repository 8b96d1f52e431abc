import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { isAlive, processStartTime } from './process-identity.js';

const LOCK_FILE = 'LOCK';
const POLL_MS = 250;
/** A lock file younger than this whose holder cannot be read yet is being written: busy, not stale (also the expiry of a takeover lock). */
const UNREADABLE_LOCK_GRACE_MS = 10_000;
/** The holder touches its lock this often; a lock untouched for HEARTBEAT_EXPIRY_MS is left over (where /proc cannot tell). */
const HEARTBEAT_MS = 5_000;
const HEARTBEAT_EXPIRY_MS = 60_000;

export class IndexBusyError extends Error {}

export interface IndexLockOptions {
  /** Called once when another process holds the lock and this one starts waiting. */
  onWait?: (holderPid: number | null) => void;
  /** How long to wait for another process's build before giving up. */
  timeoutMs?: number;
}

/** Builds within this process queue here; the lock file orders builds between processes. */
const inProcessQueues = new Map<string, Promise<unknown>>();

/**
 * Runs `work` while holding the index directory's lock, so two builds (say `npm start` and
 * `npm run index`) never run at once: one would delete the other's unfinished generation.
 * Waits for a live holder; takes over the lock of a process that no longer exists.
 */
export async function withIndexLock<T>(indexDir: string, work: () => Promise<T>, options: IndexLockOptions = {}): Promise<T> {
  const key = path.resolve(indexDir);
  const previous = inProcessQueues.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => withLockFile(key, work, options));
  inProcessQueues.set(key, run);
  try {
    return await run;
  } finally {
    if (inProcessQueues.get(key) === run) inProcessQueues.delete(key);
  }
}

async function withLockFile<T>(indexDir: string, work: () => Promise<T>, options: IndexLockOptions): Promise<T> {
  await mkdir(indexDir, { recursive: true });
  const lockPath = path.join(indexDir, LOCK_FILE);
  // pid, start time, a random part and the host: a later process that reuses the pid is not taken
  // for the holder, and a pid is only looked up on the host (or container) that wrote it.
  const token = `${process.pid} ${(await processStartTime(process.pid)) ?? '-'} ${randomBytes(8).toString('hex')} ${hostName()}`;
  await acquire(lockPath, token, options);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  try {
    return await work();
  } finally {
    clearInterval(heartbeat);
    await releaseIfOurs(lockPath, token);
  }
}

async function acquire(lockPath: string, token: string, options: IndexLockOptions): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  let announced = false;
  for (;;) {
    if (await tryCreate(lockPath, token)) return;
    const holder = await readHolder(lockPath);
    if (holder.state === 'gone') continue;
    if (holder.state === 'stale') {
      await removeStaleLock(lockPath, holder.content);
      continue;
    }
    if (!announced) {
      options.onWait?.(holder.pid);
      announced = true;
    }
    if (Date.now() > deadline) {
      throw new IndexBusyError(
        `another process (pid ${holder.pid ?? 'unknown'}) is still building the index in ${path.dirname(lockPath)}: ` +
          `wait for it to finish, or remove ${lockPath} if no indexing is running`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The lock file appears whole or not at all: written aside, then hard-linked into place. */
async function tryCreate(lockPath: string, token: string): Promise<boolean> {
  const temporary = `${lockPath}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, token);
  try {
    await link(temporary, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

interface LockHolder {
  state: 'live' | 'stale' | 'gone';
  pid: number | null;
  content: string;
}

async function readHolder(lockPath: string): Promise<LockHolder> {
  const content = await readFile(lockPath, 'utf8').catch(() => null);
  if (content === null) return { state: 'gone', pid: null, content: '' };
  const [pidField, startTime, , host] = content.split(' ');
  const pid = Number(pidField);
  if (!Number.isInteger(pid) || pid <= 0) {
    return { state: (await isYoung(lockPath)) ? 'live' : 'stale', pid: null, content };
  }
  const sameHost = host === undefined || host === hostName();
  if (!sameHost) {
    // Another host or container (its own pids): only its heartbeat can tell.
    return { state: (await touchedWithin(lockPath, HEARTBEAT_EXPIRY_MS)) ? 'live' : 'stale', pid, content };
  }
  // Builds of this process are serialised before they reach the file: a lock with our pid is left over.
  if (pid === process.pid) return { state: 'stale', pid, content };
  return { state: (await holderIsRunning(lockPath, pid, startTime)) ? 'live' : 'stale', pid, content };
}

async function holderIsRunning(lockPath: string, pid: number, recordedStart: string | undefined): Promise<boolean> {
  if (!isAlive(pid)) return false;
  const start = await processStartTime(pid);
  if (start !== null && recordedStart !== undefined && /^\d+$/u.test(recordedStart)) return start === recordedStart;
  // No /proc here: a live pid counts only while its holder keeps touching the lock.
  return touchedWithin(lockPath, HEARTBEAT_EXPIRY_MS);
}

async function touchedWithin(file: string, ms: number): Promise<boolean> {
  const modifiedAt = await stat(file).then((s) => s.mtimeMs).catch(() => 0);
  return Date.now() - modifiedAt < ms;
}

function hostName(): string {
  return os.hostname().replace(/\s/gu, '_') || 'unknown';
}

/**
 * Removes a dead holder's lock, but only if it is still that same lock: under a short takeover
 * lock, so that two waiters never both remove it (the second would delete the first's new lock).
 */
async function removeStaleLock(lockPath: string, staleContent: string): Promise<void> {
  const takeoverPath = `${lockPath}.takeover`;
  const takeoverToken = `${process.pid} ${randomBytes(8).toString('hex')}`;
  if (!(await tryCreate(takeoverPath, takeoverToken))) {
    // Another waiter is taking over; a takeover lock left by a killed process expires.
    if (!(await isYoung(takeoverPath))) await rm(takeoverPath, { force: true });
    return;
  }
  try {
    const current = await readFile(lockPath, 'utf8').catch(() => null);
    if (current === staleContent) await rm(lockPath, { force: true });
  } finally {
    await releaseIfOurs(takeoverPath, takeoverToken);
  }
}

async function isYoung(file: string): Promise<boolean> {
  const modifiedAt = await stat(file).then((s) => s.mtimeMs).catch(() => 0);
  return Date.now() - modifiedAt < UNREADABLE_LOCK_GRACE_MS;
}

async function releaseIfOurs(lockPath: string, token: string): Promise<void> {
  const content = await readFile(lockPath, 'utf8').catch(() => null);
  if (content === token) await rm(lockPath, { force: true });
}
