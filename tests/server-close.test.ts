import { connect } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/server/start-server.js';

describe('stopping the HTTP server', () => {
  it('cuts a connection that never sends its request at the end of the grace period, and a second stop is the same stop', async () => {
    const app = express();
    app.get('/', (_request, response) => response.send('ok'));
    const running = await startServer(app, '127.0.0.1', 0, { maxConnections: 16, shutdownGraceMs: 400, requestTimeoutMs: 30_000 });
    const port = Number(new URL(running.url).port);
    const silent = connect(port, '127.0.0.1');
    await new Promise((resolve) => silent.once('connect', resolve));
    const closed = new Promise((resolve) => silent.once('close', resolve));
    const startedAt = Date.now();
    const first = running.close();
    const second = running.close();
    expect(second).toBe(first);
    await first;
    await closed;
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    await expect(running.close()).resolves.toBeUndefined();
  });

  it('answers a request read after the stop began with 503, Connection: close and Retry-After', async () => {
    const app = express();
    app.get('/', (_request, response) => response.send('ok'));
    const running = await startServer(app, '127.0.0.1', 0, { maxConnections: 16, shutdownGraceMs: 2_000, requestTimeoutMs: 30_000 });
    const port = Number(new URL(running.url).port);
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const stopped = running.close();
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk.toString()));
    const ended = new Promise((resolve) => socket.once('close', resolve));
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await ended;
    expect(reply).toMatch(/^HTTP\/1\.1 503 /u);
    expect(reply).toMatch(/\r\nconnection: close\r\n/iu);
    expect(reply).toMatch(/\r\nretry-after: 5\r\n/iu);
    expect(reply).toContain('"code":"shutting_down"');
    await stopped;
  });
});
