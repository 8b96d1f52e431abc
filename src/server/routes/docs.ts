import { Router } from 'express';
import { apiDocsPage, openApiDocument } from '../openapi.js';
import { allowOnly } from '../method-guard.js';

/** GET /openapi.json (OpenAPI 3.1, generated from the request schemas) and GET /docs (the same, as a page). */
export function docsRoute(): Router {
  const router = Router();
  const document = openApiDocument();
  const page = apiDocsPage(document);
  router.all('/openapi.json', allowOnly('GET', 'HEAD'));
  router.get('/openapi.json', (_request, response) => {
    response.json(document);
  });
  router.all('/docs', allowOnly('GET', 'HEAD'));
  router.get('/docs', (_request, response) => {
    response.type('html').send(page);
  });
  return router;
}
