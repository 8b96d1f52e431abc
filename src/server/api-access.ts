import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';

/** Routes of the API (not the page, its files, /health or /docs): what API_KEYS protects. */
const API_PATH = /^\/(?:ask|search|sources(?:\/.*)?|v1\/.*|mcp|openapi\.json)$/u;

/**
 * With API_KEYS set, an API request must carry one of them, as `Authorization: Bearer <key>` or
 * `X-API-Key: <key>`; otherwise 401 with a JSON error. Keys are compared in constant time.
 */
export function requireApiKey(keys: readonly string[]): RequestHandler {
  const expected = keys.map((key) => Buffer.from(key));
  return (request, response, next) => {
    if (expected.length === 0 || request.method === 'OPTIONS' || !API_PATH.test(request.path)) return next();
    const given = presentedKey(request);
    const candidate = Buffer.from(given);
    if (given !== '' && expected.some((key) => key.length === candidate.length && timingSafeEqual(key, candidate))) return next();
    response
      .status(401)
      .set('WWW-Authenticate', 'Bearer')
      .json({ error: { code: 'unauthorized', message: 'this API needs a key: send Authorization: Bearer <key> (or X-API-Key), one of the keys set in API_KEYS' } });
  };
}

/** The key a request carries (Bearer or X-API-Key), or '' when it carries none. */
export function presentedKey(request: Request): string {
  const header = request.get('authorization') ?? '';
  return /^Bearer\s+(.+)$/iu.exec(header)?.[1]?.trim() ?? request.get('x-api-key')?.trim() ?? '';
}

/** CORS for the origins in CORS_ORIGINS only: preflights answered, other origins get no CORS headers. */
export function allowOrigins(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (request, response, next) => {
    const origin = request.get('origin');
    if (!origin || !allowed.has(origin)) return next();
    response.set({ 'Access-Control-Allow-Origin': origin, Vary: 'Origin' });
    if (request.method !== 'OPTIONS') return next();
    response
      .set({ 'Access-Control-Allow-Methods': 'GET, POST', 'Access-Control-Allow-Headers': 'Content-Type, Authorization, X-API-Key, Mcp-Session-Id, Mcp-Protocol-Version', 'Access-Control-Max-Age': '600' })
      .status(204)
      .end();
  };
}
