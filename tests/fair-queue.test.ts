import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shedLoad, type LoadShedder } from '../src/server/load-shedding.js';
import { startServer, type RunningServer } from '../src/server/start-server.js';

/**
 * The fair line alone, in a real HTTP server, one answer at a time. Each answer waits until the test
 * lets it finish, so the order of service is exact whatever the machine's load: no clock is read.
 */
describe('the answering line: the order of service', () => {
  let running: RunningServer;
  let shedder: LoadShedder;
  const served: string[] = [];
  const finish: (() => void)[] = [];
  beforeAll(async () => {
    const app = express();
    shedder = shedLoad({ concurrency: 1, queue: 64 }, true);
    app.use(shedder.handler);
    app.post('/ask', (request, response) => {
      served.push(String(request.headers['x-label']));
      finish.push(() => response.json({ ok: true }));
    });
    running = await startServer(app, '127.0.0.1', 0);
  });
  afterAll(async () => {
    await running.close();
  });

  const ask = (key: string, label: string) => fetch(`${running.url}/ask`, { method: 'POST', headers: { 'X-API-Key': key, 'X-Label': label } }).then((response) => response.status);
  const waiting = async (count: number) => expect.poll(() => shedder.load().waiting).toBe(count);

  it('gives a client with a burst waiting one turn per round among eight clients with one request each, and serves everyone', async () => {
    const statuses: Promise<number>[] = [ask('holder', 'holder')];
    await expect.poll(() => served.length).toBe(1);
    // The burst is in line first, then eight other clients with one request each.
    for (let i = 1; i <= 4; i++) {
      statuses.push(ask('burst-client', `burst${i}`));
      await waiting(i);
    }
    for (let i = 0; i < 8; i++) {
      statuses.push(ask(`steady-client-${i}`, `steady${i}`));
      await waiting(5 + i);
    }
    // Each finished answer lets the next one in; the order is the line's.
    for (let turn = 1; turn <= 12; turn++) {
      finish.shift()?.();
      await expect.poll(() => served.length).toBe(1 + turn);
    }
    finish.shift()?.();
    expect(await Promise.all(statuses)).toEqual(Array.from({ length: 13 }, () => 200));
    expect(served).toEqual(['holder', 'burst1', ...Array.from({ length: 8 }, (_, i) => `steady${i}`), 'burst2', 'burst3', 'burst4']);
    expect(shedder.load()).toEqual({ answering: 0, waiting: 0 });
  });
});
