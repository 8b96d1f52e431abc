import { Router } from 'express';
import { appendFeedback, FeedbackFullError } from '../../feedback/index.js';
import { HttpError } from '../http-error.js';
import type { Engine } from '../../engine.js';
import { allowOnly } from '../method-guard.js';
import { feedbackRequestSchema } from '../../contracts/index.js';
import { validateBody } from '../validate-body.js';

/** POST /feedback: a reader's 👍 or 👎 on one answer, with the question, the answer and its citations. */
export function feedbackRoute(engine: Engine): Router {
  const router = Router();
  router.all('/feedback', allowOnly('POST'));
  router.post('/feedback', async (request, response) => {
    const body = validateBody(request, feedbackRequestSchema);
    await appendFeedback(engine.config.indexDir, {
      at: new Date().toISOString(),
      verdict: body.verdict,
      question: body.question,
      answer: body.answer,
      citations: (body.citations ?? []).map(({ source, start, end }) => ({ source, start, end })),
      ...(body.comment ? { comment: body.comment } : {}),
    }).catch((error: unknown) => {
      if (error instanceof FeedbackFullError) throw new HttpError(507, 'feedback_full', 'the feedback file is full: the operator must summarise it and move it away');
      throw error;
    });
    response.status(201).json({ stored: true });
  });
  return router;
}
