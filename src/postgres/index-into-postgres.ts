import type pg from 'pg';
import { chunkArticle, type ChunkingSettings, type Passage } from '../chunking/index.js';
import type { Article } from '../corpus/index.js';
import { INDEX_FORMAT_VERSION, type EmbedderForBuild, type ManifestModel } from '../index/index.js';
import { sha256Hex } from '../shared/index.js';
import { analyzeFrench } from '../text/index.js';
import { ensureVectorColumn, INDEXER_LOCK } from './migrations.js';
import { dayOf, vectorLiteral } from './passage-rows.js';
import { CHANGES_CHANNEL } from './postgres-store.js';

export interface PostgresIndexOptions {
  articles: readonly Article[];
  chunking: ChunkingSettings;
  embedder: EmbedderForBuild | null;
  /** Articles embedded and committed together. */
  batchArticles: number;
  /** Start again from nothing: the only way to change the model of a database already indexed. */
  force?: boolean;
  log?: (line: string) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface PostgresIndexResult {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  embedded: number;
  reason: string;
}

/** A change of model that the database may not take without `npm run index -- --force`. */
export class ModelChangeError extends Error {}

interface StoredModel {
  model_id: string | null;
  dtype: string | null;
  dimensions: number | null;
  passage_prefix: string | null;
  fingerprint: string | null;
}

/**
 * Brings the database up to date with the corpus: articles whose passages or model changed are
 * chunked, embedded and written again, batch by batch, each batch in one transaction (readers see
 * an article whole or not at all; a run stopped half-way resumes at the first batch not committed,
 * since committed articles carry their new hash); articles gone from the corpus are deleted. One
 * indexer at a time (an advisory lock); each commit notifies the servers.
 */
export async function indexIntoPostgres(pool: pg.Pool, options: PostgresIndexOptions): Promise<PostgresIndexResult> {
  const log = options.log ?? (() => {});
  const startedAt = performance.now();
  const lock = await pool.connect();
  try {
    const { rows } = await lock.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [...INDEXER_LOCK]);
    if (!rows[0]?.locked) {
      log('another process is indexing into this database: waiting for it to finish…');
      await lock.query('SELECT pg_advisory_lock($1, $2)', [...INDEXER_LOCK]);
    }
    try {
      const restarted = await prepareModel(pool, options);
      const model = options.embedder?.model ?? null;
      const existing = new Map((await pool.query<{ source: string; content_hash: string }>('SELECT source, content_hash FROM articles')).rows.map((row) => [row.source, row.content_hash]));
      const current = new Map(options.articles.map((article) => [article.source, article]));
      const removed = [...existing.keys()].filter((source) => !current.has(source));
      const toWrite: { article: Article; passages: Passage[]; hash: string }[] = [];
      let unchanged = 0;
      for (const article of options.articles) {
        const passages = chunkArticle(article, options.chunking);
        const hash = contentHash(passages, model, options.chunking);
        if (existing.get(article.source) === hash) unchanged += 1;
        else toWrite.push({ article, passages, hash });
      }
      for (let i = 0; i < removed.length; i += options.batchArticles) await writeBatch(pool, removed.slice(i, i + options.batchArticles), []);
      let embedded = 0;
      let done = 0;
      options.onProgress?.(0, toWrite.length);
      for (let i = 0; i < toWrite.length; i += options.batchArticles) {
        const batch = toWrite.slice(i, i + options.batchArticles);
        const texts = batch.flatMap((item) => item.passages.map((passage) => passage.text));
        const vectors = options.embedder && texts.length > 0 ? await options.embedder.embeddings.embedDocuments(texts) : null;
        embedded += vectors ? texts.length : 0;
        await writeBatch(
          pool,
          batch.map((item) => item.article.source),
          batch.map((item) => ({ ...item, vectors: vectors ? vectors.splice(0, item.passages.length) : null })),
        );
        done += batch.length;
        options.onProgress?.(done, toWrite.length);
      }
      await pool.query('UPDATE corpus_stats SET built_at = now(), build_ms = $1', [Math.round(performance.now() - startedAt)]);
      const added = toWrite.filter((item) => !existing.has(item.article.source)).length;
      const changed = toWrite.length - added;
      const reason = restarted ?? (toWrite.length + removed.length === 0 ? 'the index is up to date' : `${added} added, ${changed} changed, ${removed.length} removed`);
      return { added, changed, removed: removed.length, unchanged, embedded, reason };
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1, $2)', [...INDEXER_LOCK]).catch(() => {});
    }
  } finally {
    lock.release();
  }
}

/** What each article's stored passages depend on: a change of any of it writes the article again. */
function contentHash(passages: readonly Passage[], model: ManifestModel | null, chunking: ChunkingSettings): string {
  return sha256Hex(JSON.stringify({ format: INDEX_FORMAT_VERSION, chunking, model, passages }));
}

/** Records the model, or refuses a different one unless forced (then the database starts from nothing). Returns why it restarted. */
async function prepareModel(pool: pg.Pool, options: PostgresIndexOptions): Promise<string | null> {
  const model = options.embedder?.model ?? null;
  const stored = (await pool.query<StoredModel>('SELECT model_id, dtype, dimensions, passage_prefix, fingerprint FROM store_model')).rows[0];
  const same = stored !== undefined && sameStoredModel(stored, model);
  if (same && !options.force) return null;
  if (stored && !same && !options.force) {
    const was = stored.model_id ? `${stored.model_id} (${stored.dtype}, ${stored.dimensions} dimensions)` : 'no model (lexical only)';
    const now = model ? `${model.id} (${model.dtype}, ${model.dimensions} dimensions)` : 'no model (it could not be loaded: see above)';
    throw new ModelChangeError(`the database was indexed with ${was} and this process has ${now}: run \`npm run index -- --force\` to index the whole corpus again with it (every passage is embedded again), or set MODEL_ID and MODEL_DTYPE back`);
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('TRUNCATE articles, passages, term_stats');
    await client.query('UPDATE corpus_stats SET passages = 0, total_terms = 0, version = version + 1');
    if (model) await ensureVectorColumn(client, model.dimensions);
    else await client.query('ALTER TABLE passages DROP COLUMN IF EXISTS embedding');
    await client.query('DELETE FROM store_model');
    await client.query(
      'INSERT INTO store_model (model_id, dtype, dimensions, passage_prefix, fingerprint, chunk_size, chunk_overlap, format_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [model?.id ?? null, model?.dtype ?? null, model?.dimensions ?? null, model?.passagePrefix ?? null, model?.fingerprint ?? null, options.chunking.chunkSize, options.chunking.chunkOverlap, INDEX_FORMAT_VERSION],
    );
    await client.query(`SELECT pg_notify('${CHANGES_CHANNEL}', (SELECT version::text FROM corpus_stats))`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  if (!stored) return 'the database was empty';
  return options.force ? 'asked to rebuild (--force)' : 'the model changed';
}

export function sameStoredModel(stored: StoredModel, model: ManifestModel | null): boolean {
  if (model === null) return stored.model_id === null;
  return stored.model_id === model.id && stored.dtype === model.dtype && stored.dimensions === model.dimensions && stored.passage_prefix === model.passagePrefix && stored.fingerprint === model.fingerprint;
}

interface ArticleToWrite {
  article: Article;
  passages: Passage[];
  hash: string;
  vectors: number[][] | null;
}

/** Replaces these articles (deleting those not given again) and their term statistics, in one transaction. */
async function writeBatch(pool: pg.Pool, sources: readonly string[], articles: readonly ArticleToWrite[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // What the old passages counted is taken off the statistics before they go.
    const emptied = await client.query<{ term: string; df: number }>(
      `WITH old AS (SELECT term, count(*) AS n FROM passages, unnest(terms) AS term WHERE source = ANY($1::text[]) GROUP BY term)
       UPDATE term_stats s SET df = s.df - old.n FROM old WHERE s.term = old.term RETURNING s.term, s.df`,
      [sources],
    );
    const maybeUnused = emptied.rows.filter((row) => row.df <= 0).map((row) => row.term);
    await client.query(
      `UPDATE corpus_stats SET passages = passages - o.n, total_terms = total_terms - o.total
         FROM (SELECT count(*) AS n, coalesce(sum(term_total), 0) AS total FROM passages WHERE source = ANY($1::text[])) o`,
      [sources],
    );
    await client.query('DELETE FROM articles WHERE source = ANY($1::text[])', [sources]);
    if (articles.length > 0) {
      await client.query('INSERT INTO articles (source, content_hash, passages) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])', [
        articles.map((item) => item.article.source),
        articles.map((item) => item.hash),
        articles.map((item) => item.passages.length),
      ]);
      const rows = articles.flatMap((item) => item.passages.map((passage, i) => rowOf(passage, item.vectors?.[i] ?? null)));
      const withVectors = articles.some((item) => item.vectors !== null);
      await client.query(
        `INSERT INTO passages (id, source, position, title, date, day, author, outlet, url, section, page, text, start_offset, end_offset, terms, term_counts, term_total${withVectors ? ', embedding' : ''})
         SELECT id, source, position, title, date, day::date, author, outlet, url, section, page, text, start_offset, end_offset, terms, term_counts, term_total${withVectors ? ', embedding::vector' : ''}
           FROM json_to_recordset($1::json) AS r(id text, source text, position int, title text, date text, day text, author text, outlet text, url text, section text, page int,
                text text, start_offset int, end_offset int, terms text[], term_counts int[], term_total int, embedding text)`,
        [JSON.stringify(rows)],
      );
      await client.query(
        `INSERT INTO term_stats (term, df)
         SELECT term, count(*) FROM passages, unnest(terms) AS term WHERE source = ANY($1::text[]) GROUP BY term
         ON CONFLICT (term) DO UPDATE SET df = term_stats.df + excluded.df`,
        [articles.map((item) => item.article.source)],
      );
      await client.query(
        `UPDATE corpus_stats SET passages = passages + n.n, total_terms = total_terms + n.total
           FROM (SELECT count(*) AS n, coalesce(sum(term_total), 0) AS total FROM passages WHERE source = ANY($1::text[])) n`,
        [articles.map((item) => item.article.source)],
      );
    }
    // Terms no passage uses any more (unless the new passages brought them back).
    if (maybeUnused.length > 0) await client.query('DELETE FROM term_stats WHERE term = ANY($1::text[]) AND df <= 0', [maybeUnused]);
    await client.query('UPDATE corpus_stats SET version = version + 1');
    // Delivered at commit, to every server that listens.
    await client.query(`SELECT pg_notify('${CHANGES_CHANNEL}', (SELECT version::text FROM corpus_stats))`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function rowOf(passage: Passage, vector: number[] | null) {
  const terms = analyzeFrench(passage.text);
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return {
    id: passage.id,
    source: passage.source,
    position: passage.position,
    title: passage.title,
    date: passage.date,
    day: dayOf(passage.date),
    author: passage.author,
    outlet: passage.outlet,
    url: passage.url,
    section: passage.section,
    page: passage.page,
    text: passage.text,
    start_offset: passage.start,
    end_offset: passage.end,
    terms: [...counts.keys()],
    term_counts: [...counts.values()],
    term_total: terms.length,
    embedding: vector ? vectorLiteral(vector) : null,
  };
}
