import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from '../../src/config.js';
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
  const base: AppConfig = { ...config, corpusDir, indexDir: path.join(workDir, 'index') };
  if (!forceTestModel) {
    const engine = await openEngine(base, { log });
    if (engine.embeddings) return engine;
    log(`the configured model ${config.embedding.modelId} is not available: dense and hybrid rows use the test model ${TEST_MODEL.modelId}`);
  }
  return openEngine(
    {
      ...base,
      indexDir: path.join(workDir, 'index-test-model'),
      embedding: { ...config.embedding, modelId: TEST_MODEL.modelId, modelsDir: path.join(root, TEST_MODEL.modelsDir), allowRemoteModels: false },
    },
    { log },
  );
}

