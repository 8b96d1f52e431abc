import { Router, type Response } from 'express';
import { askQuestion, type AskResult } from '../../answer/ask-question.js';
import { askContextOf, type Engine } from '../../engine.js';
import { allowOnly } from '../method-guard.js';
import { askRequestSchema } from '../schemas.js';
import { validateBody } from '../validate-body.js';

/** POST /ask: an answer with [n] markers and its citations; `stream: true` sends it as server-sent events. */
export function askRoute(engine: Engine): Router {
  const router = Router();
  router.all('/ask', allowOnly('POST'));
  router.post('/ask', async (request, response) => {
    const body = validateBody(request, askRequestSchema);
    const k = body.k ?? engine.config.retrieval.topK;
    const result = await askQuestion(askContextOf(engine), { question: body.question, history: body.history ?? [], k });
    if (body.stream) streamAnswer(response, result);
    else response.json(result);
  });
  return router;
}

/**
 * Events: `citations` (the sources, first, so a client can render them), then `delta` events whose
 * texts concatenate to the answer, then `done` with the full response body of the non-streaming call.
 */
function streamAnswer(response: Response, result: AskResult): void {
  response.status(200);
  response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  response.setHeader('Cache-Control', 'no-cache');
  response.setHeader('Connection', 'keep-alive');
  const send = (event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send('citations', { citations: result.citations, abstained: result.abstained, mode: result.mode });
  for (const piece of result.answer.match(/\S+\s*/g) ?? []) send('delta', { text: piece });
  send('done', result);
  response.end();
}
