import { Router } from 'express';
import type { Engine } from '../../engine.js';
import { withoutCredentials } from '../../answer/index.js';
import { allowOnly } from '../method-guard.js';

/** GET /health: whether answers use semantic + lexical retrieval or lexical alone, and what is indexed. */
const MAX_LISTED = 500;

export function healthRoute(engine: Engine, load: () => { answering: number; waiting: number }): Router {
  const router = Router();
  router.all('/health', allowOnly('GET', 'HEAD'));
  router.get('/health', async (_request, response) => {
    const stored = await engine.store.describe();
    response.json({
      status: 'ok',
      mode: engine.embeddings ? 'hybrid' : 'lexical',
      answerer: engine.config.llm ? { kind: 'llm', model: engine.config.llm.model, baseUrl: withoutCredentials(engine.config.llm.baseUrl), fallback: 'extractive' } : { kind: 'extractive' },
      model: engine.model,
      index: {
        store: stored.kind,
        articles: stored.articles,
        passages: stored.passages,
        builtAt: stored.builtAt,
        buildMs: stored.buildMs,
        vectors: stored.vectors,
        chunking: stored.chunking,
        // fresh, or stale (the corpus changed and the new index is not served yet), or refreshing.
        ...engine.refresher.freshness,
      },
      // The first ones only: a corpus folder full of other files must not make /health huge.
      skipped: engine.skipped.slice(0, MAX_LISTED),
      skippedCount: engine.skipped.length,
      converted: engine.converted.slice(0, MAX_LISTED),
      // Questions and searches being answered and waiting for a place (MAX_CONCURRENT, MAX_QUEUE).
      load: { ...load(), concurrency: engine.config.load.concurrency, queue: engine.config.load.queue },
    });
  });
  return router;
}
