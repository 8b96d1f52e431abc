import PQueue from 'p-queue';
import { clientGone } from './client-gone.js';
import type { RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { LoadLimits } from '../config.js';
import { clientId } from './client-id.js';

/** Routes that do retrieval and answering: the work that is bounded. */
const COSTLY_PATH = /^\/(?:ask|search|v1\/chat\/completions|mcp)$/u;
const RETRY_AFTER_SECONDS = 2;
/** One client may hold at most this share of the waiting places, so a burst cannot shut others out. */
const CLIENT_QUEUE_SHARE = 0.25;
const MAX_REMEMBERED_CLIENTS = 10_000;

function isCostly(method: string, path: string): boolean {
  return method === 'POST' && COSTLY_PATH.test(path);
}

/**
 * At most `concurrency` costly requests run at once and `queue` wait in line (p-queue); beyond, a
 * request gets 429 with Retry-After at once, so that a burst slows nobody else down for long and
 * the server never takes more work than it can finish. The line is fair (start-time fair queuing
 * over p-queue priorities): each client's requests take turns with other clients' instead of
 * waiting behind a burst, no client is starved, and no client holds more than a quarter of the
 * places. A request whose client leaves while it waits gives up its place.
 */
export interface LoadShedder {
  handler: RequestHandler;
  /** Costly requests running and waiting now, as /health reports them. */
  load: () => { answering: number; waiting: number };
}

export function shedLoad(limits: Pick<LoadLimits, 'concurrency' | 'queue'>, keysChecked: boolean): LoadShedder {
  const queue = new PQueue({ concurrency: limits.concurrency });
  const perClient = new Map<string, number>();
  // A request's start tag is max(virtual time, the tag after its client's previous request); the
  // smallest tag runs first and the virtual time is the tag last started. A client with ten
  // requests waiting holds tags t, t+1, … t+9: one turn per round, like any other client. A
  // client's next tag outlives its requests (forgetting it let clients that send one request at a
  // time keep the virtual time still and starve everyone with more than one waiting).
  const nextTagOf = new Map<string, number>();
  let virtualTime = 0;
  const clientCap = Math.max(1, Math.ceil(limits.queue * CLIENT_QUEUE_SHARE)) + limits.concurrency;
  const load = () => ({ answering: queue.pending, waiting: queue.size });
  const handler: RequestHandler = (request, response, next) => {
    if (!isCostly(request.method, request.path)) return next();
    const client = clientId(request, keysChecked);
    const held = perClient.get(client) ?? 0;
    const full = queue.size >= limits.queue && queue.pending >= limits.concurrency;
    if (full || (held >= clientCap && queue.pending >= limits.concurrency)) {
      refuse(response, full ? 'the server is answering as many questions as it can' : 'this client already has many questions waiting');
      return;
    }
    perClient.set(client, held + 1);
    const tag = Math.max(virtualTime, nextTagOf.get(client) ?? 0);
    nextTagOf.set(client, tag + 1);
    const release = () => {
      const left = (perClient.get(client) ?? 1) - 1;
      if (left > 0) return void perClient.set(client, left);
      perClient.delete(client);
      // A tag at or below the virtual time is worth nothing more than none: forget those now and then.
      if (nextTagOf.size > MAX_REMEMBERED_CLIENTS) {
        for (const [known, next] of nextTagOf) if (next <= virtualTime && !perClient.has(known)) nextTagOf.delete(known);
      }
    };
    // A client that hangs up leaves the line at once, and frees its running place at once.
    queue
      .add(
        () =>
          new Promise<void>((done) => {
            virtualTime = Math.max(virtualTime, tag);
            if (response.writableEnded || request.socket.destroyed) return done();
            response.once('close', () => done());
            next();
          }),
        { priority: -tag, signal: clientGone(response) },
      )
      .catch(() => {})
      .finally(release);
  };
  return { handler, load };
}

/** RATE_LIMIT_PER_MINUTE costly requests per client and minute (express-rate-limit); 0 turns it off. */
export function limitRate(limits: Pick<LoadLimits, 'ratePerMinute'>, keysChecked: boolean): RequestHandler {
  if (limits.ratePerMinute === 0) return (_request, _response, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: limits.ratePerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (request) => !isCostly(request.method, request.path),
    keyGenerator: (request) => clientId(request, keysChecked),
    handler: (_request, response) => {
      response
        .status(429)
        .json({ error: { code: 'rate_limited', message: `more than ${limits.ratePerMinute} questions or searches in a minute from this client (RATE_LIMIT_PER_MINUTE): wait before asking again` } });
    },
  });
}

function refuse(response: Response, why: string): void {
  response
    .status(429)
    .set('Retry-After', String(RETRY_AFTER_SECONDS))
    .json({ error: { code: 'too_many_requests', message: `${why}: try again in ${RETRY_AFTER_SECONDS} s` } });
}
