import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHIPPED_CORPUS = path.join(REPO_ROOT, 'corpus');
export const TEST_MODELS_DIR = path.join(REPO_ROOT, 'tests/fixtures/models');
export const TINY_MODEL_ID = 'tiny-french-e5';
