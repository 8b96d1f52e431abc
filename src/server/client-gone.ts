import type { Response } from 'express';

/**
 * Aborted when the client goes away before its response is complete: the work done for it (its place
 * in the queue, the LLM call, retrieval) stops at once instead of running to its timeout. One per response.
 */
export function clientGone(response: Response): AbortSignal {
  const known = response.locals.clientGone as AbortSignal | undefined;
  if (known) return known;
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort(new Error('the client went away'));
  });
  response.locals.clientGone = controller.signal;
  return controller.signal;
}
