import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { env, pipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { describeLoadFailure, loadEmbedder, modelFingerprint } from '../src/embedding/index.js';
import type { E5Embeddings, EmbeddingSettings } from '../src/embedding/index.js';
import { DEFAULT_MODELS_DIR, TINY_MODEL_ID, generateTinyModel } from '../tools/make-tiny-model.js';

const settings: EmbeddingSettings = {
  modelId: TINY_MODEL_ID,
  modelsDir: DEFAULT_MODELS_DIR,
  allowRemoteModels: false,
  hubUrl: 'http://127.0.0.1:9/', // never contacted: remote models are off in these tests
  dtype: 'q8',
  batchSize: 2,
  queryPrefix: 'query: ',
  passagePrefix: 'passage: ',
  cacheDir: null,
};

const passages = [
  'Julie Lavet recrutée pour diriger le lobbying',
  'Un bureau sera inauguré à Paris par OpenAI',
  'Google a ouvert un laboratoire d’IA en 2018',
  'Les investisseurs ont apporté des milliards de dollars',
  'Sam Altman, fondateur de l’entreprise',
];

const dot = (a: readonly number[], b: readonly number[]): number => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
const norm = (a: readonly number[]): number => Math.sqrt(dot(a, a));

function expectVectorsClose(actual: readonly number[][], expected: readonly number[][]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((vector, i) => {
    expect(vector).toHaveLength(32);
    vector.forEach((x, j) => expect(x).toBeCloseTo(expected[i]?.[j] ?? Number.NaN, 6));
  });
}

/** The pipeline called directly, bypassing E5Embeddings, on the fixture model. */
async function rawEmbed(texts: string[]): Promise<number[][]> {
  env.allowRemoteModels = false;
  env.localModelPath = DEFAULT_MODELS_DIR;
  const extractor = await pipeline('feature-extraction', TINY_MODEL_ID, { dtype: 'q8' });
  try {
    return (await extractor(texts, { pooling: 'mean', normalize: true })).tolist() as number[][];
  } finally {
    await extractor.dispose();
  }
}

async function loadTiny(overrides: Partial<EmbeddingSettings> = {}): Promise<E5Embeddings> {
  const { embedder, status } = await loadEmbedder({ ...settings, ...overrides });
  expect(status.error).toBeNull();
  if (embedder === null) throw new Error(`tiny model did not load: ${status.error}`);
  return embedder;
}

describe('loadEmbedder with the tiny fixture model', () => {
  let embedder: E5Embeddings;

  beforeAll(async () => {
    embedder = await loadTiny();
  });
  afterAll(async () => {
    await embedder.dispose();
  });

  it('reports the model as available with 32 dimensions', async () => {
    const { embedder: loaded, status } = await loadEmbedder(settings);
    expect(status).toEqual({ id: TINY_MODEL_ID, available: true, dimensions: 32, error: null });
    expect(loaded?.dimensions).toBe(32);
    expect(loaded?.modelId).toBe(TINY_MODEL_ID);
    await loaded?.dispose();
  });

  it('returns unit-length vectors of the model dimension', async () => {
    const query = await embedder.embedQuery('Qui dirige le lobbying ?');
    const documents = await embedder.embedDocuments(passages);
    for (const vector of [query, ...documents]) {
      expect(vector).toHaveLength(32);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
  });

  it('prefixes queries with "query: " and passages with "passage: "', async () => {
    const text = 'Qui dirige le lobbying ?';
    const [prefixedQuery, prefixedPassage, bare] = await rawEmbed([`query: ${text}`, `passage: ${text}`, text]);
    const query = await embedder.embedQuery(text);
    const [passage] = await embedder.embedDocuments([text]);

    expectVectorsClose([query], [prefixedQuery ?? []]);
    expectVectorsClose([passage ?? []], [prefixedPassage ?? []]);
    expect(dot(query, bare ?? [])).toBeLessThan(0.9999);
    expect(dot(query, passage ?? [])).toBeLessThan(0.9999);
  });

  it('gives the same vectors in batches as one by one, and reports progress per batch', async () => {
    const progress: Array<[number, number]> = [];
    const batched = await embedder.embedDocuments(passages, (done, total) => progress.push([done, total]));
    const oneByOne: number[][] = [];
    for (const passage of passages) oneByOne.push(...(await embedder.embedDocuments([passage])));

    expectVectorsClose(batched, oneByOne);
    expect(progress).toEqual([
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
  });

  it('embeds an empty list without calling the model or reporting progress', async () => {
    const progress: number[] = [];
    expect(await embedder.embedDocuments([], (done) => progress.push(done))).toEqual([]);
    expect(progress).toEqual([]);
  });

  it('ranks a passage sharing the question words above unrelated passages', async () => {
    const query = await embedder.embedQuery('Qui dirige le lobbying ?');
    const [relevant, ...unrelated] = await embedder.embedDocuments(passages);
    const relevantScore = dot(query, relevant ?? []);
    for (const other of unrelated) expect(relevantScore).toBeGreaterThan(dot(query, other) + 0.2);
  });

  it('loads both the q8 and the fp32 files, which give nearly the same vectors', async () => {
    const fp32 = await loadTiny({ dtype: 'fp32' });
    try {
      expect(fp32.dimensions).toBe(32);
      const [q8Vector] = await embedder.embedDocuments([passages[1] ?? '']);
      const [fp32Vector] = await fp32.embedDocuments([passages[1] ?? '']);
      expect(dot(q8Vector ?? [], fp32Vector ?? [])).toBeGreaterThan(0.999);
    } finally {
      await fp32.dispose();
    }
  });

  it('rejects a batch size that is not a positive integer', async () => {
    await expect(loadEmbedder({ ...settings, batchSize: 0 })).rejects.toThrow(RangeError);
  });
});

describe('loadEmbedder with a model that is not there', () => {
  it('returns no embedder and one line naming the model and where to put it', async () => {
    const { embedder, status } = await loadEmbedder({ ...settings, modelId: 'acme/no-such-model' });

    expect(embedder).toBeNull();
    expect(status).toMatchObject({ id: 'acme/no-such-model', available: false, dimensions: null });
    const error = status.error ?? '';
    expect(error).not.toContain('\n');
    expect(error).toContain('acme/no-such-model');
    expect(error).toContain(`put the model files in ${path.join(DEFAULT_MODELS_DIR, 'acme/no-such-model')} (MODELS_DIR)`);
    expect(error).toContain('lexical retrieval alone');
    expect(error).toContain('ALLOW_REMOTE_MODELS=true');
    expect(error).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
  });
});

describe('loadEmbedder with a truncated file in the cache', () => {
  it('names the cached folder to delete', async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'qa-cache-'));
    try {
      const cached = path.join(cacheDir, 'acme/half-downloaded');
      await cp(path.join(DEFAULT_MODELS_DIR, TINY_MODEL_ID), cached, { recursive: true });
      const onnx = path.join(cached, 'onnx/model_quantized.onnx');
      await writeFile(onnx, (await readFile(onnx)).subarray(0, 100)); // what a killed download leaves
      const { embedder, status } = await loadEmbedder({ ...settings, modelId: 'acme/half-downloaded', cacheDir, modelsDir: null });
      expect(embedder).toBeNull();
      expect(status.error).toContain(`If a download was interrupted, delete ${cached} and start again.`);
      expect(status.error).not.toContain('\n');
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});

describe('describeLoadFailure', () => {
  let cacheDir: string;
  beforeAll(async () => {
    cacheDir = await mkdtemp(path.join(os.tmpdir(), 'qa-cache-'));
    await mkdir(path.join(cacheDir, 'acme/partly-downloaded'), { recursive: true });
  });
  afterAll(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });
  const failure = (error: unknown) => describeLoadFailure({ ...settings, modelId: 'acme/partly-downloaded', cacheDir, allowRemoteModels: true }, error);
  const withCause = (message: string, cause: unknown) => Object.assign(new TypeError(message), { cause });
  const hint = 'If a download was interrupted';

  it('names the cached folder to delete when the files are there but cannot be read', () => {
    const error = new Error("Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: Failed to load model because protobuf parsing failed.");
    expect(failure(error)).toContain(`${hint}, delete ${path.join(cacheDir, 'acme/partly-downloaded')} and start again.`);
  });

  it('does not blame the cache for a network failure, an HTTP error or a missing file', () => {
    const errors = [
      new TypeError('terminated'),
      withCause('terminated', Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })),
      withCause('fetch failed', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })),
      withCause('fetch failed', Object.assign(new Error('getaddrinfo ENOTFOUND hub.example'), { code: 'ENOTFOUND' })),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      Object.assign(new Error('connect ETIMEDOUT 10.0.0.1:443'), { code: 'ETIMEDOUT' }),
      new Error('Could not locate file: "https://hub.example/acme/partly-downloaded/resolve/main/onnx/model_quantized.onnx".'),
      new Error('Internal server error error occurred while trying to load file: "https://hub.example/acme/x/resolve/main/config.json".'),
      new Error('Forbidden access to file: "https://hub.example/acme/x/resolve/main/config.json".'),
      new Error('Error (429) occurred while trying to load file: "https://hub.example/acme/x/resolve/main/config.json".'),
      new Error('`local_files_only=true` or `env.allowRemoteModels=false` and file was not found locally at "/m/acme/x/config.json".'),
    ];
    for (const error of errors) {
      const line = failure(error);
      expect(line, String(error)).toContain('could not be loaded');
      expect(line, String(error)).not.toContain(hint);
    }
  });
});

/** Embeddings that must not be called: the fingerprint comes from the files. */
const noEmbeddings = {
  embedQuery: () => Promise.reject(new Error('embedQuery called')),
  embedDocuments: () => Promise.reject(new Error('embedDocuments called')),
} as unknown as EmbeddingsInterface;

/** Embeddings that give this vector for any text. */
const embeddingsGiving = (vector: number[]) =>
  ({ embedQuery: async () => vector, embedDocuments: async (texts: string[]) => texts.map(() => vector) }) as unknown as EmbeddingsInterface;

describe('modelFingerprint', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'fingerprint-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** A copy of the fixture model in `<root>/<name>/<model id>/`; returns `<root>/<name>`. */
  async function copyOfModel(name: string): Promise<string> {
    const dir = path.join(root, name);
    await cp(path.join(DEFAULT_MODELS_DIR, TINY_MODEL_ID), path.join(dir, TINY_MODEL_ID), { recursive: true });
    return dir;
  }

  /** Changes one byte in the middle of the q8 ONNX file, keeping its size. */
  async function flipOnnxByte(modelsDir: string): Promise<void> {
    const onnx = path.join(modelsDir, TINY_MODEL_ID, 'onnx/model_quantized.onnx');
    const bytes = await readFile(onnx);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    await writeFile(onnx, bytes);
  }

  const fingerprintOf = (overrides: Partial<EmbeddingSettings>, embeddings = noEmbeddings) =>
    modelFingerprint({ ...settings, cacheDir: path.join(root, 'empty-cache'), ...overrides }, embeddings);

  it('is the same for two copies of the same files in different folders, and changes with the ONNX bytes', async () => {
    const [first, second] = [await copyOfModel('first'), await copyOfModel('second')];
    const fingerprint = await fingerprintOf({ modelsDir: first });
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(await fingerprintOf({ modelsDir: second })).toBe(fingerprint);
    expect(await fingerprintOf({ modelsDir: DEFAULT_MODELS_DIR })).toBe(fingerprint);

    await flipOnnxByte(second);
    expect(await fingerprintOf({ modelsDir: second })).not.toBe(fingerprint);
    expect(await fingerprintOf({ modelsDir: first, dtype: 'fp32' })).not.toBe(fingerprint);
  });

  it('changes with the tokenizer', async () => {
    const [first, second] = [await copyOfModel('tokenizer-a'), await copyOfModel('tokenizer-b')];
    const tokenizer = path.join(second, TINY_MODEL_ID, 'tokenizer_config.json');
    await writeFile(tokenizer, (await readFile(tokenizer, 'utf8')).replace('{', '{"model_max_length": 17, '));
    expect(await fingerprintOf({ modelsDir: second })).not.toBe(await fingerprintOf({ modelsDir: first }));
  });

  it('hashes the files transformers.js loads: the cached copy before the one in MODELS_DIR', async () => {
    const modelsDir = await copyOfModel('models-dir');
    const cacheDir = await copyOfModel('cache-dir');
    await flipOnnxByte(cacheDir);
    const cachedOnly = await fingerprintOf({ modelsDir: path.join(root, 'no-models'), cacheDir });
    expect(await fingerprintOf({ modelsDir, cacheDir })).toBe(cachedOnly);
    expect(await fingerprintOf({ modelsDir })).not.toBe(cachedOnly);
  });

  it('without local files, falls back to the vectors rounded to 2 decimals, -0 counting as 0', async () => {
    const nowhere = { modelsDir: path.join(root, 'no-models') };
    const fingerprint = await fingerprintOf(nowhere, embeddingsGiving([-0.001, 0.5049, -0.25]));
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(await fingerprintOf(nowhere, embeddingsGiving([0.001, 0.4951, -0.2501]))).toBe(fingerprint);
    expect(await fingerprintOf(nowhere, embeddingsGiving([0.001, 0.4951, 0.25]))).not.toBe(fingerprint);
  });
});

describe('make-tiny-model', () => {
  let tempDir: string;
  beforeAll(async () => {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'tiny-model-'));
  });
  afterAll(async () => {
    await rm(tempDir, { recursive: true, force: true });
  });

  it('regenerates the committed fixture byte for byte', async () => {
    const written = await generateTinyModel(tempDir);
    expect(written.map((file) => path.relative(path.join(tempDir, TINY_MODEL_ID), file)).sort()).toEqual([
      'config.json',
      'onnx/model.onnx',
      'onnx/model_quantized.onnx',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
    let totalBytes = 0;
    for (const file of written) {
      const committed = await readFile(path.join(DEFAULT_MODELS_DIR, path.relative(tempDir, file)));
      const regenerated = await readFile(file);
      expect(regenerated.equals(committed), path.relative(tempDir, file)).toBe(true);
      totalBytes += committed.length;
    }
    expect(totalBytes).toBeLessThan(1_000_000);
  });
});
