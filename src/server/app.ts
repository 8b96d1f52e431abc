import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Engine } from '../engine.js';
import { allowOrigins, requireApiKey } from './api-access.js';
import { limitRate, shedLoad } from './load-shedding.js';
import { errorHandler, notFound } from './error-handler.js';
import { requestLog } from './request-log.js';
import { securityHeaders } from './security-headers.js';
import { askRoute } from './routes/ask.js';
import { healthRoute } from './routes/health.js';
import { searchRoute } from './routes/search.js';
import { docsRoute } from './routes/docs.js';
import { mcpRoute } from './routes/mcp.js';
import { openAiCompatibleRoute } from './routes/openai-compatible.js';
import { examplesRoute } from './routes/examples.js';
import { feedbackRoute } from './routes/feedback.js';
import { sourcesRoute } from './routes/sources.js';

export const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web');
export const MAX_BODY_BYTES = '64kb';

export function createApp(engine: Engine, logger: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', engine.config.load.trustProxy);
  app.use(requestLog(logger));
  app.use(securityHeaders);
  app.use(allowOrigins(engine.config.corsOrigins));
  app.use(requireApiKey(engine.config.apiKeys));
  const keysChecked = engine.config.apiKeys.length > 0;
  app.use(limitRate(engine.config.load, keysChecked));
  const shedder = shedLoad(engine.config.load, keysChecked);
  app.use(shedder.handler);
  app.use(express.json({ limit: MAX_BODY_BYTES, strict: false, verify: requireUtf8 }));
  app.use(healthRoute(engine, shedder.load));
  app.use(askRoute(engine, logger));
  app.use(searchRoute(engine));
  app.use(sourcesRoute(engine));
  app.use(examplesRoute(engine));
  app.use(feedbackRoute(engine));
  app.use(openAiCompatibleRoute(engine));
  app.use(mcpRoute(engine));
  app.use(docsRoute(keysChecked));
  // The page's files may be cached but are revalidated, so a new version is seen at once.
  app.use(express.static(WEB_DIR, { index: 'index.html', dotfiles: 'ignore', setHeaders: (response) => response.setHeader('Cache-Control', 'no-cache') }));
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A body that is not valid UTF-8 is refused (400), not decoded with replacement characters into another question. */
function requireUtf8(_request: unknown, _response: unknown, body: Buffer, encoding: string): void {
  if (encoding.toLowerCase().replace('-', '') !== 'utf8') return;
  UTF8.decode(body);
}
