import { Router, type Response } from 'express';
import type { Logger } from 'pino';
import type { Citation } from '../../answer/index.js';
import { askQuestion, type AskResult } from '../../answer/index.js';
import { askContextOf, type Engine } from '../../engine.js';
import { allowOnly } from '../method-guard.js';
import { clientGone, unlessClientGone } from '../client-gone.js';
import { askRequestSchema } from '../../contracts/index.js';
import { validateBody } from '../validate-body.js';

/** POST /ask: an answer with [n] markers and its citations; `stream: true` sends it as server-sent events. */
export function askRoute(engine: Engine, logger: Logger): Router {
  const router = Router();
  router.all('/ask', allowOnly('POST'));
  router.post('/ask', async (request, response) => {
    const body = validateBody(request, askRequestSchema);
    const input = { question: body.question, history: body.history ?? [], k: body.k ?? engine.config.retrieval.topK };
    if (!body.stream) {
      const result = await unlessClientGone(response, (signal) => askQuestion(askContextOf(engine), input, { signal }));
      if (result) response.json(result);
      return;
    }
    await streamAnswer(response, (events) => askQuestion(askContextOf(engine), input, events), logger);
  });
  return router;
}

interface StreamEvents {
  onSources: (sources: Citation[]) => void;
  onDelta: (text: string) => void;
  signal: AbortSignal;
}

/**
 * Events: `citations` (the sources, first, so a client can render them: for a generated answer, the
 * numbered passages the model was given), then `delta` events whose texts concatenate to the answer
 * as it is produced, then `done` with the full response body of the non-streaming call (the final
 * citations, `unsupported`, `citationRepairs`, `conflicts`, timings). When the streamed text is not
 * the final answer, a `reset` event (with the final citations) comes first and the answer is sent
 * again as deltas. A client that goes away stops generation.
 */
async function streamAnswer(response: Response, ask: (events: StreamEvents) => Promise<AskResult>, logger: Logger): Promise<void> {
  response.status(200);
  response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  response.setHeader('Cache-Control', 'no-cache');
  response.setHeader('X-Accel-Buffering', 'no');
  response.setHeader('Connection', 'keep-alive');
  response.flushHeaders();
  const send = (event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const gone = clientGone(response);
  let sentSources = false;
  let streamedText = '';
  try {
    const result = await ask({
      onSources: (sources) => {
        if (sentSources) return;
        sentSources = true;
        send('citations', { citations: sources, abstained: false });
      },
      onDelta: (text) => {
        streamedText += text;
        send('delta', { text });
      },
      signal: gone,
    });
    if (streamedText === '') {
      // A quoted answer is sent as deltas once it is whole.
      if (!sentSources) send('citations', { citations: result.citations, abstained: result.abstained, mode: result.mode });
    } else if (streamedText.trim() !== result.answer.trim()) {
      // What was streamed is not the answer (markers repaired, a refusal, a fallback after a failed
      // generation): the client drops it and takes this one, with its citations.
      send('reset', { citations: result.citations, abstained: result.abstained, mode: result.mode });
    }
    if (streamedText === '' || streamedText.trim() !== result.answer.trim()) for (const piece of result.answer.match(/\S+\s*/g) ?? []) send('delta', { text: piece });
    send('done', result);
  } catch (error) {
    if (!gone.aborted) {
      logger.error({ err: error }, 'streamed answer failed');
      send('error', { error: { code: 'answer_failed', message: 'the answer could not be completed; try again' } });
    }
  }
  response.end();
}
