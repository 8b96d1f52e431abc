import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { SHIPPED_CORPUS, TEST_MODELS_DIR, TINY_MODEL_ID } from './paths.js';

export interface Workspace {
  dir: string;
  corpusDir: string;
  indexDir: string;
  remove: () => Promise<void>;
}

/**
 * A temporary directory with a copy of the shipped corpus and room for an index.
 * `extraCorpusFiles` (file name → UTF-8 text) are written into the copied corpus beside the shipped articles.
 */
export async function makeWorkspace(extraCorpusFiles: Record<string, string> = {}): Promise<Workspace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qa-test-'));
  const corpusDir = path.join(dir, 'corpus');
  await cp(SHIPPED_CORPUS, corpusDir, { recursive: true, filter: (source) => !path.basename(source).startsWith('.') });
  for (const [name, text] of Object.entries(extraCorpusFiles)) {
    if (path.basename(name) !== name) throw new Error(`extra corpus file name must be a plain file name: ${name}`);
    await writeFile(path.join(corpusDir, name), text, 'utf8');
  }
  return { dir, corpusDir, indexDir: path.join(dir, 'index'), remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Environment variables for tests: the workspace, the tiny local model, never the hub. */
export function testEnvironment(workspace: Workspace, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    CORPUS_DIR: workspace.corpusDir,
    INDEX_DIR: workspace.indexDir,
    MODEL_ID: TINY_MODEL_ID,
    MODELS_DIR: TEST_MODELS_DIR,
    MODEL_CACHE_DIR: path.join(workspace.dir, 'model-cache'),
    ALLOW_REMOTE_MODELS: 'false',
    LOG_LEVEL: 'silent',
    ...overrides,
  };
}

/** Settings for tests, as the product reads them from `testEnvironment`. */
export function testConfig(workspace: Workspace, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig(testEnvironment(workspace, overrides), workspace.dir);
}
