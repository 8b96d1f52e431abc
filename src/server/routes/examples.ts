import { Router } from 'express';
import { exampleQuestions } from '../../answer/index.js';
import { extractiveAnswerer } from '../../answer/index.js';
import type { LoadedIndex } from '../../index/index.js';
import { askContextOf, type Engine } from '../../engine.js';
import { allowOnly } from '../method-guard.js';

const MAX_EXAMPLES = 3;

/**
 * GET /examples: questions a person might ask first, made from the corpus and answered from it
 * (by the extractive answerer, whatever answers /ask: no LLM is called for them), computed once
 * per loaded index.
 */
export function examplesRoute(engine: Engine): Router {
  const router = Router();
  const computed = new WeakMap<LoadedIndex, Promise<string[]>>();
  router.all('/examples', allowOnly('GET', 'HEAD'));
  router.get('/examples', async (_request, response) => {
    const index = engine.index;
    let questions = computed.get(index);
    if (!questions) {
      questions = exampleQuestions({ ...askContextOf(engine), answerer: extractiveAnswerer }, index.passages, MAX_EXAMPLES).catch((error: unknown) => {
        computed.delete(index);
        throw error;
      });
      computed.set(index, questions);
    }
    response.json({ questions: await questions });
  });
  return router;
}
