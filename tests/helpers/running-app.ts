import { openEngine, type Engine } from '../../src/engine.js';
import { createLogger } from '../../src/logger.js';
import { createApp } from '../../src/server/app.js';
import { startServer, type RunningServer } from '../../src/server/start-server.js';
import { makeWorkspace, testConfig, type Workspace } from './test-config.js';

export interface RunningApp {
  url: string;
  engine: Engine;
  workspace: Workspace;
  stop: () => Promise<void>;
}

export interface StartTestAppOptions {
  /** Articles (file name → UTF-8 text) added to the copied corpus before the index is built. */
  extraCorpusFiles?: Record<string, string>;
}

/** The real server on a loopback port, over a real index built from a copy of the shipped corpus. */
export async function startTestApp(environment: Record<string, string> = {}, options: StartTestAppOptions = {}): Promise<RunningApp> {
  const workspace = await makeWorkspace(options.extraCorpusFiles);
  const engine = await openEngine(testConfig(workspace, environment));
  const running: RunningServer = await startServer(createApp(engine, createLogger('silent')), '127.0.0.1', 0, engine.config.load);
  return {
    url: running.url,
    engine,
    workspace,
    stop: async () => {
      await running.close();
      await engine.close();
      await workspace.remove();
    },
  };
}

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}
