import { connect } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/server/start-server.js';

/** A server answering "ok" on GET /, stopped with the given grace period. */
function startOkServer(shutdownGraceMs: number) {
  const app = express();
  app.get('/', (_request, response) => response.send('ok'));
  return startServer(app, '127.0.0.1', 0, { maxConnections: 16, shutdownGraceMs, requestTimeoutMs: 30_000 });
}

/** A raw TCP connection to the server, once connected. */
async function connectTo(url: string) {
  const socket = connect(Number(new URL(url).port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  return socket;
}

describe('stopping the HTTP server', () => {
  it('cuts a connection that never sends its request at the end of the grace period, and a second stop is the same stop', async () => {
    const running = await startOkServer(400);
    const silent = await connectTo(running.url);
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
    const running = await startOkServer(2_000);
    const socket = await connectTo(running.url);
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
