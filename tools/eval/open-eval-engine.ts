import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '../../src/config.js';
import pg from 'pg';
import { openEngine, type Engine } from '../../src/engine.js';
import type { EvalCorpus } from './eval-corpora.js';

/** The project's tiny test model (tests/fixtures/models): what the dense rows use offline. */
const TEST_MODEL = { modelId: 'tiny-french-e5', modelsDir: 'tests/fixtures/models' };

/** Copies the corpus to a work folder of its own and opens it with the configured model, or the test model when that cannot load. */
export async function openEvalEngine(config: AppConfig, corpus: EvalCorpus, root: string, forceTestModel: boolean): Promise<Engine> {
  const workDir = path.join(root, '.eval-index', corpus.name);
  const corpusDir = path.join(workDir, 'corpus');
  await rm(corpusDir, { recursive: true, force: true });
  await mkdir(corpusDir, { recursive: true });
  for (const file of await corpus.files(root)) await cp(file, path.join(corpusDir, path.basename(file)));
  const log = (line: string) => process.stderr.write(`${corpus.name}: ${line}\n`);
  const base: AppConfig = { ...config, corpusDir, indexDir: path.join(workDir, 'index'), watchCorpus: false };
  // STORE=postgres: each corpus (and model) in a schema of its own of DATABASE_URL, brought up to date first.
  const open = async (settings: AppConfig, name: string) => openEngine(await inOwnSchema(settings, `eval_${corpus.name}_${name}`), { log, syncCorpus: true });
  if (!forceTestModel) {
    const engine = await open(base, 'configured');
    if (engine.embeddings) return engine;
    await engine.close();
    log(`the configured model ${config.embedding.modelId} is not available: dense and hybrid rows use the test model ${TEST_MODEL.modelId}`);
  }
  return open(
    {
      ...base,
      indexDir: path.join(workDir, 'index-test-model'),
      embedding: { ...config.embedding, modelId: TEST_MODEL.modelId, modelsDir: path.join(root, TEST_MODEL.modelsDir), allowRemoteModels: false },
    },
    'test_model',
  );
}

async function inOwnSchema(config: AppConfig, schema: string): Promise<AppConfig> {
  if (config.store.kind !== 'postgres') return config;
  const name = schema.replace(/[^a-z0-9_]/giu, '_').toLowerCase();
  const admin = new pg.Client({ connectionString: config.store.postgres.url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${name}`);
  await admin.end();
  const url = new URL(config.store.postgres.url);
  url.searchParams.set('options', `-c search_path=${name},public`);
  return { ...config, store: { kind: 'postgres', postgres: { ...config.store.postgres, url: url.toString() } } };
}

