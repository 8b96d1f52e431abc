import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { HttpError } from './http-error.js';
import { StoreUnavailableError } from '../index/index.js';

/** body-parser's error types, mapped to what the client can do about them. */
const BODY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'invalid_json', message: 'the request body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'payload_too_large', message: 'the request body is too large' },
  'encoding.unsupported': { status: 415, code: 'unsupported_encoding', message: 'the request body encoding is not supported' },
  'charset.unsupported': { status: 415, code: 'unsupported_charset', message: 'send the request body as UTF-8' },
  'request.aborted': { status: 400, code: 'request_aborted', message: 'the request was aborted' },
  // Only our check of the body's UTF-8 (app.ts) verifies bodies.
  'entity.verify.failed': { status: 400, code: 'invalid_utf8', message: 'the request body is not valid UTF-8: send it encoded as UTF-8' },
};

export const notFound: RequestHandler = (request, _response, next) => {
  next(new HttpError(404, 'not_found', `no route for ${request.method} ${request.path}`));
};

/** The one place errors become responses: JSON, never a stack trace. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _request, response, _next) => {
    let status = 500;
    let code = 'internal_error';
    let message = 'the server failed to handle this request; the error has been logged';
    const clientStatus = exposedClientStatus(error);
    if (error instanceof HttpError) {
      ({ status, code, message } = error);
    } else if (error instanceof StoreUnavailableError) {
      status = 503;
      code = 'store_unavailable';
      message = error.message;
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
      logger.warn({ detail: error.detail }, 'store unavailable');
    } else if (isBodyError(error) && BODY_ERRORS[error.type]) {
      ({ status, code, message } = BODY_ERRORS[error.type]!);
    } else if (clientStatus !== null) {
      // Errors of Express's own parts (a corrupt compressed body, a bad Range on a static file) that are the client's doing.
      const clientError = error as { message: string; headers?: Record<string, string> };
      status = clientStatus;
      code = CLIENT_ERROR_CODES[status] ?? 'bad_request';
      message = clientError.message;
      for (const [name, value] of Object.entries(clientError.headers ?? {})) response.setHeader(name, value);
    } else {
      logger.error({ err: error }, 'unhandled error');
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(status).json({ error: { code, message } });
  };
}

const CLIENT_ERROR_CODES: Record<number, string> = {
  400: 'invalid_body',
  412: 'precondition_failed',
  416: 'range_not_satisfiable',
};

/** The 4xx status of an error that http-errors marks as safe to show (`expose`), else null. */
function exposedClientStatus(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidate = error as { status?: unknown; statusCode?: unknown; expose?: unknown; message?: unknown };
  const status = candidate.status ?? candidate.statusCode;
  const isClientStatus = typeof status === 'number' && status >= 400 && status <= 499;
  return isClientStatus && candidate.expose === true && typeof candidate.message === 'string' ? status : null;
}

function isBodyError(error: unknown): error is { type: string } {
  return typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string';
}
