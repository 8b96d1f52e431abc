import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askQuestion } from '../src/answer/ask-question.js';
import { askContextOf, openEngine } from '../src/engine.js';
import { readCurrentGeneration } from '../src/index/generation-store.js';
import { makeWorkspace, testConfig, type Workspace } from './helpers/test-config.js';

describe('a damaged index is never served: any changed byte means a rebuild', () => {
  let workspace: Workspace;
  beforeAll(async () => {
    workspace = await makeWorkspace();
  });
  afterAll(async () => {
    await workspace.remove();
  });

  it.each([
    // Four bytes in the middle of the graph (a neighbour id out of range made hnswlib crash the process).
    ['dense/hnswlib.index', (bytes: Buffer): Buffer => {
      bytes.writeUInt32LE(0xffffffff, Math.floor(bytes.length / 2));
      return bytes;
    }],
    // A name changed in the cited text (it used to be quoted as fact).
    ['passages.json', (bytes: Buffer): Buffer => Buffer.from(bytes.toString('utf8').replace('Janine Korovesis', 'Janine Korovesiz'))],
  ] as const)('rebuilds when %s was changed after the build, and answers as before', async (file, damage) => {
    const config = testConfig(workspace);
    const first = await openEngine(config);
    const before = await askQuestion(askContextOf(first), { question: 'Qui dirigera le bureau de Paris ?', k: 5 });
    const generation = (await readCurrentGeneration(workspace.indexDir))!;
    const target = path.join(generation, file);
    const bytes = await readFile(target);
    await writeFile(target, damage(bytes));
    const second = await openEngine(config);
    expect(second.indexReport.rebuilt).toBe(true);
    expect(second.indexReport.reason).toContain(`${file} was changed after the index was built`);
    const after = await askQuestion(askContextOf(second), { question: 'Qui dirigera le bureau de Paris ?', k: 5 });
    expect(after.answer).toBe(before.answer);
    expect(after.answer).toContain('Janine Korovesis');
  });
});
