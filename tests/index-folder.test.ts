import { spawn } from 'node:child_process';
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openEngine } from '../src/engine.js';
import { CLI_MAIN, cliEnvironment, TSX } from './helpers/run-cli.js';
import { REPO_ROOT } from './helpers/paths.js';
import { makeWorkspace, testConfig, testEnvironment, type Workspace } from './helpers/test-config.js';

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/**
 * Runs the command line where INDEX_DIR cannot be written: as root (who writes anywhere) it runs
 * as the unprivileged user nobody; otherwise the folder is made read-only for the run.
 */
async function runWithUnwritableIndex(workspace: Workspace, args: string[], settings: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const folders = [workspace.indexDir, ...(await readdir(workspace.indexDir, { recursive: true, withFileTypes: true }).catch(() => [])).filter((entry) => entry.isDirectory()).map((entry) => path.join(entry.parentPath, entry.name))];
  if (isRoot) await chmod(workspace.dir, 0o755);
  else await Promise.all(folders.map((folder) => chmod(folder, 0o555)));
  try {
    return await new Promise((resolve, reject) => {
      const child = spawn(TSX, [CLI_MAIN, ...args], {
        cwd: REPO_ROOT,
        env: cliEnvironment({ ...settings, TMPDIR: '/tmp' }),
        ...(isRoot ? { uid: NOBODY, gid: NOBODY } : {}),
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.stdout.on('data', () => undefined);
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
  } finally {
    if (!isRoot) await Promise.all(folders.map((folder) => chmod(folder, 0o755)));
  }
}

describe('an index folder that cannot be written', () => {
  let workspace: Workspace;
  beforeEach(async () => {
    workspace = await makeWorkspace();
  });
  afterEach(async () => {
    await workspace.remove();
  });

  it('serves the valid index already there, and says once why the corpus changes are not indexed', async () => {
    await openEngine(testConfig(workspace));
    await writeFile(path.join(workspace.corpusDir, 'nouvel-article.txt'), 'Un article ajouté pendant que le dossier était en lecture seule.\n\nIl parle de la Bretagne.\n', 'utf8');
    const run = await runWithUnwritableIndex(workspace, ['ask', '--json', 'Qui est Janine Korovesis ?'], testEnvironment(workspace));
    expect(run.stderr).toMatch(/cannot write the index in .*index \(INDEX_DIR\): permission denied\..*set INDEX_DIR to a writable folder; serving the index already there, without: the corpus changed: nouvel-article\.txt added/su);
    expect(run.stderr.match(/cannot write the index/gu)).toHaveLength(1);
    expect(run.code).toBe(0);
  });

  it('names the folder and the setting when there is no index to serve', async () => {
    await mkdir(workspace.indexDir, { recursive: true });
    const run = await runWithUnwritableIndex(workspace, ['index'], testEnvironment(workspace));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: cannot write the index in .*index \(INDEX_DIR\): permission denied/u);
    expect(run.stderr).not.toMatch(/EACCES|at .*\.ts:\d+/u);
  });
});
