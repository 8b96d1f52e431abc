import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startTestApp, type RunningApp } from './helpers/running-app.js';

describe('grounding API: /search filters, raw scores, /sources', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('limits /search to the articles named, and to a date range; gives raw BM25 and cosine scores beside the fused one', async () => {
    const all = await postJson(`${app.url}/search`, { query: 'OpenAI bureau Paris', k: 10 });
    expect(new Set(all.body.results.map((result: { source: string }) => result.source)).size).toBeGreaterThan(2);
    for (const result of all.body.results) {
      expect(result.lexicalScore === null || result.lexicalScore > 0).toBe(true);
      expect(result.denseScore === null || (result.denseScore >= -1 && result.denseScore <= 1)).toBe(true);
    }
    const one = await postJson(`${app.url}/search`, { query: 'OpenAI bureau Paris', k: 10, sources: ['004_81d887d6e74563b3.txt'] });
    expect(one.body.results.length).toBeGreaterThan(0);
    expect(new Set(one.body.results.map((result: { source: string }) => result.source))).toEqual(new Set(['004_81d887d6e74563b3.txt']));
    const dated = await postJson(`${app.url}/search`, { query: 'OpenAI', k: 10, from: '2024-10-05', to: '2024-10-31' });
    expect(dated.body.results.length).toBeGreaterThan(0);
    for (const result of dated.body.results) expect(result.date.slice(0, 10) >= '2024-10-05' && result.date.slice(0, 10) <= '2024-10-31').toBe(true);
    const bad = await postJson(`${app.url}/search`, { query: 'OpenAI', from: '2024-11-01', to: '2024-10-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/from must not be after to/u);
    const badDate = await postJson(`${app.url}/search`, { query: 'OpenAI', from: 'hier' });
    expect(badDate.status).toBe(400);
  });

  it('GET /sources lists the articles with their metadata and passage counts', async () => {
    const { sources } = await (await fetch(`${app.url}/sources`)).json();
    expect(sources).toHaveLength(5);
    expect(sources.find((source: { source: string }) => source.source === '004_81d887d6e74563b3.txt')).toMatchObject({
      title: 'OpenAI face à ses défis : 6,6 milliards pour rester leader ou éviter l’impasse ?',
      date: '2024-10-04',
      author: 'Thierry Derouet',
      passages: expect.any(Number),
    });
  });

  it('GET /sources/:source gives one article as JSON, or as a page with the cited passage marked; unknown ids and bad ranges are 4xx', async () => {
    const json = await (await fetch(`${app.url}/sources/004_81d887d6e74563b3.txt`)).json();
    expect(json.passages.length).toBe(json.passageCount);
    const cited = json.passages[1];
    const page = await fetch(`${app.url}/sources/004_81d887d6e74563b3.txt?highlight=${cited.start}-${cited.end}`, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/u);
    const html = await page.text();
    expect(html).toContain('<p id="passage-cite"><mark>');
    expect(html).not.toMatch(/<script/u);
    const unknown = await fetch(`${app.url}/sources/..%2F..%2Fetc%2Fpasswd`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('unknown_source');
    const badRange = await fetch(`${app.url}/sources/004_81d887d6e74563b3.txt?highlight=9-3`);
    expect(badRange.status).toBe(400);
  });

  it('GET /examples gives questions made from the corpus that the answerer answers; other methods get 405', async () => {
    const response = await fetch(`${app.url}/examples`);
    expect(response.status).toBe(200);
    const { questions } = (await response.json()) as { questions: string[] };
    expect(questions.length).toBeGreaterThan(0);
    expect(questions.length).toBeLessThanOrEqual(3);
    for (const question of questions) {
      expect(question).toMatch(/^(?:Qui est|Comment) .+ \?$/u);
      const answered = await fetch(`${app.url}/ask`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ question }) });
      expect(((await answered.json()) as { abstained: boolean }).abstained).toBe(false);
    }
    expect((await fetch(`${app.url}/examples`, { method: 'POST' })).status).toBe(405);
  });

  it('publishes an OpenAPI 3.1 document made from the request schemas, and a readable page of it at /docs', async () => {
    const document = await (await fetch(`${app.url}/openapi.json`)).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(['/ask', '/examples', '/feedback', '/health', '/mcp', '/search', '/sources', '/sources/{source}', '/v1/chat/completions', '/v1/models']);
    const search = document.paths['/search'].post.requestBody.content['application/json'].schema;
    expect(search.required).toEqual(['query']);
    expect(Object.keys(search.properties).sort()).toEqual(['from', 'k', 'query', 'sources', 'to']);
    expect(search.properties.k).toMatchObject({ type: 'integer', minimum: 1, maximum: 50 });
    expect(document.paths['/ask'].post.requestBody.content['application/json'].schema.properties.question.maxLength).toBe(2000);
    const docs = await fetch(`${app.url}/docs`);
    expect(docs.headers.get('content-type')).toMatch(/text\/html/u);
    const html = await docs.text();
    for (const path of ['POST /ask', 'POST /search', 'GET /sources/{source}', 'POST /v1/chat/completions']) expect(html).toContain(path);
    expect(html).not.toMatch(/<script|https?:\/\/(?!localhost)[^"]*\.js/u);
  });
});
