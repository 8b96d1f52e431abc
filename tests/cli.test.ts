import { spawn, type ChildProcess } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/paths.js';
import { CLI_MAIN, cliEnvironment, runCli, TSX } from './helpers/run-cli.js';
import { makeWorkspace, testEnvironment, type Workspace } from './helpers/test-config.js';
import { postJson } from './helpers/running-app.js';

describe('command line', () => {
  let workspace: Workspace;
  beforeAll(async () => {
    workspace = await makeWorkspace();
  });
  afterAll(async () => {
    await workspace.remove();
  });

  it('index builds with a progress bar showing counts and rate, then reports what it did', async () => {
    const { code, stderr } = await runCli(['index'], testEnvironment(workspace));
    expect(code).toBe(0);
    expect(stderr).toMatch(/Vectorisation \[[█░]+\] \d+\/\d+ passages · [\d.]+ passages\/s/);
    expect(stderr).toMatch(/Index built \(no index yet\): 5 articles, \d+ passages, \d+ embedded, 0 reused/);
    expect(stderr).toContain('Retrieval: hybrid');
  });

  it('index with nothing changed says so at once, and index after an edit rebuilds', async () => {
    const again = await runCli(['index'], testEnvironment(workspace));
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/Index up to date: 5 articles, \d+ passages, [\d.]+ KiB on disk \(nothing changed in /u);
    expect(again.stderr).not.toContain('Vectorisation');
    await writeFile(path.join(workspace.corpusDir, 'ajout.txt'), 'Un article ajouté\n\nLa mairie de Brest a ouvert une bibliothèque le 2 mai 2025.\n', 'utf8');
    const edited = await runCli(['index'], testEnvironment(workspace));
    expect(edited.stderr).toMatch(/Index built \(the corpus changed: ajout\.txt added\): 6 articles/u);
    await rm(path.join(workspace.corpusDir, 'ajout.txt'));
    expect((await runCli(['index'], testEnvironment(workspace))).stderr).toMatch(/ajout\.txt removed/u);
  });

  it('ask answers in the terminal with numbered sources', async () => {
    const { code, stdout, stderr } = await runCli(['ask', 'Qui a été recrutée pour diriger le lobbying d’OpenAI en Europe ?'], testEnvironment(workspace));
    expect(code).toBe(0);
    expect(stderr).toContain('Index loaded');
    expect(stdout).toContain('Julie Lavet');
    expect(stdout).toMatch(/\[1\] 001_2f24b03e2d55c6bf\.txt \(caractères \d+–\d+\)/);
  });

  it('says in one line that the model is missing and how to fix it, then works lexically', async () => {
    const { code, stdout, stderr } = await runCli(
      ['ask', '--json', 'Qui est Janine Korovesis ?'],
      testEnvironment(workspace, { MODEL_ID: 'Xenova/multilingual-e5-small', MODELS_DIR: path.join(workspace.dir, 'no-models') }),
    );
    expect(code).toBe(0);
    const modelLines = stderr.split('\n').filter((line) => line.includes('could not be loaded'));
    expect(modelLines).toHaveLength(1);
    expect(modelLines[0]).toContain('MODELS_DIR');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(JSON.parse(stdout)).toMatchObject({ mode: 'lexical', abstained: false });
  });

  it('rejects a bad setting with a clear message and exit code 1', async () => {
    const { code, stderr } = await runCli(['index'], testEnvironment(workspace, { CHUNK_SIZE: 'beaucoup' }));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: invalid settings: CHUNK_SIZE/);
  });

  it('names the new setting when a deployment still sets a renamed one', async () => {
    const { code, stderr } = await runCli(['index'], testEnvironment(workspace, { ANSWER_CONCURRENCY: '8' }));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: invalid settings: ANSWER_CONCURRENCY was renamed MAX_CONCURRENT: set MAX_CONCURRENT=8 instead\./u);
  });

  it('serve builds or loads the index, then answers over HTTP', async () => {
    const child: ChildProcess = spawn(TSX, [CLI_MAIN, 'serve'], { env: cliEnvironment(testEnvironment(workspace, { PORT: '0' })), cwd: REPO_ROOT });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let stderr = '';
        child.stderr!.on('data', (chunk) => {
          stderr += chunk;
          const match = /Ready: open (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr);
          if (match) resolve(match[1]!);
        });
        child.on('close', () => reject(new Error(`server exited: ${stderr}`)));
      });
      const { status, body } = await postJson(`${url}/ask`, { question: 'Qui supervise la politique IA pour les affaires mondiales ?' });
      expect(status).toBe(200);
      expect(body.answer).toContain('Martin Signoux');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
