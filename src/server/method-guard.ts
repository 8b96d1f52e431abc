import type { RequestHandler } from 'express';
import { HttpError } from './http-error.js';

/** Answers 405 with an Allow header when a known path is called with the wrong method. */
export function allowOnly(...methods: string[]): RequestHandler {
  return (request, response, next) => {
    if (methods.includes(request.method)) return next();
    response.setHeader('Allow', methods.join(', '));
    next(new HttpError(405, 'method_not_allowed', `${request.path} accepts ${methods.join(', ')}`));
  };
}
