import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { loadEmbedder } from '../src/embedding/index.js';
import type { E5Embeddings, EmbeddingSettings } from '../src/embedding/index.js';
import type { DownloadProgressEvent } from '../src/embedding/load-embedder.js';
import { REPO_ROOT, TEST_MODELS_DIR, TINY_MODEL_ID } from './helpers/paths.js';
import { makeWorkspace, testEnvironment } from './helpers/test-config.js';

/** The committed tiny model, published on the fake hub under an owner/name id like the real one. */
const HUB_MODEL_ID = 'acme/tiny-french-e5';
const FIXTURE_DIR = path.join(TEST_MODELS_DIR, TINY_MODEL_ID);
const ONNX_FILE = 'onnx/model_quantized.onnx';
const MODEL_FILES = ['config.json', ONNX_FILE, 'tokenizer.json', 'tokenizer_config.json'];
const resolvePath = (modelId: string, file: string) => `/${modelId}/resolve/main/${file}`;

interface FakeHub {
  url: string;
  /** `METHOD /path` of every request, in order of arrival. */
  requests: string[];
  /** Stops the server (once; later calls wait for the same close). */
  close: () => Promise<void>;
}

interface FakeHubOptions {
  /** Answer every request with this status and no model file. */
  failWith?: number;
  /** Send the first half of this file, then the rest only once `until` resolves. */
  holdBack?: { file: string; until: Promise<void> };
}

/** A loopback HTTP server laid out like the Hugging Face hub (`/<model id>/resolve/main/<file>`), serving the fixture model. */
async function startFakeHub(options: FakeHubOptions = {}): Promise<FakeHub> {
  const requests: string[] = [];
  const prefix = `/${HUB_MODEL_ID}/resolve/main/`;
  const server: Server = createServer(async (request, response) => {
    const url = request.url ?? '';
    requests.push(`${request.method} ${url}`);
    const file = url.startsWith(prefix) ? decodeURIComponent(url.slice(prefix.length)) : null;
    if (options.failWith !== undefined || request.method !== 'GET' || file === null || !MODEL_FILES.includes(file)) {
      response.writeHead(options.failWith ?? 404, { 'Content-Type': 'text/plain' }).end('not here');
      return;
    }
    const bytes = await readFile(path.join(FIXTURE_DIR, file));
    response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.length) });
    if (options.holdBack?.file === file) {
      const half = Math.floor(bytes.length / 2);
      response.write(bytes.subarray(0, half));
      await options.holdBack.until;
      response.end(bytes.subarray(half));
    } else {
      response.end(bytes);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      })),
  };
}

/** Every file below `dir`, relative to it, with `/` separators. */
async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

function settingsFor(hubUrl: string, dirs: { modelsDir: string; cacheDir: string }, overrides: Partial<EmbeddingSettings> = {}): EmbeddingSettings {
  return {
    modelId: HUB_MODEL_ID,
    modelsDir: dirs.modelsDir,
    allowRemoteModels: true,
    hubUrl,
    dtype: 'q8',
    batchSize: 4,
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
    cacheDir: dirs.cacheDir,
    ...overrides,
  };
}

// transformers.js `env` is process-wide: put back what this file changes, whatever happens.
const savedEnv = {
  allowLocalModels: env.allowLocalModels,
  allowRemoteModels: env.allowRemoteModels,
  localModelPath: env.localModelPath,
  cacheDir: env.cacheDir,
  remoteHost: env.remoteHost,
  remotePathTemplate: env.remotePathTemplate,
};
let tempRoot: string;
const embedders: E5Embeddings[] = [];

beforeAll(async () => {
  tempRoot = await mkdtemp(path.join(os.tmpdir(), 'model-download-'));
});
afterAll(async () => {
  for (const embedder of embedders) await embedder.dispose();
  Object.assign(env, savedEnv);
  await rm(tempRoot, { recursive: true, force: true });
});

/** An empty models directory and an empty cache directory. */
async function freshDirs(name: string): Promise<{ modelsDir: string; cacheDir: string }> {
  const dir = await mkdtemp(path.join(tempRoot, `${name}-`));
  const dirs = { modelsDir: path.join(dir, 'models'), cacheDir: path.join(dir, 'cache') };
  await mkdir(dirs.modelsDir);
  await mkdir(dirs.cacheDir);
  return dirs;
}

/** loadEmbedder, collecting download reports into `events` (and passing each to `alsoTell`). */
async function load(settings: EmbeddingSettings, events: DownloadProgressEvent[] = [], alsoTell?: (event: DownloadProgressEvent) => void) {
  const loaded = await loadEmbedder(settings, {
    onDownloadProgress: (event) => {
      events.push(event);
      alsoTell?.(event);
    },
  });
  if (loaded.embedder) embedders.push(loaded.embedder);
  return loaded;
}

describe('first start: the model is downloaded from the hub', () => {
  let hub: FakeHub;
  let dirs: { modelsDir: string; cacheDir: string };
  let onnxBytes: number;
  const events: DownloadProgressEvent[] = [];
  let firstLoad: Awaited<ReturnType<typeof loadEmbedder>>;

  beforeAll(async () => {
    onnxBytes = (await readFile(path.join(FIXTURE_DIR, ONNX_FILE))).length;
    // The hub holds back the ONNX file's second half until the loader has reported bytes of the first:
    // so at least two reports arrive, whatever the chunking of the connection.
    let releaseSecondHalf = () => {};
    const firstBytesReported = new Promise<void>((resolve) => (releaseSecondHalf = resolve));
    hub = await startFakeHub({ holdBack: { file: ONNX_FILE, until: firstBytesReported } });
    dirs = await freshDirs('download');
    firstLoad = await load(settingsFor(hub.url, dirs), events, (event) => {
      if (event.file === ONNX_FILE) releaseSecondHalf();
    });
  }, 120_000);
  afterAll(async () => {
    await hub.close();
  });

  it('loads the downloaded model, with 32 dimensions', () => {
    expect(firstLoad.status).toEqual({ id: HUB_MODEL_ID, available: true, dimensions: 32, error: null });
    expect(firstLoad.embedder?.dimensions).toBe(32);
  });

  it('asks the hub for each file once, at <model>/resolve/main/<file>', () => {
    expect([...hub.requests].sort()).toEqual(MODEL_FILES.map((file) => `GET ${resolvePath(HUB_MODEL_ID, file)}`).sort());
  });

  it('reports growing byte counts up to the size of the ONNX file', () => {
    const onnx = events.filter((event) => event.file === ONNX_FILE);
    expect(onnx.length).toBeGreaterThanOrEqual(2);
    expect(onnx[0]?.loaded).toBeLessThan(onnxBytes);
    onnx.forEach((event, i) => {
      expect(event.total).toBe(onnxBytes);
      if (i > 0) expect(event.loaded).toBeGreaterThan(onnx[i - 1]?.loaded ?? Infinity);
    });
    expect(onnx.at(-1)?.loaded).toBe(onnxBytes);
    expect(new Set(events.map((event) => event.file))).toEqual(new Set(MODEL_FILES));
  });

  it('stores the files in the cache directory, byte for byte, under <model id>/', async () => {
    expect(await filesBelow(dirs.cacheDir)).toEqual(MODEL_FILES.map((file) => `${HUB_MODEL_ID}/${file}`).sort());
    for (const file of MODEL_FILES) {
      const cached = await readFile(path.join(dirs.cacheDir, HUB_MODEL_ID, file));
      expect(cached.equals(await readFile(path.join(FIXTURE_DIR, file))), file).toBe(true);
    }
    expect(await filesBelow(dirs.modelsDir)).toEqual([]);
  });

  it('gives the same vectors as the fixture model loaded from MODELS_DIR', async () => {
    const local = await load({ ...settingsFor(hub.url, dirs), modelId: TINY_MODEL_ID, modelsDir: TEST_MODELS_DIR, allowRemoteModels: false });
    const text = 'Qui dirige le lobbying ?';
    const [downloaded, fromFixture] = [await firstLoad.embedder?.embedQuery(text), await local.embedder?.embedQuery(text)];
    expect(downloaded).toHaveLength(32);
    downloaded?.forEach((value, i) => expect(value).toBeCloseTo(fromFixture?.[i] ?? Number.NaN, 6));
  });

  it('loads again from the cache without any request or download report', async () => {
    const before = hub.requests.length;
    const again: DownloadProgressEvent[] = [];
    const { status } = await load(settingsFor(hub.url, dirs), again);
    expect(status).toMatchObject({ available: true, dimensions: 32 });
    expect(hub.requests).toHaveLength(before);
    expect(again).toEqual([]);
  });

  it('loads from the cache with the hub stopped, remote models allowed or not', async () => {
    const before = hub.requests.length;
    await hub.close();
    for (const allowRemoteModels of [true, false]) {
      const again: DownloadProgressEvent[] = [];
      const { status } = await load(settingsFor(hub.url, dirs, { allowRemoteModels }), again);
      expect(status, `allowRemoteModels: ${allowRemoteModels}`).toMatchObject({ available: true, dimensions: 32, error: null });
      expect(again).toEqual([]);
    }
    expect(hub.requests).toHaveLength(before);
  });
});

describe('first start: the hub does not have the model', () => {
  it.each([404, 500])('a hub answering %i gives no embedder and one line naming the model', async (status) => {
    const hub = await startFakeHub({ failWith: status });
    try {
      const dirs = await freshDirs(`fail-${status}`);
      const events: DownloadProgressEvent[] = [];
      const loaded = await load(settingsFor(hub.url, dirs, { modelId: 'acme/no-such-model' }), events);

      expect(loaded.embedder).toBeNull();
      expect(loaded.status).toMatchObject({ id: 'acme/no-such-model', available: false, dimensions: null });
      const error = loaded.status.error ?? '';
      expect(error).not.toContain('\n');
      expect(error).toContain('the embedding model acme/no-such-model could not be loaded');
      expect(error).toContain(`${hub.url}acme/no-such-model/resolve/main/`);
      expect(error).toContain(`model hub: ${hub.url}, MODEL_HUB_URL`);
      expect(error).not.toMatch(/\bat .+:\d+:\d+/);
      expect(hub.requests.length).toBeGreaterThan(0);
      for (const request of hub.requests) expect(request).toMatch(/^GET \/acme\/no-such-model\/resolve\/main\/[\w./]+$/);
      expect(events).toEqual([]);
      expect(await filesBelow(dirs.cacheDir)).toEqual([]);
    } finally {
      await hub.close();
    }
  });
});

describe('models read from MODELS_DIR', () => {
  it('report no download progress and make no request, even with remote models allowed', async () => {
    const hub = await startFakeHub();
    try {
      const dirs = await freshDirs('local');
      const events: DownloadProgressEvent[] = [];
      const { status } = await load(settingsFor(hub.url, { ...dirs, modelsDir: TEST_MODELS_DIR }, { modelId: TINY_MODEL_ID }), events);
      expect(status).toMatchObject({ available: true, dimensions: 32 });
      expect(events).toEqual([]);
      expect(hub.requests).toEqual([]);
    } finally {
      await hub.close();
    }
  });
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Runs the command line (`tsx src/cli/main.ts …`) and returns its standard error once it exits. */
function runCli(args: string[], environment: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), [path.join(REPO_ROOT, 'src/cli/main.ts'), ...args], {
      env: { PATH: process.env['PATH'], HOME: process.env['HOME'], ...environment },
      cwd: REPO_ROOT,
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('the command line during the first start', () => {
  it('shows one download bar per file with its size and rate, and none once the model is cached', async () => {
    const hub = await startFakeHub();
    const workspace = await makeWorkspace();
    try {
      const dirs = await freshDirs('cli');
      const environment = testEnvironment(workspace, {
        MODEL_ID: HUB_MODEL_ID,
        MODELS_DIR: dirs.modelsDir,
        MODEL_CACHE_DIR: dirs.cacheDir,
        ALLOW_REMOTE_MODELS: 'true',
        MODEL_HUB_URL: hub.url,
      });
      const first = await runCli(['index'], environment);
      expect(first.code, first.stderr).toBe(0);
      for (const file of MODEL_FILES) {
        const size = ((await readFile(path.join(FIXTURE_DIR, file))).length / 1000).toFixed(1);
        const bar = new RegExp(`^Téléchargement ${escapeRegExp(file)} \\[█+\\] ${escapeRegExp(`${size}/${size}`)} kB · [\\d.]+ kB/s`, 'm');
        expect(first.stderr).toMatch(bar);
      }
      expect(first.stderr).toContain(`Retrieval: hybrid (semantic with ${HUB_MODEL_ID}, 32 dimensions`);

      const requestsAfterFirst = hub.requests.length;
      const second = await runCli(['index'], environment);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stderr).not.toContain('Téléchargement');
      expect(second.stderr).toContain('Retrieval: hybrid');
      expect(hub.requests).toHaveLength(requestsAfterFirst);
    } finally {
      await hub.close();
      await workspace.remove();
    }
  });
});

describe('MODEL_HUB_URL', () => {
  it('defaults to the Hugging Face hub and accepts a mirror', () => {
    expect(loadConfig({}).embedding.hubUrl).toBe('https://huggingface.co/');
    expect(loadConfig({ MODEL_HUB_URL: 'http://127.0.0.1:8080' }).embedding.hubUrl).toBe('http://127.0.0.1:8080/');
    expect(loadConfig({ MODEL_HUB_URL: 'https://mirror.example/hf/' }).embedding.hubUrl).toBe('https://mirror.example/hf/');
  });

  it('rejects what is not an http(s) URL, naming the variable', () => {
    for (const value of ['huggingface.co', 'ftp://mirror.example/', 'file:///models']) {
      expect(() => loadConfig({ MODEL_HUB_URL: value }), value).toThrow(/MODEL_HUB_URL: must be an http\(s\) URL/);
    }
  });
});
