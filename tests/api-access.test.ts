import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type RunningApp } from './helpers/running-app.js';

const KEY = 'cle-de-test-0123456789abcdef';

describe('API keys and CORS, when set', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp({ API_KEYS: `${KEY}, une-autre-cle-0123456789`, CORS_ORIGINS: 'https://redaction.example.fr' });
  });
  afterAll(async () => {
    await app.stop();
  });
  const search = (headers: Record<string, string>) =>
    fetch(`${app.url}/search`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: 'OpenAI Paris' }) });

  it('refuses API routes and /mcp without a key, with a JSON 401; accepts a Bearer key or X-API-Key', async () => {
    const refused = await search({});
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect((await refused.json()).error.code).toBe('unauthorized');
    expect((await search({ authorization: 'Bearer mauvaise-cle-0123456789' })).status).toBe(401);
    expect((await search({ authorization: `Bearer ${KEY}` })).status).toBe(200);
    expect((await search({ 'x-api-key': 'une-autre-cle-0123456789' })).status).toBe(200);
    expect((await fetch(`${app.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await fetch(`${app.url}/v1/models`)).status).toBe(401);
    expect((await fetch(`${app.url}/sources`)).status).toBe(401);
  });

  it('leaves /health, /docs and the page open', async () => {
    for (const path of ['/health', '/docs', '/']) expect((await fetch(`${app.url}${path}`)).status).toBe(200);
  });

  it('answers a CORS preflight from an allowed origin only', async () => {
    const allowed = await fetch(`${app.url}/search`, { method: 'OPTIONS', headers: { origin: 'https://redaction.example.fr', 'access-control-request-method': 'POST' } });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://redaction.example.fr');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('Authorization');
    const other = await search({ origin: 'https://ailleurs.example.com', authorization: `Bearer ${KEY}` });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('rejects a key too short to be one, at start', async () => {
    const { loadConfig } = await import('../src/config.js');
    expect(() => loadConfig({ API_KEYS: 'court' })).toThrow(/API_KEYS.*16 characters/u);
  });
});
