import { Router } from 'express';
import { boundQuery } from '../../text/index.js';
import type { Engine } from '../../engine.js';
import { searchHybrid } from '../../retrieval/index.js';
import { passageReference } from '../../retrieval/index.js';
import { allowOnly } from '../method-guard.js';
import { passageFilter } from '../../retrieval/index.js';
import { searchRequestSchema } from '../../contracts/index.js';
import { validateBody } from '../validate-body.js';

/** POST /search: the passages that matter for a query, for other tools to ground themselves on. */
export function searchRoute(engine: Engine): Router {
  const router = Router();
  router.all('/search', allowOnly('POST'));
  router.post('/search', async (request, response) => {
    const body = validateBody(request, searchRequestSchema);
    const filter = passageFilter(body);
    const retrieval = await searchHybrid(engine.store, engine.embeddings, boundQuery(body.query), {
      k: body.k ?? engine.config.retrieval.topK,
      maxPassagesPerArticle: engine.config.retrieval.maxPassagesPerArticle,
      ...(filter ? { filter } : {}),
    });
    response.json({
      // The fused score ranks; the raw BM25 and cosine scores say how strong each kind of evidence is.
      results: retrieval.passages.map(({ passage, score, lexicalScore, denseScore }) => ({
        ...passageReference(passage, score),
        lexicalScore: lexicalScore === null ? null : round(lexicalScore),
        denseScore: denseScore === null ? null : round(denseScore),
      })),
      mode: retrieval.mode,
      timings: retrieval.timings,
    });
  });
  return router;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
