import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * `tiny`: the test model the project ships (hybrid retrieval); `none`: no model at all (lexical
 * only); or a local model folder (the benchmark's encoder of multilingual-e5-small's shape).
 */
export type BenchModel = 'tiny' | 'none' | { modelsDir: string; modelId: string; dtype: 'q8' | 'fp32' };

export interface ServerProcessOptions {
  projectRoot: string;
  model: BenchModel;
  /** Default: the project's corpus/. */
  corpusDir?: string;
  /** Added to (and overriding) the settings the benchmark chooses, e.g. MAX_CONCURRENT. */
  env?: Record<string, string>;
  /** An index folder to serve (kept afterwards); default a fresh one, built on start and removed. */
  indexDir?: string;
  readyTimeoutMs?: number;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** From spawning the process to its "Ready:" line. */
  readyMs: number;
  /** The server process's resident memory now (Linux /proc), or null. */
  rssBytes: () => Promise<number | null>;
  /** Lines the server wrote on stderr after its "Ready:" line (with LOG_LEVEL=silent: warnings and crashes only). */
  stderrAfterReady: string[];
  /** Set when the process ended before stop() was called. */
  exitedEarly: () => { code: number | null; signal: NodeJS.Signals | null } | null;
  /** SIGTERM, then SIGKILL after `killAfterMs`; removes the temporary index. Safe to call twice. */
  stop: () => Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;
const KILL_AFTER_MS = 10_000;
const STDERR_TAIL = 30;

/** A loopback port that was free a moment ago: bound on port 0, read, released. */
export async function freeLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The real server, as `npm start` runs it (compiled, `node dist/cli/main.js serve`), in a child
 * process so that the load generator does not share its event loop: a fresh index in a temporary
 * directory, built on start, over the given corpus.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'qa-load-'));
  const port = await freeLoopbackPort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    PORT: String(port),
    HOST: '127.0.0.1',
    INDEX_DIR: options.indexDir ?? path.join(scratch, 'index'),
    CORPUS_DIR: options.corpusDir ?? path.join(options.projectRoot, 'corpus'),
    MODEL_CACHE_DIR: path.join(scratch, 'model-cache'),
    ALLOW_REMOTE_MODELS: 'false',
    LOG_LEVEL: 'silent',
    ...modelSettings(options.model, options.projectRoot, scratch),
    ...options.env,
  };
  await ensureCompiled(options.projectRoot);
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [path.join('dist', 'cli', 'main.js'), 'serve'], {
    cwd: options.projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Should this process end without calling stop() (an uncaught error, process.exit), the server goes too.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      process.removeListener('exit', killOnExit);
      resolve();
    });
  });
  child.stdout?.resume();
  const tail: string[] = [];
  const afterReady: string[] = [];
  let ready = false;
  let readyMs = 0;
  let stopping = false;

  const stop = async (): Promise<void> => {
    if (!stopping) {
      stopping = true;
      if (exit === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
        await exited;
        clearTimeout(timer);
      }
      await rm(scratch, { recursive: true, force: true });
    }
    await exited;
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
      const timer = setTimeout(
        () => reject(new Error(`the server did not print "Ready:" within ${timeoutMs / 1000} s (pid ${child.pid}); its last stderr lines:\n${tail.join('\n')}`)),
        timeoutMs,
      );
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`could not start the server: ${error.message}`));
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`the server exited before it was ready (${describeExit(exit)}); its last stderr lines:\n${tail.join('\n')}`));
      });
      createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
        if (ready) {
          afterReady.push(line);
          return;
        }
        tail.push(line);
        if (tail.length > STDERR_TAIL) tail.shift();
        if (line.startsWith('Ready:')) {
          ready = true;
          readyMs = performance.now() - spawnedAt;
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${port}`);
        }
      });
    });
    return {
      url,
      pid: child.pid ?? -1,
      readyMs,
      rssBytes: () => processRss(child.pid ?? -1),
      stderrAfterReady: afterReady,
      exitedEarly: () => (stopping ? null : exit),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Runs the compiled command line once (`node dist/cli/main.js <args>`, as `npm run index` does
 * after its build check) with the benchmark's settings, and returns how long it took to exit.
 */
export async function timeCliRun(args: string[], options: Omit<ServerProcessOptions, 'readyTimeoutMs'> & { indexDir: string }): Promise<number> {
  await ensureCompiled(options.projectRoot);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: process.env['HOME'],
    INDEX_DIR: options.indexDir,
    CORPUS_DIR: options.corpusDir ?? path.join(options.projectRoot, 'corpus'),
    ALLOW_REMOTE_MODELS: 'false',
    LOG_LEVEL: 'silent',
    ...modelSettings(options.model, options.projectRoot, options.indexDir),
    ...options.env,
  };
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join('dist', 'cli', 'main.js'), ...args], { cwd: options.projectRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}: ${stderr.slice(-500)}`))));
  });
  return performance.now() - started;
}

/** VmRSS of a process, from /proc/<pid>/status. */
export async function processRss(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kib = status ? /^VmRSS:\s+(\d+) kB/mu.exec(status)?.[1] : undefined;
  return kib ? Number(kib) * 1024 : null;
}

function modelSettings(model: BenchModel, projectRoot: string, scratch: string): Record<string, string> {
  if (typeof model === 'object') return { MODEL_ID: model.modelId, MODELS_DIR: model.modelsDir, MODEL_DTYPE: model.dtype };
  if (model === 'tiny') return { MODEL_ID: 'tiny-french-e5', MODELS_DIR: path.join(projectRoot, 'tests/fixtures/models') };
  // The default model id in a folder that does not hold it, remote loading off: the server says so and runs lexical-only.
  return { MODEL_ID: 'Xenova/multilingual-e5-small', MODELS_DIR: path.join(scratch, 'no-models') };
}

function describeExit(exit: { code: number | null; signal: NodeJS.Signals | null } | null): string {
  if (!exit) return 'unknown status';
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

/** Compiles src/ to dist/ if a source changed since (scripts/ensure-build.mjs, as npm start does). */
function ensureCompiled(projectRoot: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const build = spawn(process.execPath, [path.join(projectRoot, 'scripts', 'ensure-build.mjs')], { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit'] });
    build.on('error', reject);
    build.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`compiling src/ to dist/ failed (exit ${code})`))));
  });
}
