import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitGeneration, listLeftovers, readCurrentGeneration, readPreviousGeneration, removeStaleEntries } from '../src/index/generation-store.js';
import { withIndexLock } from '../src/index/index-lock.js';
import { REPO_ROOT } from './helpers/paths.js';
import { TSX } from './helpers/run-cli.js';

const CONTENDER = path.join(REPO_ROOT, 'tests/helpers/lock-contender.ts');

describe('index generations (atomic writes)', () => {
  let indexDir: string;
  beforeEach(async () => {
    indexDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'qa-gen-')), 'index');
  });
  afterEach(async () => {
    await rm(path.dirname(indexDir), { recursive: true, force: true });
  });

  it('has no current generation before the first build', async () => {
    expect(await readCurrentGeneration(indexDir)).toBeNull();
  });

  it('makes a fully written generation current, keeps the one before as PREVIOUS and removes older ones', async () => {
    const first = await commitGeneration(indexDir, (dir) => writeFile(path.join(dir, 'data.txt'), 'one'));
    const second = await commitGeneration(indexDir, (dir) => writeFile(path.join(dir, 'data.txt'), 'two'));
    const third = await commitGeneration(indexDir, (dir) => writeFile(path.join(dir, 'data.txt'), 'three'));
    expect(await readCurrentGeneration(indexDir)).toBe(third);
    expect(await readPreviousGeneration(indexDir)).toBe(second);
    expect(await readFile(path.join(third, 'data.txt'), 'utf8')).toBe('three');
    const entries = await readdir(indexDir);
    expect(entries).not.toContain(path.basename(first));
    expect(entries.sort()).toEqual(['CURRENT', 'PREVIOUS', path.basename(second), path.basename(third)].sort());
  });

  it('does not keep a damaged generation as PREVIOUS: the good one before it stays', async () => {
    const good = await commitGeneration(indexDir, (dir) => writeFile(path.join(dir, 'data.txt'), 'good'));
    await commitGeneration(indexDir, (dir) => writeFile(path.join(dir, 'data.txt'), 'damaged later'));
    const repaired = await commitGeneration(indexDir, (dir) => writeFile(path.join(dir, 'data.txt'), 'repaired'), { replacedIsGood: false });
    expect(await readCurrentGeneration(indexDir)).toBe(repaired);
    expect(await readPreviousGeneration(indexDir)).toBe(good);
  });

  it('keeps the previous generation current when a build fails half-way, and leaves no partial files', async () => {
    const good = await commitGeneration(indexDir, (dir) => writeFile(path.join(dir, 'data.txt'), 'good'));
    await expect(
      commitGeneration(indexDir, async (dir) => {
        await writeFile(path.join(dir, 'data.txt'), 'half');
        throw new Error('crash while embedding');
      }),
    ).rejects.toThrow('crash while embedding');
    expect(await readCurrentGeneration(indexDir)).toBe(good);
    expect(await readFile(path.join(good, 'data.txt'), 'utf8')).toBe('good');
    expect((await readdir(indexDir)).filter((entry) => entry.endsWith('.building'))).toEqual([]);
  });

  it('ignores what a killed build left behind and cleans it up on the next commit', async () => {
    const good = await commitGeneration(indexDir, (dir) => writeFile(path.join(dir, 'data.txt'), 'good'));
    await mkdir(path.join(indexDir, 'gen-1-deadbeef.building'));
    await writeFile(path.join(indexDir, 'CURRENT.cafe0000.tmp'), 'gen-1-deadbeef');
    expect(await readCurrentGeneration(indexDir)).toBe(good);
    expect(await listLeftovers(indexDir)).toEqual(expect.arrayContaining(['gen-1-deadbeef.building', 'CURRENT.cafe0000.tmp']));
    await removeStaleEntries(indexDir, [path.basename(good)]);
    expect((await readdir(indexDir)).sort()).toEqual(['CURRENT', path.basename(good)].sort());
  });

  it('refuses a CURRENT pointer that names anything but a generation (no path escape)', async () => {
    await mkdir(indexDir, { recursive: true });
    await writeFile(path.join(indexDir, 'CURRENT'), '../../etc\n');
    expect(await readCurrentGeneration(indexDir)).toBeNull();
  });
});

describe('index lock', () => {
  let indexDir: string;
  beforeEach(async () => {
    indexDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'qa-lock-')), 'index');
  });
  afterEach(async () => {
    await rm(path.dirname(indexDir), { recursive: true, force: true });
  });

  it('waits while a live process holds the lock, says who, and gives up with a clear error at its deadline', async () => {
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await mkdir(indexDir, { recursive: true });
      await writeFile(path.join(indexDir, 'LOCK'), `${sleeper.pid} abc`);
      const waitedFor: (number | null)[] = [];
      await expect(
        withIndexLock(indexDir, async () => 'built', { timeoutMs: 600, onWait: (pid) => waitedFor.push(pid) }),
      ).rejects.toThrow(new RegExp(`another process \\(pid ${sleeper.pid}\\) is still building the index`));
      expect(waitedFor).toEqual([sleeper.pid]);
      expect(await readFile(path.join(indexDir, 'LOCK'), 'utf8')).toBe(`${sleeper.pid} abc`);
    } finally {
      sleeper.kill();
    }
  });

  it('waits for the holder, then goes ahead as soon as it releases the lock', async () => {
    await mkdir(indexDir, { recursive: true });
    await writeFile(path.join(indexDir, 'LOCK'), `${process.ppid} held-by-parent`);
    const events: string[] = [];
    const build = withIndexLock(indexDir, async () => events.push('built'), { onWait: (pid) => events.push(`waiting for ${pid}`) });
    await expect.poll(() => events).toEqual([`waiting for ${process.ppid}`]);
    await rm(path.join(indexDir, 'LOCK'));
    await build;
    expect(events).toEqual([`waiting for ${process.ppid}`, 'built']);
  });

  it('lets one process at a time build when several processes find a dead holder\'s lock', async () => {
    const dead = await exitedProcess();
    await mkdir(indexDir, { recursive: true });
    await writeFile(path.join(indexDir, 'LOCK'), `${dead.pid} left-behind`);
    const log = path.join(path.dirname(indexDir), 'builds.log');
    const contenders = ['a', 'b', 'c', 'd'].map(
      (name) =>
        new Promise<number | null>((resolve) => {
          const child = spawn(TSX, [CONTENDER, indexDir, log, name], { stdio: 'inherit' });
          child.on('exit', resolve);
        }),
    );
    expect(await Promise.all(contenders)).toEqual([0, 0, 0, 0]);
    const lines = (await readFile(log, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(8);
    for (let i = 0; i < lines.length; i += 2) {
      const name = lines[i]!.split(' ')[0];
      expect([lines[i], lines[i + 1]]).toEqual([`${name} start`, `${name} end`]);
    }
    expect(await readdir(indexDir)).toEqual([]);
  });

  it('takes over a lock whose pid now belongs to another process (same pid, another start time)', async () => {
    await mkdir(indexDir, { recursive: true });
    // The parent runs, but it started at another time than the recorded builder: the pid was reused.
    await writeFile(path.join(indexDir, 'LOCK'), `${process.ppid} 1 0123456789abcdef`);
    const waitedFor: (number | null)[] = [];
    expect(await withIndexLock(indexDir, async () => 'built', { timeoutMs: 2000, onWait: (pid) => waitedFor.push(pid) })).toBe('built');
    expect(waitedFor).toEqual([]);
  });

  it('records pid and start time in the lock, so a live holder is waited for', async () => {
    const seen = await withIndexLock(indexDir, async () => readFile(path.join(indexDir, 'LOCK'), 'utf8'));
    expect(seen).toMatch(new RegExp(`^${process.pid} \\d+ [0-9a-f]{16} \\S+$`));
  });

  it('judges a lock written on another host (or container) by its heartbeat alone', async () => {
    await mkdir(indexDir, { recursive: true });
    const lock = path.join(indexDir, 'LOCK');
    // Pid 1 of another container: here it is some other process, or this one; it says nothing.
    await writeFile(lock, '1 12345 0123456789abcdef other-container');
    await expect(withIndexLock(indexDir, async () => 'built', { timeoutMs: 400 })).rejects.toThrow(/still building the index/u);
    const longAgo = new Date(Date.now() - 120_000);
    await utimes(lock, longAgo, longAgo);
    expect(await withIndexLock(indexDir, async () => 'built', { timeoutMs: 2000 })).toBe('built');
  });

  it('treats a lock file whose holder is not written yet as busy, not stale', async () => {
    await mkdir(indexDir, { recursive: true });
    await writeFile(path.join(indexDir, 'LOCK'), '');
    await expect(withIndexLock(indexDir, async () => 'built', { timeoutMs: 400 })).rejects.toThrow(/still building the index/);
  });

  it('runs builds of one process one after the other', async () => {
    const order: string[] = [];
    const build = (name: string) =>
      withIndexLock(indexDir, async () => {
        order.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 50));
        order.push(`${name} end`);
      });
    await Promise.all([build('a'), build('b'), build('c')]);
    expect(order).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('takes over a lock left by a process that died, and releases it after the build', async () => {
    const dead = await exitedProcess();
    await mkdir(indexDir, { recursive: true });
    await writeFile(path.join(indexDir, 'LOCK'), String(dead.pid));
    expect(await withIndexLock(indexDir, async () => 'built')).toBe('built');
    expect(await readdir(indexDir)).not.toContain('LOCK');
  });
});

/** A process that has already exited: its pid names no live holder. */
async function exitedProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child;
}
