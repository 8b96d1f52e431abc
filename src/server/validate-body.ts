import type { Request } from 'express';
import type { z } from 'zod';
import { HttpError } from './http-error.js';

/** Parses a JSON request body with a zod schema, or throws a 4xx HttpError naming the faulty fields. */
export function validateBody<T>(request: Request, schema: z.ZodType<T>): T {
  if (!request.is('application/json')) {
    throw new HttpError(415, 'unsupported_media_type', 'send a JSON body with the header Content-Type: application/json');
  }
  const parsed = schema.safeParse(request.body);
  if (!parsed.success) {
    const details = parsed.error.issues
      .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; ');
    throw new HttpError(400, 'invalid_request', details);
  }
  return parsed.data;
}
