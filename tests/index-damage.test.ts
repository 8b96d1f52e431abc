import { loadedIndexOf } from '../src/index/index.js';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askQuestion } from '../src/answer/ask-question.js';
import { askContextOf, openEngine } from '../src/engine.js';
import { readCurrentGeneration, readPreviousGeneration } from '../src/index/generation-store.js';
import { createLogger } from '../src/logger.js';
import { createApp } from '../src/server/app.js';
import { startServer } from '../src/server/start-server.js';
import { makeWorkspace, testConfig, type Workspace } from './helpers/test-config.js';

const QUESTION = 'Qui est Janine Korovesis ?';
type Damage = (bytes: Buffer) => Buffer;

const flipByte: Damage = (bytes) => {
  const copy = Buffer.from(bytes);
  const at = Math.floor(copy.length / 3);
  copy[at] = (copy[at] ?? 0) ^ 0x5a;
  return copy;
};
const truncate: Damage = (bytes) => bytes.subarray(0, Math.floor(bytes.length / 2));
const empty: Damage = () => Buffer.alloc(0);
// Four bytes in the middle of the graph: a neighbour id out of range made hnswlib crash the process.
const outOfRangeIds: Damage = (bytes) => {
  const copy = Buffer.from(bytes);
  copy.writeUInt32LE(0xffffffff, Math.floor(copy.length / 2));
  return copy;
};
const wrongDimensions: Damage = (bytes) => Buffer.from(bytes.toString('utf8').replace(/"numDimensions":\d+/u, '"numDimensions":384'));
// A name changed in the cited text: it used to be quoted as fact.
const changedName: Damage = (bytes) => Buffer.from(bytes.toString('utf8').replace('Janine Korovesis', 'Janine Korovesiz'));

const CASES: ReadonlyArray<readonly [file: string, how: string, damage: Damage]> = [
  ['dense/hnswlib.index', 'out-of-range neighbour ids', outOfRangeIds],
  ['dense/hnswlib.index', 'a flipped byte', flipByte],
  ['dense/hnswlib.index', 'truncation', truncate],
  ['dense/args.json', 'wrong dimensions', wrongDimensions],
  ['dense/docstore.json', 'a changed name', changedName],
  ['dense/docstore.json', 'truncation', truncate],
  ['passages.json', 'a changed name', changedName],
  ['passages.json', 'truncation', truncate],
  ['bm25.json', 'a flipped byte', flipByte],
  ['bm25.json', 'emptying', empty],
  ['manifest.json', 'truncation', truncate],
  ['manifest.json', 'a flipped byte', flipByte],
];

async function currentGeneration(workspace: Workspace): Promise<string> {
  const generation = await readCurrentGeneration(workspace.indexDir);
  if (!generation) throw new Error('no current generation');
  return generation;
}

async function damageFile(generation: string, file: string, damage: Damage): Promise<void> {
  const target = path.join(generation, file);
  await writeFile(target, damage(await readFile(target)));
}

/** The damage a buggy build would do: the files disagree, yet the manifest's checksums match them. */
async function rehash(generation: string): Promise<void> {
  const manifestPath = path.join(generation, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { artefacts: Record<string, string> };
  for (const file of Object.keys(manifest.artefacts)) {
    manifest.artefacts[file] = createHash('sha256').update(await readFile(path.join(generation, file))).digest('hex');
  }
  const manifestText = JSON.stringify(manifest);
  await writeFile(manifestPath, manifestText);
  await writeFile(path.join(generation, 'manifest.sha256'), createHash('sha256').update(manifestText).digest('hex'));
}

describe('a damaged index is never served', () => {
  let workspace: Workspace;
  let expectedAnswer: string;
  beforeAll(async () => {
    workspace = await makeWorkspace();
    const engine = await openEngine(testConfig(workspace));
    expectedAnswer = (await askQuestion(askContextOf(engine), { question: QUESTION, k: 5 })).answer;
    expect(expectedAnswer).toContain('Janine Korovesis');
  });
  afterAll(async () => {
    await workspace.remove();
  });

  it.each(CASES)('refuses %s after %s, names the file, and answers as before', async (file, _how, damage) => {
    const config = testConfig(workspace);
    // Two builds, so that a good previous generation is there to fall back on.
    await openEngine(config, { forceRebuild: true });
    const good = await currentGeneration(workspace);
    await damageFile(good, file, damage);
    const reopened = await openEngine(config);
    expect(reopened.indexReport.rebuilt).toBe(true);
    expect(reopened.indexReport.reason).toContain(file);
    expect(reopened.indexReport.reason).toMatch(/the previous generation gen-\d+-[0-9a-f]{8} is used instead/u);
    // The vectors come from the previous generation: nothing is embedded again.
    expect(loadedIndexOf(reopened.store).manifest.counts.embedded).toBe(0);
    expect(loadedIndexOf(reopened.store).dir).not.toBe(good);
    // The damaged generation is not kept as the fallback.
    expect(await readPreviousGeneration(workspace.indexDir)).not.toBe(good);
    const after = await askQuestion(askContextOf(reopened), { question: QUESTION, k: 5 });
    expect(after.answer).toBe(expectedAnswer);
  });

  it.each([
    ['dense/args.json', wrongDimensions, /dense\/args\.json says 384 dimensions/u],
    ['passages.json', (bytes: Buffer) => Buffer.from(JSON.stringify((JSON.parse(bytes.toString('utf8')) as unknown[]).slice(1))), /passages\.json holds \d+ passages, the manifest says/u],
    ['dense/docstore.json', changedName, /vector \d+'s text differs from passage/u],
  ] as const)('checks the invariants even when %s was changed and the checksums rewritten to match', async (file, damage, problem) => {
    const config = testConfig(workspace);
    await openEngine(config, { forceRebuild: true });
    const good = await currentGeneration(workspace);
    await damageFile(good, file, damage);
    await rehash(good);
    const reopened = await openEngine(config);
    expect(reopened.indexReport.reason).toMatch(problem);
    expect((await askQuestion(askContextOf(reopened), { question: QUESTION, k: 5 })).answer).toBe(expectedAnswer);
  });

  it('rebuilds from the corpus when there is no good generation to fall back on, and the server answers', async () => {
    const config = testConfig(workspace);
    await openEngine(config, { forceRebuild: true });
    await damageFile(await currentGeneration(workspace), 'dense/hnswlib.index', outOfRangeIds);
    const previous = await readPreviousGeneration(workspace.indexDir);
    if (previous) await damageFile(previous, 'passages.json', changedName);
    const engine = await openEngine(config);
    expect(engine.indexReport.reason).toContain('dense/hnswlib.index was changed after the index was built');
    expect(loadedIndexOf(engine.store).manifest.counts.embedded).toBe(loadedIndexOf(engine.store).manifest.counts.passages);
    const running = await startServer(createApp(engine, createLogger('silent')), '127.0.0.1', 0);
    try {
      const searched = await fetch(`${running.url}/search`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: 'Janine Korovesis' }) });
      expect(searched.status).toBe(200);
      expect(JSON.stringify(await searched.json())).toContain('Korovesis');
      expect((await (await fetch(`${running.url}/health`)).json()).status).toBe('ok');
    } finally {
      await running.close();
    }
  });

  it('removes what a crashed build left behind at the next start', async () => {
    const config = testConfig(workspace);
    await openEngine(config);
    await mkdir(path.join(workspace.indexDir, 'gen-1-deadbeef.building', 'dense'), { recursive: true });
    await writeFile(path.join(workspace.indexDir, 'gen-1-deadbeef.building', 'passages.json'), '[]');
    await writeFile(path.join(workspace.indexDir, 'CURRENT.cafe0000.tmp'), 'gen-1-deadbeef');
    const reopened = await openEngine(config);
    expect(reopened.indexReport.rebuilt).toBe(false);
    const entries = await readdir(workspace.indexDir);
    expect(entries.filter((entry) => entry.endsWith('.building') || entry.endsWith('.tmp'))).toEqual([]);
  });
});
