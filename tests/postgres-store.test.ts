import { existsSync } from 'node:fs';
import { unlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { citableArticles } from '../src/index/index.js';
import { readCorpus } from '../src/corpus/index.js';
import type { E5Embeddings } from '../src/embedding/index.js';
import { openEngine, type Engine } from '../src/engine.js';
import { createLogger } from '../src/logger.js';
import { createApp, startServer } from '../src/server/index.js';
import { createPool, indexIntoPostgres, migrate } from '../src/postgres/index.js';
import { REPO_ROOT } from './helpers/paths.js';
import { postJson } from './helpers/running-app.js';
import { runCli } from './helpers/run-cli.js';
import { startServeProcess, type ServeProcess } from './helpers/serve-process.js';
import { makeWorkspace, testConfig, testEnvironment, type Workspace } from './helpers/test-config.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

async function postgresWorkspace(extraCorpusFiles: Record<string, string> = {}): Promise<Workspace> {
  const workspace = await makeWorkspace(extraCorpusFiles, { store: 'postgres' });
  cleanups.push(() => workspace.remove());
  return workspace;
}

async function open(workspace: Workspace, overrides: Record<string, string> = {}, options: Parameters<typeof openEngine>[1] = {}): Promise<Engine> {
  const engine = await openEngine(testConfig(workspace, { WATCH_CORPUS: 'false', ...overrides }), options);
  cleanups.push(() => engine.close());
  return engine;
}

function client(workspace: Workspace): pg.Pool {
  const pool = new pg.Pool({ connectionString: workspace.databaseUrl!, max: 2 });
  cleanups.push(() => pool.end());
  return pool;
}

const HALF_ARTICLES = 'SELECT a.source FROM articles a LEFT JOIN passages p ON p.source = a.source GROUP BY a.source, a.passages HAVING count(p.id) <> a.passages';

/** What must hold after every committed batch: each article whole, and the statistics BM25 reads equal to the passages'. */
async function expectConsistent(pool: pg.Pool): Promise<{ articles: number; passages: number }> {
  const partial = await pool.query(HALF_ARTICLES);
  expect(partial.rows).toEqual([]);
  const stats = (await pool.query('SELECT s.passages::int AS stored, (SELECT count(*)::int FROM passages) AS counted, s.total_terms::int AS terms, (SELECT coalesce(sum(term_total), 0)::int FROM passages) AS summed FROM corpus_stats s')).rows[0];
  expect(stats.stored).toBe(stats.counted);
  expect(stats.terms).toBe(stats.summed);
  const wrongFrequencies = await pool.query(
    `SELECT count(*)::int AS n FROM (SELECT term, count(*)::int AS df FROM passages, unnest(terms) AS term GROUP BY term) actual
       FULL JOIN term_stats s USING (term) WHERE actual.df IS DISTINCT FROM s.df`,
  );
  expect(wrongFrequencies.rows[0].n).toBe(0);
  const articles = (await pool.query('SELECT count(*)::int AS n FROM articles')).rows[0].n as number;
  return { articles, passages: stats.counted as number };
}

/** A made-up local news article, distinct by its number. */
function generatedArticle(n: number): string {
  return [
    `Conseil municipal de Villefranche-${n}`,
    `Publié le ${1 + (n % 28)} mars 2025`,
    `Le conseil municipal de Villefranche-${n} a voté mardi soir un budget de ${n * 1000} euros pour rénover la médiathèque et l'école Jean-Moulin-${n}.`,
    `La maire, Claire Dubois-${n}, a expliqué que les travaux commenceront au printemps et dureront huit mois, avec une fermeture partielle du bâtiment.`,
    `Les élus de l'opposition ont demandé un audit des dépenses engagées depuis trois ans, estimant que le quartier de la gare-${n} était oublié.`,
  ].join('\n\n');
}

/** The passage text the engine finds first for a query, once it has seen the change (within a few seconds). */
async function postJsonToEngine(engine: Engine, query: string): Promise<string> {
  const startedAt = Date.now();
  for (;;) {
    const hits = await engine.store.searchLexical(query, 1, null);
    const text = (await engine.store.passages(hits.map((hit) => hit.id))).get(hits[0]?.id ?? '')?.text ?? '';
    if (text.includes('7777') || Date.now() - startedAt > 6_000) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('PostgreSQL store (STORE=postgres)', () => {
  it('migrates once when five servers start at once, and finds nothing to do the next time', async () => {
    const workspace = await postgresWorkspace();
    const { store } = testConfig(workspace);
    if (store.kind !== 'postgres') throw new Error('expected the postgres store');
    const pools = Array.from({ length: 5 }, () => createPool(store.postgres));
    cleanups.push(() => Promise.all(pools.map((pool) => pool.end())));
    const results = await Promise.all(pools.map((pool) => migrate(pool)));
    expect(results.map((result) => result.applied).sort()).toEqual([[], [], [], [], [1]]);
    expect((await pools[0]!.query('SELECT version FROM schema_migrations')).rows).toEqual([{ version: 1 }]);
    expect(await migrate(pools[1]!)).toEqual({ applied: [] });
    const cli = await runCli(['migrate'], testEnvironment(workspace));
    expect(cli.code).toBe(0);
    expect(cli.stderr).toContain('already at version 1');
  });

  it('holds the whole index in the database: nothing is written under INDEX_DIR', async () => {
    const workspace = await postgresWorkspace();
    const engine = await open(workspace);
    expect(await engine.store.describe()).toMatchObject({ kind: 'postgres', articles: 5, vectors: { model: 'tiny-french-e5', dimensions: 32 } });
    expect(existsSync(workspace.indexDir)).toBe(false);
    await expectConsistent(client(workspace));
  });

  it('refuses to serve with another model until `npm run index -- --force`, then serves with it', async () => {
    const workspace = await postgresWorkspace();
    await (await open(workspace)).close();
    const otherModel = { PASSAGE_PREFIX: 'document: ' };
    await expect(open(workspace, otherModel)).rejects.toThrow(/indexed with tiny-french-e5 .*npm run index -- --force/u);
    const refused = await runCli(['index'], testEnvironment(workspace, otherModel));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('npm run index -- --force');
    const forced = await runCli(['index', '--force'], testEnvironment(workspace, otherModel));
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('asked to rebuild (--force)');
    const engine = await open(workspace, otherModel);
    expect(engine.embeddings).not.toBeNull();
    const { rows } = await client(workspace).query('SELECT passage_prefix FROM store_model');
    expect(rows).toEqual([{ passage_prefix: 'document: ' }]);
  });

  it('embeds again only the articles that changed, removes deleted ones, and answers from the new text', async () => {
    const workspace = await postgresWorkspace({ 'zz-ajout.txt': generatedArticle(1) });
    const engine = await open(workspace);
    const before = await expectConsistent(client(workspace));
    expect(before.articles).toBe(6);

    await writeFile(path.join(workspace.corpusDir, 'zz-ajout.txt'), generatedArticle(1).replace('un budget de 1000 euros', 'un budget de 7777 euros'));
    await writeFile(path.join(workspace.corpusDir, 'zz-nouveau.txt'), generatedArticle(2));
    await unlink(path.join(workspace.corpusDir, '004_81d887d6e74563b3.txt'));

    const read = await readCorpus(workspace.corpusDir);
    const { articles } = citableArticles(read.articles, engine.config.chunking);
    const forBuild = engine.embedderForBuild!;
    const embeddedTexts: string[] = [];
    const counting = { embedDocuments: async (texts: string[]) => (embeddedTexts.push(...texts), forBuild.embeddings.embedDocuments(texts)) } as unknown as E5Embeddings;
    const pool = client(workspace);
    const versionBefore = engine.store.contentVersion();
    const result = await indexIntoPostgres(pool, { articles, chunking: engine.config.chunking, embedder: { model: forBuild.model, embeddings: counting }, batchArticles: 2 });
    expect(result).toMatchObject({ added: 1, changed: 1, removed: 1, unchanged: 4 });
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM passages WHERE source IN ('zz-ajout.txt', 'zz-nouveau.txt')");
    expect(embeddedTexts.length).toBe(rows[0].n);
    expect((await expectConsistent(pool)).articles).toBe(6);
    expect((await pool.query("SELECT 1 FROM articles WHERE source = '004_81d887d6e74563b3.txt'")).rows).toEqual([]);

    // The running engine is told (NOTIFY: its version changes without it asking) and cites the new figure.
    const notifiedBy = Date.now() + 3_000;
    while (engine.store.contentVersion() === versionBefore && Date.now() < notifiedBy) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(engine.store.contentVersion()).not.toBe(versionBefore);
    const answer = await postJsonToEngine(engine, 'Quel budget le conseil municipal de Villefranche-1 a-t-il voté ?');
    expect(answer).toContain('7777');
  });

  it('resumes after being killed mid-way: no article is ever half stored, and only what was left is embedded', async () => {
    const extra = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`genere-${String(i).padStart(3, '0')}.txt`, generatedArticle(i + 10)]));
    const workspace = await postgresWorkspace(extra);
    const environment = testEnvironment(workspace, { PG_INDEX_BATCH: '1' });
    const pool = client(workspace);
    const { spawn } = await import('node:child_process');
    const { CLI_MAIN, cliEnvironment } = await import('./helpers/run-cli.js');
    // node with tsx's loader: one process, so that the kill reaches the indexer itself.
    const indexer = spawn(process.execPath, ['--import', 'tsx', CLI_MAIN, 'index'], { env: cliEnvironment(environment), stdio: 'ignore', cwd: REPO_ROOT });
    const exited = new Promise((resolve) => indexer.on('exit', resolve));
    // Killed (SIGKILL: no clean-up runs) once some batches are committed and many are not.
    const killDeadline = Date.now() + 40_000;
    for (let stored = 0; stored < 20; ) {
      if (Date.now() > killDeadline) throw new Error('the indexer stored fewer than 20 articles in 40 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
      stored = Number((await pool.query('SELECT count(*) AS n FROM articles').catch(() => ({ rows: [{ n: 0 }] }))).rows[0].n);
      // A reader while the indexer writes: never an article with some of its passages.
      expect((await pool.query(HALF_ARTICLES)).rows).toEqual([]);
    }
    indexer.kill('SIGKILL');
    await exited;
    const killed = await expectConsistent(pool);
    expect(killed.articles).toBeGreaterThanOrEqual(20);
    expect(killed.articles).toBeLessThan(155);

    const resumed = await runCli(['index'], environment);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`${155 - killed.articles} added, 0 changed, 0 removed`, 'u'));
    expect((await expectConsistent(pool)).articles).toBe(155);
    // The first load builds the HNSW index at its end: the resumed run built it.
    expect((await pool.query("SELECT 1 FROM pg_indexes WHERE indexname = 'passages_embedding' AND schemaname = current_schema()")).rows).toHaveLength(1);
  });

  it('two servers on one database answer alike; both see an article indexed by `npm run index` within seconds; one killed loses nothing', async () => {
    const workspace = await postgresWorkspace();
    const environment = testEnvironment(workspace, { WATCH_CORPUS: 'false', LOG_LEVEL: 'silent' });
    const first = await runCli(['index'], environment);
    expect(first.code).toBe(0);
    const servers: ServeProcess[] = await Promise.all([startServeProcess(environment), startServeProcess(environment)]);
    cleanups.push(async () => servers.forEach((server) => server.process.kill('SIGKILL')));
    const questions = ['Qui est Janine Korovesis ?', 'Qui dirige le lobbying de la société Zyxel à Lyon ?', 'Quelle est la recette de la blanquette de veau ?'];
    for (const question of questions) {
      const [a, b] = await Promise.all(servers.map((server) => postJson(`${server.url}/ask`, { question })));
      expect(a!.status).toBe(200);
      expect({ answer: a!.body.answer, citations: a!.body.citations }).toEqual({ answer: b!.body.answer, citations: b!.body.citations });
    }

    await writeFile(path.join(workspace.corpusDir, 'zz-villefranche.txt'), generatedArticle(4242));
    const indexed = await runCli(['index'], environment);
    expect(indexed.code).toBe(0);
    const startedAt = Date.now();
    for (const server of servers) {
      for (;;) {
        const response = await postJson(`${server.url}/search`, { query: 'Claire Dubois-4242 médiathèque Villefranche-4242', k: 1 });
        if (response.body.results?.[0]?.source === 'zz-villefranche.txt') break;
        expect(Date.now() - startedAt).toBeLessThan(10_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    const health = await (await fetch(`${servers[1]!.url}/health`)).json();
    expect(health.index).toMatchObject({ store: 'postgres', articles: 6 });

    servers[0]!.process.kill('SIGKILL');
    await servers[0]!.exited;
    const after = await postJson(`${servers[1]!.url}/ask`, { question: 'Qui est Janine Korovesis ?' });
    expect(after.status).toBe(200);
    expect(after.body.citations[0].source).toBe('000_71dcd0df67353d15.txt');
    expect((await expectConsistent(client(workspace))).articles).toBe(6);
  });

  it("a server's background refresh adds but never deletes (its folder may be stale); `npm run index` removes what the corpus lost", async () => {
    const workspace = await postgresWorkspace();
    const engine = await open(workspace);
    await unlink(path.join(workspace.corpusDir, '004_81d887d6e74563b3.txt'));
    await writeFile(path.join(workspace.corpusDir, 'zz-nouveau.txt'), generatedArticle(7));
    await engine.refresher.request();
    const pool = client(workspace);
    const sources = async () => (await pool.query('SELECT source FROM articles ORDER BY source')).rows.map((row) => row.source);
    expect(await sources()).toContain('004_81d887d6e74563b3.txt');
    expect(await sources()).toContain('zz-nouveau.txt');
    expect((await runCli(['index'], testEnvironment(workspace))).code).toBe(0);
    expect(await sources()).not.toContain('004_81d887d6e74563b3.txt');
    // A day that is not in the calendar bounds a search as it does on the embedded store, not with an error.
    await expect(engine.store.searchLexical('OpenAI Paris', 3, { from: '2024-02-30' })).resolves.toBeInstanceOf(Array);
  });

  it('answers 503 with Retry-After while the database is away, and answers again once it is back', async () => {
    const workspace = await postgresWorkspace();
    await (await open(workspace)).close();
    const database = new URL(workspace.databaseUrl!);
    const proxy = await startTcpProxy(database.hostname, Number(database.port || 5432));
    cleanups.push(() => proxy.close());
    database.port = String(proxy.port);
    const engine = await open(workspace, { DATABASE_URL: database.toString(), PG_CONNECT_TIMEOUT_MS: '1000' });
    const running = await startServer(createApp(engine, createLogger('silent')), '127.0.0.1', 0, engine.config.load);
    cleanups.push(() => running.close());
    const ask = () => postJson(`${running.url}/ask`, { question: 'Qui est Janine Korovesis ?' });
    expect((await ask()).status).toBe(200);

    await proxy.cut();
    for (const response of [await ask(), await postJson(`${running.url}/search`, { query: 'Janine Korovesis' })]) {
      expect(response.status).toBe(503);
      expect(response.body.error.code).toBe('store_unavailable');
      expect(response.body.error.message).toMatch(/database cannot be reached.*retry in a moment/u);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect((await fetch(`${running.url}/health`)).status).toBe(503);

    await proxy.restore();
    const startedAt = Date.now();
    let status = 0;
    while (status !== 200 && Date.now() - startedAt < 15_000) {
      status = (await ask()).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
    expect((await ask()).body.citations[0].source).toBe('000_71dcd0df67353d15.txt');
  });
});

/** A loopback TCP proxy to the database that a test can cut (every connection and the port closed) and restore on the same port. */
async function startTcpProxy(host: string, port: number): Promise<{ port: number; cut: () => Promise<void>; restore: () => Promise<void>; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const upstream = net.connect(port, host);
    sockets.add(socket).add(upstream);
    socket.pipe(upstream).pipe(socket);
    const end = () => {
      socket.destroy();
      upstream.destroy();
      sockets.delete(socket);
      sockets.delete(upstream);
    };
    socket.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxyPort = (server.address() as net.AddressInfo).port;
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      if (!server.listening) resolve();
      else server.close(() => resolve());
    });
  return {
    port: proxyPort,
    cut: stop,
    restore: () => new Promise<void>((resolve) => server.listen(proxyPort, '127.0.0.1', resolve)),
    close: stop,
  };
}
