import { Router } from 'express';
import type { Engine } from '../../engine.js';
import { searchHybrid } from '../../retrieval/hybrid.js';
import { passageReference } from '../../retrieval/passage-reference.js';
import { allowOnly } from '../method-guard.js';
import { searchRequestSchema } from '../schemas.js';
import { validateBody } from '../validate-body.js';

/** POST /search: the passages that matter for a query, for other tools to ground themselves on. */
export function searchRoute(engine: Engine): Router {
  const router = Router();
  router.all('/search', allowOnly('POST'));
  router.post('/search', async (request, response) => {
    const body = validateBody(request, searchRequestSchema);
    const retrieval = await searchHybrid(engine.index, engine.embeddings, body.query, {
      k: body.k ?? engine.config.retrieval.topK,
      maxPassagesPerArticle: engine.config.retrieval.maxPassagesPerArticle,
    });
    response.json({
      results: retrieval.passages.map(({ passage, score }) => passageReference(passage, score)),
      mode: retrieval.mode,
      timings: retrieval.timings,
    });
  });
  return router;
}
