import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/paths.js';
import { onPostgres } from './helpers/postgres.js';
import { postJson, startTestApp, type RunningApp } from './helpers/running-app.js';

const LOBBYING_QUESTION = "Qui a été recrutée pour diriger le lobbying d'OpenAI en Europe ?";

describe('HTTP API on a loopback port', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('POST /ask answers with Julie Lavet, a [1] marker and the citation of the right article', async () => {
    const { status, body } = await postJson(`${app.url}/ask`, { question: LOBBYING_QUESTION });
    expect(status).toBe(200);
    expect(body.abstained).toBe(false);
    expect(body.answer).toContain('Julie Lavet');
    expect(body.answer).toContain('[1]');
    const first = body.citations.find((c: { index: number }) => c.index === 1);
    expect(first).toMatchObject({ index: 1, source: '001_2f24b03e2d55c6bf.txt' });
    expect(first.excerpt).toContain('Julie Lavet');
    // The highlighted sentences of the excerpt are the ones the answer quotes, the answering one first.
    const quoted = first.highlights.map((h: { start: number; end: number }) => first.excerpt.slice(h.start, h.end).replace(/\s+/g, ' '));
    expect(quoted[0]).toMatch(/^Par exemple, Julie Lavet a été recrutée/);
    for (const sentence of quoted) expect(body.answer).toContain(sentence);
    expect(body.timings.totalMs).toBeGreaterThanOrEqual(0);
    expect(body.mode).toBe('hybrid');
  });

  it('every citation excerpt is the exact text of its source file at start..end', async () => {
    const { body } = await postJson(`${app.url}/ask`, { question: "Quelle est la valorisation d'OpenAI après sa levée de fonds ?" });
    expect(body.citations.length).toBeGreaterThan(0);
    for (const citation of body.citations) {
      const raw = await readFile(path.join(app.workspace.corpusDir, citation.source), 'utf8');
      expect(raw.slice(citation.start, citation.end)).toBe(citation.excerpt);
    }
  });

  it('abstains on a question the articles do not answer', async () => {
    const { status, body } = await postJson(`${app.url}/ask`, { question: 'Qui a remporté la Coupe du monde 2022 ?' });
    expect(status).toBe(200);
    expect(body.abstained).toBe(true);
    expect(body.citations).toEqual([]);
    expect(body.answer).toMatch(/ne permet pas de répondre/);
  });

  it('POST /search returns passages with source, offsets and scores', async () => {
    const { status, body } = await postJson(`${app.url}/search`, { query: 'lobbying en Europe', k: 3 });
    expect(status).toBe(200);
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.length).toBeLessThanOrEqual(3);
    expect(body.results[0]).toMatchObject({ source: '001_2f24b03e2d55c6bf.txt' });
    for (const result of body.results) {
      expect(Object.keys(result).sort()).toEqual(['author', 'date', 'denseScore', 'end', 'excerpt', 'lexicalScore', 'outlet', 'page', 'score', 'section', 'source', 'start', 'title', 'url']);
    }
  });

  it('GET /health reports hybrid mode, the model and the index', async () => {
    const response = await fetch(`${app.url}/health`);
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', mode: 'hybrid', model: { id: 'tiny-french-e5', available: true, dimensions: 32 } });
    expect(body.index.articles).toBe(5);
    expect(body.index.passages).toBeGreaterThan(5);
    // The same tests run on each store (vitest.config.ts): this one says which.
    expect(body.index.store).toBe(onPostgres ? 'postgres' : 'embedded');
    expect(body.index.vectors).toEqual({ model: 'tiny-french-e5', dimensions: 32 });
  });

  it('streams the answer as server-sent events when asked to', async () => {
    const response = await fetch(`${app.url}/ask`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ question: LOBBYING_QUESTION, stream: true }),
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await response.text())
      .trim()
      .split('\n\n')
      .map((block) => ({ event: /^event: (.*)$/m.exec(block)?.[1], data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') }));
    expect(events[0]?.event).toBe('citations');
    expect(events.at(-1)?.event).toBe('done');
    const streamed = events.filter((e) => e.event === 'delta').map((e) => e.data.text).join('');
    expect(streamed).toBe(events.at(-1)?.data.answer);
    expect(streamed).toContain('Julie Lavet');
  });

  it('uses the previous question of the conversation for a follow-up', async () => {
    const { body } = await postJson(`${app.url}/ask`, {
      question: 'Et qui supervise la politique IA ?',
      history: [
        { role: 'user', content: LOBBYING_QUESTION },
        { role: 'assistant', content: 'Julie Lavet [1]' },
      ],
    });
    expect(body.abstained).toBe(false);
    expect(body.answer).toContain('Martin Signoux');
  });

  describe('bad input gets a clear 4xx JSON error, never a stack trace', () => {
    const cases: [string, RequestInit, number, string][] = [
      ['a body that is not valid UTF-8', { body: Buffer.concat([Buffer.from('{"question": "Qui dirige '), Buffer.from([0xe9, 0xff]), Buffer.from(' ?"}')]), headers: { 'Content-Type': 'application/json' } }, 400, 'invalid_utf8'],
      ['a Latin-1 body sent as UTF-8', { body: Buffer.from('{"question": "Quel r\u00f4le a la soci\u00e9t\u00e9 ?"}', 'latin1'), headers: { 'Content-Type': 'application/json; charset=utf-8' } }, 400, 'invalid_utf8'],
      ['malformed JSON', { body: '{"question": ', headers: { 'Content-Type': 'application/json' } }, 400, 'invalid_json'],
      ['no question', { body: '{}', headers: { 'Content-Type': 'application/json' } }, 400, 'invalid_request'],
      ['a blank question', { body: '{"question": "   "}', headers: { 'Content-Type': 'application/json' } }, 400, 'invalid_request'],
      ['a question of the wrong type', { body: '{"question": 42}', headers: { 'Content-Type': 'application/json' } }, 400, 'invalid_request'],
      ['k out of range', { body: '{"question": "OpenAI ?", "k": 1000}', headers: { 'Content-Type': 'application/json' } }, 400, 'invalid_request'],
      ['a JSON array body', { body: '[1,2]', headers: { 'Content-Type': 'application/json' } }, 400, 'invalid_request'],
      ['a bad history role', { body: '{"question": "OpenAI ?", "history": [{"role": "system", "content": "x"}]}', headers: { 'Content-Type': 'application/json' } }, 400, 'invalid_request'],
      ['a form body', { body: 'question=OpenAI', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type'],
      ['a body over the size limit', { body: JSON.stringify({ question: 'x'.repeat(100_000) }), headers: { 'Content-Type': 'application/json' } }, 413, 'payload_too_large'],
      ['a JSON null body', { body: 'null', headers: { 'Content-Type': 'application/json' } }, 400, 'invalid_request'],
      ['a JSON string body', { body: '"Qui ?"', headers: { 'Content-Type': 'application/json' } }, 400, 'invalid_request'],
      ['a body that claims gzip but is not', { body: 'not gzip', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' } }, 400, 'invalid_body'],
      ['an unknown body encoding', { body: 'x', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'rot13' } }, 415, 'unsupported_encoding'],
      ['a question over 2000 characters', { body: JSON.stringify({ question: 'é'.repeat(2001) }), headers: { 'Content-Type': 'application/json' } }, 400, 'invalid_request'],
    ];
    for (const [name, init, status, code] of cases) {
      it(`POST /ask with ${name} → ${status} ${code}`, async () => {
        const response = await fetch(`${app.url}/ask`, { method: 'POST', ...init });
        const text = await response.text();
        expect(response.status).toBe(status);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        const body = JSON.parse(text);
        expect(body.error.code).toBe(code);
        expect(typeof body.error.message).toBe('string');
        expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/);
      });
    }

    it('unknown routes get a JSON 404 and wrong methods a 405 with Allow', async () => {
      const missing = await fetch(`${app.url}/nope`);
      expect(missing.status).toBe(404);
      expect((await missing.json()).error.code).toBe('not_found');
      const wrongMethod = await fetch(`${app.url}/ask`);
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.headers.get('allow')).toBe('POST');
      expect((await wrongMethod.json()).error.code).toBe('method_not_allowed');
    });

    it('static files answer a bad Range or precondition with a 4xx JSON error', async () => {
      const range = await fetch(`${app.url}/app.js`, { headers: { Range: 'bytes=999999-' } });
      expect(range.status).toBe(416);
      expect((await range.json()).error.code).toBe('range_not_satisfiable');
      const precondition = await fetch(`${app.url}/app.js`, { headers: { 'If-Match': '"not-this-one"' } });
      expect(precondition.status).toBe(412);
      expect((await precondition.json()).error.code).toBe('precondition_failed');
    });

    it('a path that climbs out of the web folder reads nothing outside it', async () => {
      // Sent raw: fetch would normalise the dots away before they reach the server.
      for (const attempt of ['/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/../corpus/000_71dcd0df67353d15.txt', '/..%5c..%5cpackage.json', '/.git/config']) {
        const { status, body } = await rawGet(app.url, attempt);
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
        expect(body).not.toContain('"dependencies"');
        expect(body).not.toContain('root:');
        expect(body).not.toContain('OpenAI');
        expect(body).not.toContain('[core]');
      }
    });
  });

  it('GET / serves the page with a content security policy that forbids inline script', async () => {
    const response = await fetch(`${app.url}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<form id="ask-form"');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

/** A GET whose path is sent byte for byte, without the URL normalisation fetch applies. */
function rawGet(base: string, rawPath: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, path: rawPath, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

describe('citations of Markdown and HTML articles', () => {
  let app: RunningApp;
  beforeAll(async () => {
    const fixtures = path.join(REPO_ROOT, 'tests/fixtures/corpus');
    app = await startTestApp(
      {},
      {
        extraCorpusFiles: {
          'mistral-levee.html': await readFile(path.join(fixtures, 'mistral-levee.html'), 'utf8'),
          'souverainete-numerique.md': await readFile(path.join(fixtures, 'souverainete-numerique.md'), 'utf8'),
        },
      },
    );
  });
  afterAll(async () => {
    await app.stop();
  });

  it('point a Markdown passage at its exact text in the file, without its boilerplate', async () => {
    const { body } = await postJson(`${app.url}/search`, { query: 'centres de données énergie bas carbone', k: 3 });
    const result = body.results.find((r: { source: string }) => r.source === 'souverainete-numerique.md');
    expect(result).toBeDefined();
    expect(result.date).toBe('2024-09-30');
    const raw = await readFile(path.join(app.workspace.corpusDir, result.source), 'utf8');
    expect(raw.slice(result.start, result.end)).toBe(result.excerpt);
    expect(result.excerpt).not.toMatch(/Partager|newsletter/);
  });

  it('point an HTML passage at its markup in the file, and show its visible text', async () => {
    const { body } = await postJson(`${app.url}/search`, { query: 'Mistral AI a levé 600 millions d’euros', k: 5 });
    const result = body.results.find((r: { source: string; excerpt: string }) => r.source === 'mistral-levee.html' && r.excerpt.includes('600'));
    expect(result).toBeDefined();
    expect(result.excerpt).toContain('Mistral AI a levé 600');
    expect(result.excerpt).not.toMatch(/<[a-z]|&[a-z]+;|Partager/);
    const raw = await readFile(path.join(app.workspace.corpusDir, result.source), 'utf8');
    const span = raw.slice(result.start, result.end);
    expect(span).toContain('Mistral AI a lev&eacute;');
    expect(span.startsWith(result.excerpt.slice(0, 3))).toBe(true);
  });
});
