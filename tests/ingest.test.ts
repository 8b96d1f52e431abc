import { loadedIndexOf } from '../src/index/index.js';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLimits } from '../src/config.js';
import { readCorpus } from '../src/corpus/index.js';
import { addArticleFromUrl } from '../src/ingest/add-url.js';
import { loadFeedState, saveFeedState } from '../src/ingest/feed-state.js';
import { pollFeed } from '../src/ingest/poll-feed.js';
import { send, startLoopbackSite, type LoopbackSite } from './helpers/loopback-site.js';
import { refreshIndex } from '../src/engine.js';
import { startFeedPolling } from '../src/ingest/feed-poller.js';
import { postJson, startTestApp } from './helpers/running-app.js';
import { runCli } from './helpers/run-cli.js';
import { makeWorkspace, testEnvironment, type Workspace } from './helpers/test-config.js';

const PAGES = path.resolve(import.meta.dirname, 'fixtures/pages');
const LIMITS: FetchLimits = { maxBytes: 200_000, timeoutMs: 2_000, maxRedirects: 3, allowPrivateAddresses: true };

const PLAIN_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Fermeture du pont de la Mulatière</title></head><body>
<nav><a href="/">Accueil</a></nav>
<article><h1>Fermeture du pont de la Mulatière</h1>
<p>Le pont de la Mulatière sera fermé à la circulation du 3 au 21 mars pour des travaux d’étanchéité, a annoncé la métropole de Lyon lundi.</p>
<p>Les bus de la ligne 15 seront déviés par le pont Pasteur ; la métropole conseille d’éviter le secteur aux heures de pointe et d’emprunter les transports en commun.</p>
<p>Le chantier coûtera 2,4 millions d’euros, financés pour moitié par l’État dans le cadre du plan de rénovation des ouvrages d’art.</p>
</article></body></html>`;

describe('adding articles from the web: pages and feeds, bounded fetching', () => {
  let site: LoopbackSite;
  let workspace: Workspace;
  let rssEtag = '"rss-1"';

  beforeAll(async () => {
    const page = (name: string) => readFile(path.join(PAGES, name));
    const wordpress = await page('wordpress-article.html');
    const news = await page('news-jsonld-paywall.html');
    site = await startLoopbackSite({
      '/2024/05/velo-cargo': send('text/html; charset=UTF-8', wordpress),
      '/eco/brest': send('text/html', news),
      '/lyon/pont': send('text/html; charset=utf-8', PLAIN_PAGE),
      '/amp/pont': (_request, response) =>
        response.writeHead(200, { 'content-type': 'text/html' }).end(PLAIN_PAGE.replace('<head>', `<head><link rel="canonical" href="${site.url}/lyon/pont">`)),
      '/latin1': send('text/html; charset=ISO-8859-1', Buffer.from(PLAIN_PAGE.replaceAll('Mulatière', 'Guillotière'), 'latin1')),
      '/go': (_request, response) => response.writeHead(302, { location: '/2024/05/velo-cargo?utm_source=newsletter' }).end(),
      '/loop': (_request, response) => response.writeHead(301, { location: '/loop' }).end(),
      '/huge': send('text/html', `<p>${'x'.repeat(300_000)}</p>`),
      '/photo.png': send('image/png', Buffer.alloc(100)),
      '/slow': () => {
        // never answers: the fetch must give up at its timeout
      },
      '/rss.xml': (request, response) => {
        if (request.headers['if-none-match'] === rssEtag) return void response.writeHead(304).end();
        response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: rssEtag }).end(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Actus</title><link>${site.url}/</link><description>Les actus</description>
<item><title>Le vélo-cargo conquiert les livreurs rennais</title><link>${site.url}/2024/05/velo-cargo</link><pubDate>Tue, 14 May 2024 08:30:00 GMT</pubDate></item>
<item><title>Fermeture du pont</title><link>${site.url}/lyon/pont</link><pubDate>Mon, 03 Mar 2025 07:00:00 GMT</pubDate></item>
</channel></rss>`);
      },
      '/feed.json': (_request, response) =>
        response.writeHead(200, { 'content-type': 'application/feed+json' }).end(
          JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Lyon', items: [{ id: '1', url: `${site.url}/lyon/pont`, title: 'Pont' }, { id: '2', url: `${site.url}/gone`, title: 'Disparu' }] }),
        ),
      '/atom.xml': send('application/atom+xml', `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Économie</title><id>urn:uuid:1</id><updated>2024-11-03T06:45:00Z</updated>
<entry><title>Le port de Brest mise sur l’éolien flottant</title><link href="/eco/brest"/><id>urn:uuid:2</id><updated>2024-11-03T06:45:00Z</updated></entry>
</feed>`),
    });
    workspace = await makeWorkspace();
  });
  afterAll(async () => {
    await site.close();
    await workspace.remove();
  });

  it('stores a page under a name made from its address, with title, date, author, outlet and URL', async () => {
    const stored = await addArticleFromUrl(`${site.url}/2024/05/velo-cargo`, workspace.corpusDir, LIMITS);
    // The page names ouest-velo.example as its canonical address, but it came from another site: it is cited as what it is.
    expect(stored).toMatchObject({ status: 'added', url: `${site.url}/2024/05/velo-cargo` });
    expect(stored.source).toMatch(/^127-0-0-1-2024-05-velo-cargo-[0-9a-f]{8}\.html$/u);
    const { articles } = await readCorpus(workspace.corpusDir);
    expect(articles.find((article) => article.source === stored.source)).toMatchObject({
      title: 'Le vélo-cargo conquiert les livreurs rennais',
      date: '2024-05-14T08:30:00+00:00',
      author: 'Léa Morvan',
      outlet: 'Ouest Vélo Mag',
      url: `${site.url}/2024/05/velo-cargo`,
    });
  });

  it('a canonical address on the same site names the article: its AMP copy takes the same file instead of adding one', async () => {
    const original = await addArticleFromUrl(`${site.url}/lyon/pont`, workspace.corpusDir, LIMITS);
    const before = await readdir(workspace.corpusDir);
    const amp = await addArticleFromUrl(`${site.url}/amp/pont`, workspace.corpusDir, LIMITS);
    expect(amp.url).toBe(`${site.url}/lyon/pont`);
    expect(amp.source).toBe(original.source);
    expect(await readdir(workspace.corpusDir)).toEqual(before);
  });

  it('adding the same article again, through a redirect with a tracking parameter, does not duplicate it', async () => {
    const before = await readdir(workspace.corpusDir);
    const again = await addArticleFromUrl(`${site.url}/go`, workspace.corpusDir, LIMITS);
    expect(again.status).toBe('unchanged');
    expect(await readdir(workspace.corpusDir)).toEqual(before);
  });

  it('keeps the address of a page that declares none, and reads a page sent in ISO-8859-1', async () => {
    const plain = await addArticleFromUrl(`${site.url}/lyon/pont`, workspace.corpusDir, LIMITS);
    expect(plain.url).toBe(`${site.url}/lyon/pont`);
    const latin = await addArticleFromUrl(`${site.url}/latin1`, workspace.corpusDir, LIMITS);
    const { articles } = await readCorpus(workspace.corpusDir);
    expect(articles.find((article) => article.source === plain.source)?.url).toBe(`${site.url}/lyon/pont`);
    const latinArticle = articles.find((article) => article.source === latin.source);
    expect(latinArticle?.title).toBe('Fermeture du pont de la Guillotière');
    expect(latinArticle?.blocks.map((block) => block.text).join('\n')).toContain('sera fermé à la circulation du 3 au 21 mars');
  });

  it('refuses what it must not fetch, saying why and what to set', async () => {
    const refusal = (url: string, limits: FetchLimits = LIMITS) => addArticleFromUrl(url, workspace.corpusDir, limits).then(() => 'fetched', (error: Error) => error.message);
    expect(await refusal('file:///etc/passwd')).toMatch(/only http:\/\/ and https:\/\/ addresses can be fetched/u);
    expect(await refusal(`${site.url}/lyon/pont`, { ...LIMITS, allowPrivateAddresses: false })).toMatch(/127\.0\.0\.1, a private or loopback address: refused \(set FETCH_ALLOW_PRIVATE=true/u);
    expect(await refusal(`http://localhost:${new URL(site.url).port}/lyon/pont`, { ...LIMITS, allowPrivateAddresses: false })).toMatch(/private or loopback address: refused/u);
    expect(await refusal(`${site.url}/huge`)).toMatch(/larger than 0\.2 MB \(FETCH_MAX_BYTES\)/u);
    expect(await refusal(`${site.url}/photo.png`)).toMatch(/is image\/png, not one of text\/html/u);
    expect(await refusal(`${site.url}/loop`)).toMatch(/more than 3 redirects \(FETCH_MAX_REDIRECTS\)/u);
    expect(await refusal(`${site.url}/slow`, { ...LIMITS, timeoutMs: 300 })).toMatch(/did not answer within 300 ms \(FETCH_TIMEOUT_MS\)/u);
    expect(await refusal(`${site.url}/missing`)).toMatch(/answered HTTP 404/u);
    expect(await refusal('pas une adresse')).toMatch(/is not a web address/u);
    const names = await readdir(workspace.corpusDir);
    expect(names.filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('adds the new entries of an RSS feed, then asks with its ETag and fetches nothing when it has not changed', async () => {
    const state = await loadFeedState(workspace.indexDir);
    const first = await pollFeed(`${site.url}/rss.xml`, workspace.corpusDir, LIMITS, state);
    expect(first.notModified).toBe(false);
    expect(first.failed).toEqual([]);
    // Both entries were already added above: they are stored again as they are, not duplicated.
    expect(first.stored.map((article) => article.status)).toEqual(['unchanged', 'unchanged']);
    await saveFeedState(workspace.indexDir, state);
    const requestsBefore = site.requests.length;
    const second = await pollFeed(`${site.url}/rss.xml`, workspace.corpusDir, LIMITS, await loadFeedState(workspace.indexDir));
    expect(second).toMatchObject({ notModified: true, stored: [] });
    expect(site.requests.slice(requestsBefore)).toEqual(['GET /rss.xml']);
  });

  it('reads a JSON feed; an entry that is gone (404) is reported once and not asked for again', async () => {
    const state = await loadFeedState(workspace.indexDir);
    const first = await pollFeed(`${site.url}/feed.json`, workspace.corpusDir, LIMITS, state);
    expect(first.stored.map((article) => article.url)).toEqual([`${site.url}/lyon/pont`]);
    expect(first.failed).toEqual([{ url: `${site.url}/gone`, reason: expect.stringMatching(/answered HTTP 404/u) }]);
    const requestsBefore = site.requests.length;
    const second = await pollFeed(`${site.url}/feed.json`, workspace.corpusDir, LIMITS, state);
    expect(second.failed).toEqual([]);
    expect(site.requests.slice(requestsBefore)).toEqual(['GET /feed.json']);
  });

  it('reads an Atom feed with relative links, and `npm run add -- --feed` indexes its new entry', async () => {
    const { code, stderr } = await runCli(['add', '--feed', `${site.url}/atom.xml`], testEnvironment(workspace, { FETCH_ALLOW_PRIVATE: 'true' }));
    expect(stderr, stderr).toContain('1 entries read, 0 failed');
    expect(stderr).toMatch(/added: 127-0-0-1-eco-brest-[0-9a-f]{8}\.html \(http:\/\/127\.0\.0\.1:\d+\/eco\/brest\)/u);
    expect(stderr).toMatch(/Index built \([^)]*\): 9 articles/u);
    expect(code).toBe(0);
  });

  it('a server with FEEDS adds the entries and answers from them without a restart, citing their URL', async () => {
    const app = await startTestApp({ FEEDS: `${site.url}/rss.xml`, FETCH_ALLOW_PRIVATE: 'true' });
    try {
      const before = await postJson(`${app.url}/search`, { query: 'vélo-cargo livreurs Rennes coopérative', k: 3 });
      expect(before.body.results.some((result: { url: string | null }) => result.url?.includes('ouest-velo'))).toBe(false);
      const lines: string[] = [];
      const poller = startFeedPolling(app.engine.config, () => refreshIndex(app.engine), (line) => lines.push(line));
      expect(await poller.pollNow()).toBe(2);
      poller.stop();
      expect(lines).toEqual([expect.stringMatching(/2 new or updated articles/u)]);
      expect(loadedIndexOf(app.engine.store).manifest.counts.articles).toBe(7);
      const after = await postJson(`${app.url}/search`, { query: 'vélo-cargo livreurs Rennes coopérative', k: 3 });
      expect(after.body.results[0]).toMatchObject({
        title: 'Le vélo-cargo conquiert les livreurs rennais',
        author: 'Léa Morvan',
        outlet: 'Ouest Vélo Mag',
        url: `${site.url}/2024/05/velo-cargo`,
      });
      const health = await (await fetch(`${app.url}/health`)).json();
      expect(health.index.articles).toBe(7);
    } finally {
      await app.stop();
    }
  });

  it('`npm run add` refuses a loopback address unless FETCH_ALLOW_PRIVATE is set, and exits 1', async () => {
    const { code, stderr } = await runCli(['add', `${site.url}/lyon/pont`], testEnvironment(workspace));
    expect(code).toBe(1);
    expect(stderr).toMatch(/could not add .*private or loopback address: refused/u);
    expect(stderr).not.toMatch(/\n\s+at /u);
  });
});
