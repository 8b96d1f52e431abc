import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { SHIPPED_CORPUS, TEST_MODELS_DIR, TINY_MODEL_ID } from './paths.js';
import { freshSchema, onPostgres } from './postgres.js';

export interface Workspace {
  dir: string;
  corpusDir: string;
  indexDir: string;
  /** Set when the workspace's store is PostgreSQL: a schema of its own in the test database. */
  databaseUrl: string | null;
  remove: () => Promise<void>;
}

export interface WorkspaceOptions {
  /** The store of this workspace; by default PostgreSQL in the `postgres` test project, else embedded. */
  store?: 'embedded' | 'postgres';
}

/**
 * A temporary directory with a copy of the shipped corpus and room for an index.
 * `extraCorpusFiles` (file name → UTF-8 text) are written into the copied corpus beside the shipped articles.
 */
export async function makeWorkspace(extraCorpusFiles: Record<string, string> = {}, options: WorkspaceOptions = {}): Promise<Workspace> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qa-test-'));
  const corpusDir = path.join(dir, 'corpus');
  await cp(SHIPPED_CORPUS, corpusDir, { recursive: true, filter: (source) => !path.basename(source).startsWith('.') });
  for (const [name, text] of Object.entries(extraCorpusFiles)) {
    if (path.basename(name) !== name) throw new Error(`extra corpus file name must be a plain file name: ${name}`);
    await writeFile(path.join(corpusDir, name), text, 'utf8');
  }
  const schema = (options.store ?? (onPostgres ? 'postgres' : 'embedded')) === 'postgres' ? await freshSchema() : null;
  return {
    dir,
    corpusDir,
    indexDir: path.join(dir, 'index'),
    databaseUrl: schema?.url ?? null,
    remove: async () => {
      await rm(dir, { recursive: true, force: true });
      await schema?.drop();
    },
  };
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
    ...(workspace.databaseUrl ? { STORE: 'postgres', DATABASE_URL: workspace.databaseUrl } : {}),
    ...overrides,
  };
}

/** Settings for tests, as the product reads them from `testEnvironment`. */
export function testConfig(workspace: Workspace, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig(testEnvironment(workspace, overrides), workspace.dir);
}
