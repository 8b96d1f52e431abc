import { Router, type Request } from 'express';
import { apiDocsPage, openApiDocument, type OpenApiDocument } from '../openapi.js';
import { allowOnly } from '../method-guard.js';

/** GET /openapi.json (OpenAPI 3.1, generated from the request schemas) and GET /docs (the same, as a page). */
export function docsRoute(keysRequired: boolean): Router {
  const router = Router();
  // `servers` names the address the document was asked at: behind a proxy, X-Forwarded-Proto and
  // X-Forwarded-Host when TRUST_PROXY says the proxy is trusted (Express's request.protocol and request.host).
  // The last document made is kept: it changes only with the address.
  let made: { url: string; document: OpenApiDocument; page: string } | null = null;
  const documentFor = (request: Request) => {
    const url = `${request.protocol}://${request.host || 'localhost'}`;
    if (made?.url !== url) {
      const document = openApiDocument(url, keysRequired);
      made = { url, document, page: apiDocsPage(document) };
    }
    return made;
  };
  router.all('/openapi.json', allowOnly('GET', 'HEAD'));
  router.get('/openapi.json', (request, response) => {
    response.json(documentFor(request).document);
  });
  router.all('/docs', allowOnly('GET', 'HEAD'));
  router.get('/docs', (request, response) => {
    response.type('html').send(documentFor(request).page);
  });
  return router;
}
