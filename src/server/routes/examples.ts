import { Router } from 'express';
import { exampleQuestions } from '../../answer/index.js';
import { extractiveAnswerer } from '../../answer/index.js';
import type { PassageStore } from '../../index/index.js';
import { askContextOf, type Engine } from '../../engine.js';
import { allowOnly } from '../method-guard.js';

const MAX_EXAMPLES = 3;
/** The passages read for names and titles: enough for any corpus's most cited people, bounded for an archive. */
const MAX_PASSAGES_READ = 20_000;

/**
 * GET /examples: questions a person might ask first, made from the corpus and answered from it
 * (by the extractive answerer, whatever answers /ask: no LLM is called for them), computed once
 * per loaded index.
 */
export function examplesRoute(engine: Engine): Router {
  const router = Router();
  const computed = new WeakMap<PassageStore, { version: string; questions: Promise<string[]> }>();
  router.all('/examples', allowOnly('GET', 'HEAD'));
  router.get('/examples', async (_request, response) => {
    const store = engine.store;
    const version = store.contentVersion();
    let known = computed.get(store);
    if (!known || known.version !== version) {
      const questions = store.samplePassages(MAX_PASSAGES_READ).then((passages) => exampleQuestions({ ...askContextOf(engine), answerer: extractiveAnswerer }, passages, MAX_EXAMPLES));
      questions.catch(() => computed.delete(store));
      computed.set(store, (known = { version, questions }));
    }
    response.json({ questions: await known.questions });
  });
  return router;
}
