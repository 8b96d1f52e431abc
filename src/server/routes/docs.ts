import { Router, type Request } from 'express';
import { apiDocsPage, openApiDocument } from '../openapi.js';
import { allowOnly } from '../method-guard.js';

/** GET /openapi.json (OpenAPI 3.1, generated from the request schemas) and GET /docs (the same, as a page). */
export function docsRoute(keysRequired: boolean): Router {
  const router = Router();
  // `servers` names the address the document was asked at (behind a proxy, as TRUST_PROXY lets Express read it).
  const documentFor = (request: Request) => openApiDocument(`${request.protocol}://${request.get('host') ?? 'localhost'}`, keysRequired);
  router.all('/openapi.json', allowOnly('GET', 'HEAD'));
  router.get('/openapi.json', (request, response) => {
    response.json(documentFor(request));
  });
  router.all('/docs', allowOnly('GET', 'HEAD'));
  router.get('/docs', (request, response) => {
    response.type('html').send(apiDocsPage(documentFor(request)));
  });
  return router;
}
