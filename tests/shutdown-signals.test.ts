import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFactShown, type ShownAnswer } from './helpers/fact-shown.js';
import { startFakeChatCompletions, type FakeChatCompletions } from './helpers/fake-chat-completions.js';
import { cliEnvironment } from './helpers/run-cli.js';
import { REPO_ROOT } from './helpers/paths.js';
import { makeWorkspace, testEnvironment, type Workspace } from './helpers/test-config.js';

const IN_FLIGHT = 20;

/** `npm start` as a user runs it, in its own process group (as a terminal or a container runs it). */
async function npmStart(environment: Record<string, string>): Promise<{ npm: ChildProcess; url: string; stderr: () => string; exited: Promise<number | null> }> {
  const npm = spawn('npm', ['start'], { cwd: REPO_ROOT, env: cliEnvironment(environment), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  npm.stderr!.on('data', (chunk) => (stderr += chunk));
  npm.stdout!.on('data', () => undefined);
  const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no Ready line in 60 s:\n${stderr}`)), 60_000);
    npm.stderr!.on('data', () => {
      const ready = /Ready: open (http:\/\/\S+)\//u.exec(stderr);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
  });
  return { npm, url, stderr: () => stderr, exited };
}

/** The server process npm started (npm runs the script through `sh -c "… && exec node …"`). */
async function childOf(pid: number): Promise<number> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/u.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (parent === pid) return Number(entry);
  }
  throw new Error(`npm (pid ${pid}) has no child process`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('shutdown under load: SIGTERM to npm, to the process group, or to the server', () => {
  let fake: FakeChatCompletions;
  let workspace: Workspace;
  beforeAll(async () => {
    fake = await startFakeChatCompletions();
    // Every answer waits for a model that does not reply, then falls back to the quoted answer: requests stay in flight.
    fake.behaviour = { kind: 'hang' };
    workspace = await makeWorkspace();
  });
  afterAll(async () => {
    await fake.close();
    await workspace.remove();
  });

  for (const target of ['npm', 'group', 'server'] as const) {
    it(`answers all ${IN_FLIGHT} requests in flight, then stops and frees the port (signal to ${target})`, async () => {
      const started = await npmStart(
        testEnvironment(workspace, { PORT: '0', LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'slow', LLM_TIMEOUT_MS: '1500', MAX_CONCURRENT: '32', LOG_LEVEL: 'silent' }),
      );
      const server = await childOf(started.npm.pid!);
      const before = fake.received.length;
      const inFlight = Array.from({ length: IN_FLIGHT }, (_, i) =>
        fetch(`${started.url}/ask`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ question: `Qui dirigera le bureau de Paris ? ${i}` }) }).then(
          async (response) => ({ status: response.status, body: (await response.json()) as ShownAnswer }),
          (error: Error) => ({ status: 0, body: { answer: error.message, abstained: false } as ShownAnswer }),
        ),
      );
      await expect.poll(() => fake.received.length - before, { timeout: 10_000 }).toBe(IN_FLIGHT);
      if (target === 'npm') process.kill(started.npm.pid!, 'SIGTERM');
      else if (target === 'group') process.kill(-started.npm.pid!, 'SIGTERM');
      else process.kill(server, 'SIGTERM');

      const answers = await Promise.all(inFlight);
      expect(answers.map((answer) => answer.status)).toEqual(Array(IN_FLIGHT).fill(200));
      for (const answer of answers) expectFactShown(answer.body, 'Janine Korovesis', undefined, 3);
      await started.exited;
      await expect.poll(() => isRunning(server), { timeout: 5_000 }).toBe(false);
      expect(started.stderr()).toMatch(/SIGTERM: not taking new requests/);
      expect(started.stderr()).toMatch(/Stopped\./);
      // The port is free: nothing answers there any more.
      await expect(fetch(`${started.url}/health`)).rejects.toThrow();
    }, 60_000);
  }
});

describe('a stop during a burst resets nothing', () => {
  let workspace: Workspace;
  beforeAll(async () => {
    workspace = await makeWorkspace();
  });
  afterAll(async () => {
    await workspace.remove();
  });

  for (const burst of [60, 200]) {
    it(`answers each of ${burst} requests from one client, SIGTERM 30 ms after they start: 200, 429 or 503 with Retry-After, never a reset`, async () => {
      const started = await npmStart(testEnvironment(workspace, { PORT: '0', MAX_CONCURRENT: '64', RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'silent' }));
      const outcomes = Array.from({ length: burst }, (_, i) =>
        fetch(`${started.url}/search`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query: `bureau de Paris ${i}` }) }).then(
          async (response) => ({ status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() }),
          (error: Error & { cause?: { code?: string } }) => ({ status: 0, retryAfter: null, body: `${error.message} ${error.cause?.code ?? ''}` }),
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 30));
      process.kill(started.npm.pid!, 'SIGTERM');
      const results = await Promise.all(outcomes);
      expect(results.filter((result) => result.status === 0).map((result) => result.body)).toEqual([]);
      // 429 is the load shedding's complete answer to a burst beyond its queue, with its own Retry-After.
      for (const result of results) expect([200, 429, 503]).toContain(result.status);
      for (const refused of results.filter((result) => result.status === 503)) {
        expect(refused.retryAfter).toBe('5');
        expect(JSON.parse(refused.body).error.code).toBe('shutting_down');
      }
      await started.exited;
    }, 60_000);
  }
});
