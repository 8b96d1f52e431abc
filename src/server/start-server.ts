import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

export interface RunningServer {
  url: string;
  server: Server;
  /** Stops taking connections and lets the requests in flight finish (cut after the grace period). */
  close: () => Promise<void>;
}

export interface ServerLimits {
  /** Open connections at most (server.maxConnections): beyond, new ones are refused. */
  maxConnections: number;
  /** How long close() waits for the requests in flight before cutting them. */
  shutdownGraceMs: number;
  /** A request's headers and body must have arrived within this (408 after). */
  requestTimeoutMs: number;
}

const HEADERS_TIMEOUT_MS = 10_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** How often Node checks the two timeouts above (its default, 30 s, let a slow client hold a socket up to twice as long). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;
const DEFAULT_LIMITS: ServerLimits = { maxConnections: 1024, shutdownGraceMs: 10_000, requestTimeoutMs: 30_000 };

/** Listens on host:port (port 0 picks a free one) and resolves once the socket is bound. */
export function startServer(app: Express, host: string, port: number, limits: ServerLimits = DEFAULT_LIMITS): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    // A client that sends its headers or body slowly gives up its socket: it cannot hold one for minutes.
    const server = createServer(
      {
        headersTimeout: Math.min(HEADERS_TIMEOUT_MS, limits.requestTimeoutMs),
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
        connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
      },
      app,
    );
    server.maxConnections = limits.maxConnections;
    server.listen(port, host);
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({ url: `http://${shownHost}:${address.port}`, server, close: () => closeGracefully(server, limits.shutdownGraceMs) });
    });
  });
}

/** Idle keep-alive sockets are closed at once; busy ones after their response (or after the grace period). */
function closeGracefully(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((done, fail) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    // A keep-alive socket that finishes its response while closing is closed then, not left open.
    const closeWhenIdle = setInterval(() => server.closeIdleConnections(), 50);
    closeWhenIdle.unref();
    server.close((error) => {
      clearTimeout(force);
      clearInterval(closeWhenIdle);
      if (error) fail(error);
      else done();
    });
    server.closeIdleConnections();
  });
}
