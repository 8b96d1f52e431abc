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

/**
 * Does the work with the response's client-gone signal; null when the client went away before it
 * ended (nothing is to be sent then), the work's own error otherwise.
 */
export async function unlessClientGone<T>(response: Response, work: (signal: AbortSignal) => Promise<T>): Promise<T | null> {
  const gone = clientGone(response);
  try {
    const result = await work(gone);
    return gone.aborted ? null : result;
  } catch (error) {
    if (gone.aborted) return null;
    throw error;
  }
}
