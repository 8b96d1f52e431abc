import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { requestLog } from '../src/server/request-log.js';
import { startServer } from '../src/server/start-server.js';

describe('request log', () => {
  it('writes one JSON line per request with method, path, status and duration, and never the body', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').trim().split('\n'));
        done();
      },
    });
    const app = express();
    app.use(requestLog(pino({ level: 'info' }, sink)));
    app.use(express.json());
    app.post('/ask', (_request, response) => void response.status(201).json({ ok: true }));
    const running = await startServer(app, '127.0.0.1', 0);
    try {
      await fetch(`${running.url}/ask?x=1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"question":"secret question"}' });
    } finally {
      await running.close();
    }
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ method: 'POST', path: '/ask', status: 201, msg: 'request' });
    expect(entry.ms).toBeGreaterThanOrEqual(0);
    expect(lines[0]).not.toContain('secret question');
  });
});
