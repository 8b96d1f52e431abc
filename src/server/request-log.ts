import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { roundMs } from '../shared/index.js';

/** One log line per request: method, path, status and duration. Bodies (the questions) are not logged. */
export function requestLog(logger: Logger): RequestHandler {
  return (request, response, next) => {
    const startedAt = performance.now();
    response.on('finish', () => {
      logger.info(
        { method: request.method, path: request.path, status: response.statusCode, ms: roundMs(performance.now() - startedAt) },
        'request',
      );
    });
    next();
  };
}
