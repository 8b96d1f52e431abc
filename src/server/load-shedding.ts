import PQueue from 'p-queue';
import type { RequestHandler } from 'express';

/** Routes that do retrieval and answering: the work that is bounded. */
const COSTLY_PATH = /^\/(?:ask|search|v1\/chat\/completions|mcp)$/u;
const RETRY_AFTER_SECONDS = 2;

/**
 * At most `concurrency` costly requests run at once and `queue` wait in line (p-queue); beyond, a
 * request gets 429 with Retry-After at once, so that a burst slows nobody else down for long and
 * the server never takes more work than it can finish. A request whose client leaves while it
 * waits gives up its place.
 */
export function shedLoad(limits: { concurrency: number; queue: number }): RequestHandler {
  const queue = new PQueue({ concurrency: limits.concurrency });
  return (request, response, next) => {
    if (request.method !== 'POST' || !COSTLY_PATH.test(request.path)) return next();
    if (queue.size >= limits.queue && queue.pending >= limits.concurrency) {
      response
        .status(429)
        .set('Retry-After', String(RETRY_AFTER_SECONDS))
        .json({ error: { code: 'too_many_requests', message: `the server is answering as many questions as it can: try again in ${RETRY_AFTER_SECONDS} s` } });
      return;
    }
    void queue.add(
      () =>
        new Promise<void>((release) => {
          if (response.writableEnded || request.socket.destroyed) return release();
          response.once('close', () => release());
          next();
        }),
    );
  };
}
