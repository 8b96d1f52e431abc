import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../src/engine.js';
import { createApp } from '../src/server/app.js';
import { startServer, type RunningServer } from '../src/server/start-server.js';
import { makeWorkspace, testConfig, type Workspace } from './helpers/test-config.js';

describe('request log of the real app', () => {
  const lines: string[] = [];
  let workspace: Workspace;
  let running: RunningServer;
  beforeAll(async () => {
    workspace = await makeWorkspace();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').trim().split('\n'));
        done();
      },
    });
    running = await startServer(createApp(await openEngine(testConfig(workspace)), pino({ level: 'info' }, sink)), '127.0.0.1', 0);
  });
  afterAll(async () => {
    await running.close();
    await workspace.remove();
  });

  it('writes one JSON line per request, errors included, with method, path, status and duration, never the question', async () => {
    const post = (body: string) => fetch(`${running.url}/ask`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    await (await post('{"question":"Qui supervise la politique IA ?"}')).text();
    await (await post('{"question": 42}')).text();
    await (await fetch(`${running.url}/nope`)).text();
    const entries = lines.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
    expect(entries.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: 'POST', path: '/ask', status: 200 },
      { method: 'POST', path: '/ask', status: 400 },
      { method: 'GET', path: '/nope', status: 404 },
    ]);
    for (const entry of entries) expect(entry.ms).toBeGreaterThanOrEqual(0);
    expect(lines.join('\n')).not.toContain('politique');
  });
});
