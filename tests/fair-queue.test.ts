import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shedLoad } from '../src/server/load-shedding.js';
import { startServer, type RunningServer } from '../src/server/start-server.js';

/** The fair line alone, in a real HTTP server: each answer takes 10 ms, one at a time. */
describe('the answering line under steady load', () => {
  let running: RunningServer;
  beforeAll(async () => {
    const app = express();
    app.use(shedLoad({ concurrency: 1, queue: 64 }, true).handler);
    app.post('/ask', (_request, response) => void setTimeout(() => response.json({ ok: true }), 10));
    running = await startServer(app, '127.0.0.1', 0);
  });
  afterAll(async () => {
    await running.close();
  });

  const ask = (key: string) => fetch(`${running.url}/ask`, { method: 'POST', headers: { 'X-API-Key': key } }).then((response) => response.status);

  it('serves a client with several requests waiting while eight others keep one request each in line', async () => {
    const until = Date.now() + 1_500;
    const steady = Array.from({ length: 8 }, async (_, i) => {
      let served = 0;
      while (Date.now() < until) if ((await ask(`steady-client-${i}`)) === 200) served += 1;
      return served;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const burstStarted = Date.now();
    const burst = await Promise.all(Array.from({ length: 4 }, () => ask('burst-client')));
    const burstMs = Date.now() - burstStarted;
    const steadyServed = await Promise.all(steady);
    expect(burst).toEqual([200, 200, 200, 200]);
    // Four turns among nine clients of 10 ms each: well under a second, not after the others stop.
    expect(burstMs).toBeLessThan(1_000);
    expect(Math.min(...steadyServed)).toBeGreaterThan(5);
  });
});
