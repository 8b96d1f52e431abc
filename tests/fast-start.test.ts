import { loadedIndexOf } from '../src/index/index.js';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { askQuestion } from '../src/answer/ask-question.js';
import { askContextOf, openEngine } from '../src/engine.js';
import { makeWorkspace, testConfig, type Workspace } from './helpers/test-config.js';

describe('a start where the corpus did not change', () => {
  let workspace: Workspace;
  beforeEach(async () => {
    workspace = await makeWorkspace({ 'notes.csv': 'pas un article' });
  });
  afterEach(async () => {
    await workspace.remove();
  });

  it('serves the same index and lists the same skipped files as the start that read the corpus', async () => {
    const first = await openEngine(testConfig(workspace));
    const second = await openEngine(testConfig(workspace));
    expect(second.indexReport).toEqual({ rebuilt: false, reason: 'the index is up to date' });
    expect(loadedIndexOf(second.store).dir).toBe(loadedIndexOf(first.store).dir);
    expect(second.skipped).toEqual(first.skipped);
    expect(second.skipped.map((skip) => skip.source)).toContain('notes.csv');
  });

  it('sees an article edited in place even when its modification time is set back', async () => {
    await openEngine(testConfig(workspace));
    const file = path.join(workspace.corpusDir, loadedIndexOf((await openEngine(testConfig(workspace))).store).passages[0]!.source);
    const before = await stat(file);
    const text = await readFile(file, 'utf8');
    // Same length, another name: only the content and the change time differ.
    await writeFile(file, text.replace('OpenAI', 'OpenAJ'));
    await utimes(file, before.atime, before.mtime);
    const reopened = await openEngine(testConfig(workspace));
    expect(reopened.indexReport.rebuilt).toBe(true);
    expect(reopened.indexReport.reason).toMatch(/modified/u);
    expect(JSON.stringify(loadedIndexOf(reopened.store).passages)).toContain('OpenAJ');
  });

  it('reads the corpus again after a file is only touched, and keeps the index (its content did not change)', async () => {
    const first = await openEngine(testConfig(workspace));
    const file = path.join(workspace.corpusDir, loadedIndexOf(first.store).passages[0]!.source);
    const later = new Date(Date.now() + 60_000);
    await utimes(file, later, later);
    const reopened = await openEngine(testConfig(workspace));
    expect(reopened.indexReport).toEqual({ rebuilt: false, reason: 'the index is up to date' });
    expect(loadedIndexOf(reopened.store).dir).toBe(loadedIndexOf(first.store).dir);
    const answer = await askQuestion(askContextOf(reopened), { question: 'Qui est Janine Korovesis ?', k: 5 });
    expect(answer.answer).toContain('Janine Korovesis');
  });
});
