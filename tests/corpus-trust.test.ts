import { loadedIndexOf } from '../src/index/index.js';
import { link, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../src/corpus/index.js';
import { openEngine } from '../src/engine.js';
import { createLogger } from '../src/logger.js';
import { createApp } from '../src/server/app.js';
import { startServer } from '../src/server/start-server.js';
import { makeWorkspace, testConfig, type Workspace } from './helpers/test-config.js';

describe('the corpus on disk is not trusted', () => {
  let workspace: Workspace;
  beforeAll(async () => {
    workspace = await makeWorkspace();
  });
  afterAll(async () => {
    await workspace.remove();
  });

  it('skips a hard link (the same file under another name) and a file of NUL bytes, with reasons', async () => {
    const outside = path.join(workspace.dir, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'secret.txt'), 'SECRET : un fichier hors du corpus.\n\nUne ligne secrète.\n');
    await link(path.join(outside, 'secret.txt'), path.join(workspace.corpusDir, 'lien-dur.txt'));
    await writeFile(path.join(workspace.corpusDir, 'zeros.txt'), Buffer.alloc(100_000));
    const { articles, skipped } = await readCorpus(workspace.corpusDir);
    expect(articles.map((article) => article.source)).not.toContain('lien-dur.txt');
    expect(JSON.stringify(articles)).not.toContain('SECRET');
    expect(skipped).toContainEqual({ source: 'lien-dur.txt', reason: expect.stringMatching(/^hard link/u) });
    expect(skipped).toContainEqual({ source: 'zeros.txt', reason: expect.stringMatching(/^binary data \(NUL bytes\)/u) });
    await rm(path.join(workspace.corpusDir, 'lien-dur.txt'));
    await rm(path.join(workspace.corpusDir, 'zeros.txt'));
  });

  it('never lets /search return the lines of a hard-linked file, unless CORPUS_ALLOW_HARD_LINKS is set', async () => {
    const outside = path.join(workspace.dir, 'outside-http');
    await mkdir(outside);
    await writeFile(path.join(outside, 'passwd.txt'), 'root:x:0:0:root:/root:/bin/bash\n\nSECRET daemon:x:1:1:daemon:/usr/sbin\n');
    await link(path.join(outside, 'passwd.txt'), path.join(workspace.corpusDir, 'passwd.txt'));
    try {
      for (const allowed of [false, true]) {
        const engine = await openEngine(testConfig(workspace, { CORPUS_ALLOW_HARD_LINKS: String(allowed) }));
        const running = await startServer(createApp(engine, createLogger('silent')), '127.0.0.1', 0);
        try {
          const found = await fetch(`${running.url}/search`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: 'SECRET daemon root' }) });
          expect(found.status).toBe(200);
          expect(JSON.stringify(await found.json()).includes('SECRET')).toBe(allowed);
        } finally {
          await running.close();
        }
      }
    } finally {
      await rm(path.join(workspace.corpusDir, 'passwd.txt'));
    }
  });

  it('skips a file that decodes as UTF-8 but is mostly control characters', async () => {
    const noise = Array.from({ length: 20_000 }, (_, i) => String.fromCharCode(i % 3 === 0 ? 0x01 + (i % 7) : 0x61 + (i % 26))).join('');
    await writeFile(path.join(workspace.corpusDir, 'bruit.txt'), noise, 'utf8');
    await writeFile(path.join(workspace.corpusDir, 'tabulations.txt'), 'Titre\n\nColonne\tvaleur\r\nAutre\tligne\f\n', 'utf8');
    try {
      const { articles, skipped } = await readCorpus(workspace.corpusDir);
      expect(skipped).toContainEqual({ source: 'bruit.txt', reason: expect.stringMatching(/^binary data \(33% control characters\)/u) });
      expect(articles.map((article) => article.source)).toContain('tabulations.txt');
    } finally {
      await rm(path.join(workspace.corpusDir, 'bruit.txt'));
      await rm(path.join(workspace.corpusDir, 'tabulations.txt'));
    }
  });

  it('says clearly that a missing corpus folder is missing, and what to set', async () => {
    await expect(readCorpus(path.join(workspace.dir, 'nulle-part'))).rejects.toThrow(/the corpus folder .*nulle-part does not exist: create it .* or set CORPUS_DIR/u);
  });

  it('keeps the index that answers when the corpus folder is emptied, and says so', async () => {
    const config = testConfig(workspace);
    const built = await openEngine(config);
    expect(loadedIndexOf(built.store).manifest.counts.articles).toBe(5);
    const emptied = path.join(workspace.dir, 'vide');
    await mkdir(emptied);
    const lines: string[] = [];
    const reopened = await openEngine({ ...config, corpusDir: emptied }, { log: (line) => lines.push(line) });
    expect(loadedIndexOf(reopened.store).manifest.counts.articles).toBe(5);
    expect(reopened.indexReport).toMatchObject({ rebuilt: false, reason: expect.stringMatching(/no readable article, so the previous index \(5 articles\) is kept/u) });
    expect(await readdir(workspace.indexDir)).not.toHaveLength(0);
  });
});
