import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Server as NetServer, type AddressInfo, type Socket } from 'node:net';
import type { Express } from 'express';

export interface RunningServer {
  url: string;
  server: Server;
  /** Stops taking requests (503 to those that arrive), lets the ones in flight finish, then stops listening (cut after the grace period). */
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

/** While stopping, new connections are still accepted until none has come for this long (or MAX_DRAIN_MS): closing the listener resets the ones the kernel queued. */
const DRAIN_QUIET_MS = 150;
const MAX_DRAIN_MS = 2_000;
/** What a request read after the stop began is told. */
const RETRY_AFTER_SECONDS = 5;

/** Each connection's response in progress, if any: told Connection: close when the stop begins. */
interface ConnectionState {
  current: ServerResponse | null;
}

/** Listens on host:port (port 0 picks a free one) and resolves once the socket is bound. */
export function startServer(app: Express, host: string, port: number, limits: ServerLimits = DEFAULT_LIMITS): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const connections = new Map<Socket, ConnectionState>();
    const stopping: { since: number; lastConnectionAt: number; done?: Promise<void> } = { since: 0, lastConnectionAt: 0 };
    const handle = (request: IncomingMessage, response: ServerResponse) => {
      const state = connections.get(request.socket);
      if (state) state.current = response;
      response.once('finish', () => {
        if (!state) return;
        state.current = null;
        // After the stop began, a connection is closed as soon as its response is complete: between requests.
        if (stopping.since > 0) request.socket.end();
      });
      if (stopping.since > 0) {
        refuseWhileStopping(response);
        return;
      }
      app(request, response);
    };
    // A client that sends its headers or body slowly gives up its socket: it cannot hold one for minutes.
    const server = createServer(
      {
        headersTimeout: Math.min(HEADERS_TIMEOUT_MS, limits.requestTimeoutMs),
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
        connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
      },
      handle,
    );
    server.on('connection', (socket: Socket) => {
      connections.set(socket, { current: null });
      socket.once('close', () => connections.delete(socket));
      if (stopping.since > 0) stopping.lastConnectionAt = Date.now();
    });
    server.maxConnections = limits.maxConnections;
    server.listen(port, host);
    server.once('error', reject);
    server.once('listening', () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({ url: `http://${shownHost}:${address.port}`, server, close: () => closeGracefully(server, connections, stopping, limits.shutdownGraceMs) });
    });
  });
}

/** 503 with Connection: close and Retry-After: the client may retry elsewhere or in a moment, and nothing is reset. */
function refuseWhileStopping(response: ServerResponse): void {
  response.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close', 'Retry-After': String(RETRY_AFTER_SECONDS) });
  response.end(JSON.stringify({ error: { code: 'shutting_down', message: `the server is stopping: retry in ${RETRY_AFTER_SECONDS} seconds` } }));
}

/**
 * Every connection the server accepted gets a complete HTTP answer: requests in flight finish (and
 * their connection closes after them), requests read after the stop began get 503 and their
 * connection is closed, idle keep-alive connections close at their keep-alive timeout or after a
 * 503, connections the kernel queued are still accepted and answered, and the listener closes once
 * none has come for DRAIN_QUIET_MS. Whatever is left when the grace period ends is cut. Calling it
 * again returns the same promise.
 */
function closeGracefully(server: Server, connections: Map<Socket, ConnectionState>, stopping: { since: number; lastConnectionAt: number; done?: Promise<void> }, graceMs: number): Promise<void> {
  if (stopping.done) return stopping.done;
  stopping.since = Date.now();
  stopping.lastConnectionAt = stopping.since;
  // Responses not yet begun say Connection: close. Idle keep-alive connections are left to send a
  // request (answered 503, then closed) or to reach the keep-alive timeout: ending them now would
  // drop a request already on its way.
  for (const state of connections.values()) {
    if (state.current && !state.current.headersSent) state.current.setHeader('Connection', 'close');
  }
  stopping.done = new Promise<void>((done, fail) => {
    // Whatever is still open when the grace period ends is cut, whether the listener has closed or not.
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    const drain = setInterval(() => {
      const now = Date.now();
      if (now - stopping.lastConnectionAt < DRAIN_QUIET_MS && now - stopping.since < Math.min(MAX_DRAIN_MS, graceMs)) return;
      clearInterval(drain);
      // net.Server's close: stop listening and wait for the connections to end. (http.Server's also
      // closes connections that have not sent their request yet, which their clients see as resets.)
      NetServer.prototype.close.call(server, (error?: Error) => {
        clearTimeout(force);
        if (error) fail(error);
        else done();
      });
      // A connection accepted after the grace period began its count is cut at its end, like the others.
      if (Date.now() - stopping.since >= graceMs) server.closeAllConnections();
    }, DRAIN_QUIET_MS / 3);
    drain.unref();
  });
  return stopping.done;
}
