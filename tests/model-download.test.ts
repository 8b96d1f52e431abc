import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { downloadReporter } from '../src/cli/progress-reporter.js';
import { loadConfig } from '../src/config.js';
import { loadEmbedder } from '../src/embedding/index.js';
import type { E5Embeddings, EmbeddingSettings, ModelStatus } from '../src/embedding/index.js';
import type { DownloadProgressEvent } from '../src/embedding/download-reports.js';
import { REPO_ROOT, TEST_MODELS_DIR, TINY_MODEL_ID } from './helpers/paths.js';
import { runCli } from './helpers/run-cli.js';
import { makeWorkspace, testEnvironment } from './helpers/test-config.js';

/** Read before any test changes transformers.js's process-wide `env`. */
const TRANSFORMERS_DEFAULT_HOST = env.remoteHost;

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
  /** Send the first half of this file (then call `sent`), then the rest only once `until` resolves. */
  holdBack?: { file: string; until: Promise<void>; sent?: () => void };
  /** Once `after` resolves, send the first half of this file, then cut the connection. */
  cut?: { file: string; after: Promise<void> };
  /** Send no Content-Length header (the hub streams the file without saying its size). */
  noContentLength?: boolean;
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
    const half = Math.floor(bytes.length / 2);
    if (options.cut?.file === file) await options.cut.after;
    response.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      ...(options.noContentLength ? {} : { 'Content-Length': String(bytes.length) }),
    });
    if (options.cut?.file === file) {
      response.write(bytes.subarray(0, half), () => response.destroy());
    } else if (options.holdBack?.file === file) {
      response.write(bytes.subarray(0, half), () => options.holdBack?.sent?.());
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

type ProgressEvent = Extract<DownloadProgressEvent, { kind: 'progress' }>;

/** The `progress` reports of one file, in order. */
const progressOf = (events: DownloadProgressEvent[], file: string): ProgressEvent[] =>
  events.filter((event): event is ProgressEvent => event.kind === 'progress' && event.file === file);

/** File → size, from the `done` reports. */
const doneSizes = (events: DownloadProgressEvent[]): Record<string, number> =>
  Object.fromEntries(events.flatMap((event) => (event.kind === 'done' ? [[event.file, event.loaded]] : [])));

async function fixtureSizes(): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const file of MODEL_FILES) sizes[file] = (await readFile(path.join(FIXTURE_DIR, file))).length;
  return sizes;
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
      if ('file' in event && event.file === ONNX_FILE) releaseSecondHalf();
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
    const onnx = progressOf(events, ONNX_FILE);
    expect(onnx.length).toBeGreaterThanOrEqual(2);
    expect(onnx[0]?.loaded).toBeLessThan(onnxBytes);
    onnx.forEach((event, i) => {
      expect(event.total).toBe(onnxBytes);
      if (i > 0) expect(event.loaded).toBeGreaterThan(onnx[i - 1]?.loaded ?? Infinity);
    });
    expect(onnx.at(-1)?.loaded).toBe(onnxBytes);
  });

  it('reports each file done with its size, then the end of the downloads, once and last', async () => {
    expect(doneSizes(events)).toEqual(await fixtureSizes());
    expect(events.filter((event) => event.kind === 'done')).toHaveLength(MODEL_FILES.length);
    expect(events.filter((event) => event.kind === 'end')).toEqual([{ kind: 'end', ok: true }]);
    expect(events.at(-1)).toEqual({ kind: 'end', ok: true });
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

describe('first start: the hub does not say the size of the files', () => {
  it('reports each size as unknown (null) until the file is done, then its size', async () => {
    // The tokenizer's second half waits until its first bytes were reported: it arrives in two reports at least.
    let release = () => {};
    const firstBytesReported = new Promise<void>((resolve) => (release = resolve));
    const hub = await startFakeHub({ noContentLength: true, holdBack: { file: 'tokenizer.json', until: firstBytesReported } });
    try {
      const dirs = await freshDirs('no-length');
      const events: DownloadProgressEvent[] = [];
      const warnings: string[] = [];
      const warn = vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')));
      let status: ModelStatus | undefined;
      try {
        ({ status } = await load(settingsFor(hub.url, dirs), events, (event) => {
          if ('file' in event && event.file === 'tokenizer.json') release();
        }));
        // transformers.js warns about each file without a size, which would break the bar's line: dropped while loading only.
        expect(console.warn).toBe(warn);
        expect(warnings.filter((warning) => /content-length/i.test(warning))).toEqual([]);
      } finally {
        warn.mockRestore();
      }
      expect(status).toMatchObject({ available: true, dimensions: 32 });
      // transformers.js says total = loaded for JSON files, and total = 0 for the ONNX file it streams to the cache.
      expect(progressOf(events, 'tokenizer.json').length).toBeGreaterThanOrEqual(2);
      expect(progressOf(events, ONNX_FILE).length).toBeGreaterThanOrEqual(1);
      for (const event of events) if (event.kind === 'progress') expect(event.total, event.file).toBeNull();
      expect(doneSizes(events)).toEqual(await fixtureSizes());
      expect(events.at(-1)).toEqual({ kind: 'end', ok: true });
    } finally {
      await hub.close();
    }
  });
});

describe('first start: the connection is cut during a download', () => {
  it('stops reporting when loading fails although another file still downloads, and does not blame the cache', async () => {
    // The ONNX file is cut half-way while the tokenizer is half sent; the tokenizer's rest comes after loading failed.
    let tokenizerHalfSent = () => {};
    const tokenizerStarted = new Promise<void>((resolve) => (tokenizerHalfSent = resolve));
    let releaseTokenizer = () => {};
    const tokenizerRest = new Promise<void>((resolve) => (releaseTokenizer = resolve));
    const hub = await startFakeHub({
      holdBack: { file: 'tokenizer.json', until: tokenizerRest, sent: tokenizerHalfSent },
      cut: { file: ONNX_FILE, after: tokenizerStarted },
    });
    try {
      const dirs = await freshDirs('cut');
      const events: DownloadProgressEvent[] = [];
      const loaded = await load(settingsFor(hub.url, dirs), events);
      const reportedWhenLoaded = events.length;
      // transformers.js keeps reading the tokenizer in the background, then caches it: wait for that.
      releaseTokenizer();
      const cachedTokenizer = path.join(dirs.cacheDir, HUB_MODEL_ID, 'tokenizer.json');
      while (!existsSync(cachedTokenizer)) await new Promise((resolve) => setTimeout(resolve, 10));

      expect(loaded.embedder).toBeNull();
      const error = loaded.status.error ?? '';
      expect(error).toContain(`the embedding model ${HUB_MODEL_ID} could not be loaded (TypeError: terminated)`);
      expect(existsSync(path.join(dirs.cacheDir, HUB_MODEL_ID))).toBe(true);
      expect(error).not.toContain('If a download was interrupted');
      expect(events.filter((event) => event.kind === 'end')).toEqual([{ kind: 'end', ok: false }]);
      expect(events.at(-1)).toEqual({ kind: 'end', ok: false });
      expect(events).toHaveLength(reportedWhenLoaded);
    } finally {
      await hub.close();
    }
  });
});

/** A stream that records what is written to it, as a terminal or not. */
function fakeStream(isTTY: boolean): { stream: NodeJS.WriteStream; writes: string[] } {
  const writes: string[] = [];
  const stream = {
    isTTY,
    write: (chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    },
  };
  return { stream: stream as unknown as NodeJS.WriteStream, writes };
}

const bar = (filled: number) => `[${'█'.repeat(filled)}${'░'.repeat(28 - filled)}]`;

describe('the download bar', () => {
  it('on a terminal, draws the files downloading at once on one line redrawn in place, summing their bytes', () => {
    const { stream, writes } = fakeStream(true);
    let ms = 0;
    const report = downloadReporter(stream, () => ms);
    report({ kind: 'progress', file: 'tokenizer.json', loaded: 5_000, total: 40_000 });
    ms = 1_000;
    report({ kind: 'progress', file: ONNX_FILE, loaded: 8_000, total: 62_800 });
    report({ kind: 'progress', file: 'tokenizer.json', loaded: 10_000, total: 40_000 });
    expect(writes).toHaveLength(3);
    for (const write of writes) {
      expect(write).toMatch(/^\r[^\r\n]*\x1b\[K$/);
      expect(write.match(/Téléchargement/g)).toHaveLength(1);
    }
    expect(writes[2]).toBe(`\rTéléchargement du modèle ${bar(5)} 18.0/102.8 kB · 13.0 kB/s · 2 fichiers\x1b[K`);

    ms = 2_000;
    report({ kind: 'progress', file: 'tokenizer.json', loaded: 40_000, total: 40_000 });
    report({ kind: 'done', file: 'tokenizer.json', loaded: 40_000 });
    report({ kind: 'progress', file: ONNX_FILE, loaded: 62_800, total: 62_800 });
    report({ kind: 'done', file: ONNX_FILE, loaded: 62_800 });
    expect(writes.join('')).not.toContain('\n');
    report({ kind: 'end', ok: true });
    expect(writes.at(-1)).toBe(`\rTéléchargement du modèle ${bar(28)} 102.8/102.8 kB · 48.9 kB/s · 2 fichiers\x1b[K\n`);
  });

  it('shows MB once the sizes known reach 1 MB', () => {
    const { stream, writes } = fakeStream(true);
    let ms = 0;
    const report = downloadReporter(stream, () => ms);
    report({ kind: 'progress', file: 'tokenizer.json', loaded: 17_000_000, total: 17_000_000 });
    ms = 1_000;
    report({ kind: 'progress', file: ONNX_FILE, loaded: 23_000_000, total: 118_000_000 });
    expect(writes.at(-1)).toBe(`\rTéléchargement du modèle ${bar(8)} 40.0/135.0 MB · 23.0 MB/s · 2 fichiers\x1b[K`);
  });

  it('elsewhere, prints a line at most every 10% of the bytes, when a file appears, and the final state', () => {
    const { stream, writes } = fakeStream(false);
    const report = downloadReporter(stream, () => 0);
    report({ kind: 'progress', file: 'config.json', loaded: 1_000, total: 1_000 });
    report({ kind: 'done', file: 'config.json', loaded: 1_000 });
    for (let loaded = 1_000; loaded <= 99_000; loaded += 1_000) {
      report({ kind: 'progress', file: ONNX_FILE, loaded, total: 99_000 });
    }
    report({ kind: 'done', file: ONNX_FILE, loaded: 99_000 });
    report({ kind: 'end', ok: true });
    for (const write of writes) expect(write).toMatch(/^Téléchargement du modèle [^\r\n]*\n$/);
    expect(writes.length).toBeGreaterThanOrEqual(3);
    expect(writes.length).toBeLessThanOrEqual(13);
    expect(writes[0]).toContain('1.0/1.0 kB');
    expect(writes[1]).toContain('2.0/100.0 kB · ');
    expect(writes.at(-1)).toMatch(/ 100\.0\/100\.0 kB · [\d.]+ kB\/s · 2 fichiers\n$/);
    expect(writes.filter((write) => write.includes('100.0/100.0'))).toHaveLength(1);
  });

  it('shows a byte count and a rate for a file of unknown size, and does not look finished before it is done', () => {
    const { stream, writes } = fakeStream(true);
    let ms = 0;
    const report = downloadReporter(stream, () => ms);
    report({ kind: 'progress', file: 'tokenizer.json', loaded: 5_000, total: null });
    expect(writes.at(-1)).toBe('\rTéléchargement du modèle 5.0 kB · 0.0 kB/s · 1 fichier · tokenizer.json 5.0 kB\x1b[K');
    ms = 1_000;
    report({ kind: 'progress', file: 'config.json', loaded: 200, total: 200 });
    report({ kind: 'done', file: 'config.json', loaded: 200 });
    ms = 2_000;
    report({ kind: 'progress', file: 'tokenizer.json', loaded: 10_000, total: null });
    expect(writes.at(-1)).toBe(
      `\rTéléchargement du modèle ${bar(27)} 0.2/0.2 kB · 2.6 kB/s · 2 fichiers · tokenizer.json 10.0 kB à 2.5 kB/s\x1b[K`,
    );
    expect(writes.join('')).not.toContain('\n');
    report({ kind: 'done', file: 'tokenizer.json', loaded: 10_000 });
    expect(writes.at(-1)).toBe(`\rTéléchargement du modèle ${bar(28)} 10.2/10.2 kB · 2.6 kB/s · 2 fichiers\x1b[K`);
  });

  it('ends its line when loading fails, so the error starts on a line of its own, and ignores late reports', () => {
    for (const isTTY of [true, false]) {
      const { stream, writes } = fakeStream(isTTY);
      const report = downloadReporter(stream, () => 1_000);
      report({ kind: 'progress', file: 'tokenizer.json', loaded: 20_000, total: 40_000 });
      report({ kind: 'progress', file: ONNX_FILE, loaded: 10_000, total: 60_000 });
      report({ kind: 'end', ok: false });
      const written = writes.length;
      expect(writes.at(-1), `isTTY: ${isTTY}`).toMatch(/ 30\.0\/100\.0 kB · .* · interrompu(\x1b\[K)?\n$/);
      report({ kind: 'progress', file: 'tokenizer.json', loaded: 40_000, total: 40_000 });
      report({ kind: 'done', file: 'tokenizer.json', loaded: 40_000 });
      expect(writes, `isTTY: ${isTTY}`).toHaveLength(written);
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

describe('the command line during the first start', () => {
  it('shows one download bar for all the files, with their total size and rate, and none once the model is cached', async () => {
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
      const total = (Object.values(await fixtureSizes()).reduce((sum, size) => sum + size, 0) / 1000).toFixed(1);
      const lines = first.stderr.split('\n');
      const downloadLines = lines.filter((line) => line.includes('Téléchargement'));
      expect(downloadLines.length).toBeGreaterThanOrEqual(1);
      for (const line of downloadLines) expect(line).toMatch(/^Téléchargement du modèle /);
      expect(downloadLines.at(-1)).toMatch(new RegExp(`^Téléchargement du modèle \\[█+\\] ${escapeRegExp(`${total}/${total}`)} kB · [\\d.]+ kB/s · 4 fichiers$`));
      // The bar is done before anything else is said.
      expect(lines.indexOf(downloadLines.at(-1) ?? '')).toBeLessThan(lines.findIndex((line) => line.startsWith('Index built')));
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
  it('defaults to the hub transformers.js itself uses, and accepts a mirror', () => {
    expect(loadConfig({}).embedding.hubUrl).toBe(TRANSFORMERS_DEFAULT_HOST);
    expect(loadConfig({ MODEL_HUB_URL: 'http://127.0.0.1:8080' }).embedding.hubUrl).toBe('http://127.0.0.1:8080/');
    expect(loadConfig({ MODEL_HUB_URL: 'https://mirror.example/hf/' }).embedding.hubUrl).toBe('https://mirror.example/hf/');
  });

  it('rejects what is not an http(s) URL, naming the variable', () => {
    for (const value of ['mirror.example', 'ftp://mirror.example/', 'file:///models']) {
      expect(() => loadConfig({ MODEL_HUB_URL: value }), value).toThrow(/MODEL_HUB_URL: must be an http\(s\) URL/);
    }
  });
});
