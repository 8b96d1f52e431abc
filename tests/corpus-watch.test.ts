import { loadedIndexOf } from '../src/index/index.js';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepIndexFresh } from '../src/ingest/keep-index-fresh.js';
import { startFakeChatCompletions } from './helpers/fake-chat-completions.js';
import { postJson, startTestApp, type RunningApp } from './helpers/running-app.js';

const NEW_ARTICLE = [
  'Le port de Saint-Malo inaugure une digue',
  '',
  'Saint-Malo, le 3 mars 2025. La nouvelle digue du port de Saint-Malo a été inaugurée par la maire, Gwenaëlle Le Goff, devant trois cents habitants.',
  '',
  'Les travaux ont duré quatre ans et coûté 41 millions d’euros.',
].join('\n');

async function health(app: RunningApp): Promise<{ state: string; articles: number; staleSince: string | null }> {
  const body = (await (await fetch(`${app.url}/health`)).json()) as { index: { state: string; articles: number; staleSince: string | null } };
  return body.index;
}

describe('the corpus changing under a running server', () => {
  let app: RunningApp;
  let watching: { stop: () => void };
  const lines: string[] = [];
  beforeEach(async () => {
    app = await startTestApp();
    watching = keepIndexFresh(app.engine, (line) => lines.push(line));
  });
  afterEach(async () => {
    watching.stop();
    await app.stop();
  });

  it('indexes an added article, says stale until then, and cites it with exact offsets', async () => {
    expect((await health(app)).state).toBe('fresh');
    await writeFile(path.join(app.workspace.corpusDir, 'digue-saint-malo.txt'), NEW_ARTICLE, 'utf8');
    await expect.poll(async () => (await health(app)).state, { timeout: 2_000, interval: 20 }).not.toBe('fresh');
    await expect.poll(async () => (await health(app)).articles, { timeout: 20_000 }).toBe(6);
    expect((await health(app)).state).toBe('fresh');
    const answered = await postJson(`${app.url}/ask`, { question: 'Qui a inauguré la digue du port de Saint-Malo ?' });
    expect(answered.body.answer).toContain('Gwenaëlle Le Goff');
    const citation = answered.body.citations.find((c: { source: string }) => c.source === 'digue-saint-malo.txt');
    const file = await readFile(path.join(app.workspace.corpusDir, 'digue-saint-malo.txt'), 'utf8');
    expect(file.slice(citation.start, citation.end)).toBe(citation.excerpt);
    expect(lines.some((line) => /index updated: 6 articles/u.test(line))).toBe(true);
  });

  it('follows sub-folders: an article added in 2025/03/ is indexed under that path, served by /sources, and nothing outside answers', async () => {
    await mkdir(path.join(app.workspace.corpusDir, '2025', '03'), { recursive: true });
    await writeFile(path.join(app.workspace.corpusDir, '2025', '03', 'digue-saint-malo.txt'), NEW_ARTICLE, 'utf8');
    await expect.poll(async () => (await health(app)).articles, { timeout: 20_000 }).toBe(6);
    const found = await postJson(`${app.url}/search`, { query: 'digue Saint-Malo Le Goff' });
    const hit = found.body.results.find((result: { source: string }) => result.source === '2025/03/digue-saint-malo.txt');
    expect(hit).toBeDefined();
    const file = await readFile(path.join(app.workspace.corpusDir, '2025', '03', 'digue-saint-malo.txt'), 'utf8');
    expect(file.slice(hit.start, hit.end)).toBe(hit.excerpt);
    const article = await fetch(`${app.url}/sources/${encodeURIComponent('2025/03/digue-saint-malo.txt')}`, { headers: { Accept: 'application/json' } });
    expect(article.status).toBe(200);
    expect(JSON.stringify(await article.json())).toContain('Gwenaëlle Le Goff');
    for (const outside of ['../corpus/2025/03/digue-saint-malo.txt', '2025/../../etc/passwd', '2025/03']) {
      expect((await fetch(`${app.url}/sources/${encodeURIComponent(outside)}`)).status).toBe(404);
    }
  });

  it('cites the new text of a modified article and forgets a deleted one', async () => {
    await writeFile(path.join(app.workspace.corpusDir, 'digue-saint-malo.txt'), NEW_ARTICLE, 'utf8');
    await expect.poll(async () => (await health(app)).articles, { timeout: 20_000 }).toBe(6);
    await writeFile(path.join(app.workspace.corpusDir, 'digue-saint-malo.txt'), `Note de la rédaction.\n\n${NEW_ARTICLE.replace('Gwenaëlle Le Goff', 'Maëlle Kerbrat')}`, 'utf8');
    await expect
      .poll(async () => (await postJson(`${app.url}/ask`, { question: 'Qui a inauguré la digue du port de Saint-Malo ?' })).body.answer, { timeout: 20_000 })
      .toContain('Maëlle Kerbrat');
    const answered = await postJson(`${app.url}/ask`, { question: 'Qui a inauguré la digue du port de Saint-Malo ?' });
    const citation = answered.body.citations.find((c: { source: string }) => c.source === 'digue-saint-malo.txt');
    const file = await readFile(path.join(app.workspace.corpusDir, 'digue-saint-malo.txt'), 'utf8');
    expect(file.slice(citation.start, citation.end)).toBe(citation.excerpt);

    await rm(path.join(app.workspace.corpusDir, 'digue-saint-malo.txt'));
    await expect.poll(async () => (await health(app)).articles, { timeout: 20_000 }).toBe(5);
    const after = await postJson(`${app.url}/search`, { query: 'digue Saint-Malo Kerbrat' });
    expect(after.body.results.map((result: { source: string }) => result.source)).not.toContain('digue-saint-malo.txt');
  });
});

describe('a request in flight while the index is swapped', () => {
  it('finishes on the index it started with, and the next request gets the new one', async () => {
    const fake = await startFakeChatCompletions();
    fake.behaviour = { kind: 'hang' };
    const app = await startTestApp({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'slow', LLM_TIMEOUT_MS: '2500' });
    const watching = keepIndexFresh(app.engine, () => undefined);
    try {
      const source = loadedIndexOf(app.engine.store).passages.find((passage) => passage.text.includes('Janine Korovesis'))!.source;
      const inFlight = postJson(`${app.url}/ask`, { question: 'Qui est Janine Korovesis ?' });
      await expect.poll(() => fake.received.length).toBe(1);
      await rm(path.join(app.workspace.corpusDir, source));
      await expect.poll(async () => (await health(app)).articles, { timeout: 20_000 }).toBe(4);
      const answered = await inFlight;
      expect(answered.status).toBe(200);
      expect(answered.body.citations.map((c: { source: string }) => c.source)).toContain(source);
      fake.behaviour = { kind: 'answer', content: 'Je ne sais pas.' };
      const later = await postJson(`${app.url}/search`, { query: 'Janine Korovesis' });
      expect(later.body.results.map((result: { source: string }) => result.source)).not.toContain(source);
    } finally {
      watching.stop();
      await app.stop();
      await fake.close();
    }
  });
});
