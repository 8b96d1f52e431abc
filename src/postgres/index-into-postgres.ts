import type pg from 'pg';
import { chunkArticle, type ChunkingSettings, type Passage } from '../chunking/index.js';
import type { Article } from '../corpus/index.js';
import { INDEX_FORMAT_VERSION, type EmbedderForBuild, type ManifestModel } from '../index/index.js';
import { sha256Hex } from '../shared/index.js';
import { analyzeFrench } from '../text/index.js';
import { ensureVectorColumn, ensureVectorIndex, INDEXER_LOCK, LOCK_KEYS } from './migrations.js';
import { dayOf, vectorLiteral } from './passage-rows.js';
import { inTransaction } from './pool.js';
import { CHANGES_CHANNEL } from './postgres-store.js';

export interface PostgresIndexOptions {
  /** The corpus, read once in order: an array, or a stream of articles that is never held whole. */
  articles: Iterable<Article> | AsyncIterable<Article>;
  /** How many articles `articles` holds, when known (for progress). */
  total?: number;
  chunking: ChunkingSettings;
  embedder: EmbedderForBuild | null;
  /** Articles embedded and committed together. */
  batchArticles: number;
  /** Delete the articles the corpus no longer has (true by default; a server's background refresh does not: its folder may not be the archive's). */
  removeMissing?: boolean;
  /** Start again from nothing: the only way to change the model of a database already indexed. */
  force?: boolean;
  log?: (line: string) => void;
  onProgress?: (progress: { read: number; written: number; total: number | null }) => void;
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

export interface StoredModel {
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
 * since committed articles carry their new hash); articles gone from the corpus are deleted last. One
 * indexer at a time (an advisory lock); each commit notifies the servers.
 */
export async function indexIntoPostgres(pool: pg.Pool, options: PostgresIndexOptions): Promise<PostgresIndexResult> {
  const log = options.log ?? (() => {});
  const startedAt = performance.now();
  const lock = await pool.connect();
  try {
    // Waiting for another indexer may take longer than any statement may: this session has no statement timeout (and is not given back to the pool).
    await lock.query('SET statement_timeout = 0');
    const { rows } = await lock.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEYS}) AS locked`, [INDEXER_LOCK]);
    if (!rows[0]?.locked) {
      log('another process is indexing into this database: waiting for it to finish…');
      await lock.query(`SELECT pg_advisory_lock(${LOCK_KEYS})`, [INDEXER_LOCK]);
    }
    try {
      const restarted = await prepareModel(pool, options);
      const model = options.embedder?.model ?? null;
      const existing = new Map((await pool.query<{ source: string; content_hash: string }>('SELECT source, content_hash FROM articles')).rows.map((row) => [row.source, row.content_hash]));
      // Into an empty database, vectors go in without their HNSW index, built once at the end: pgvector
      // builds a graph in bulk several times faster than it inserts into one (measured here: 700
      // passages/s inserted one by one into the index, the insert without it 25 times faster).
      if (model && existing.size === 0) await pool.query('DROP INDEX IF EXISTS passages_embedding');
      const seen = new Set<string>();
      const counts = { added: 0, changed: 0, unchanged: 0, embedded: 0, read: 0, written: 0 };
      let batch: { article: Article; passages: Passage[]; hash: string }[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const texts = batch.flatMap((item) => item.passages.map((passage) => passage.text));
        const vectors = options.embedder && texts.length > 0 ? await options.embedder.embeddings.embedDocuments(texts) : null;
        counts.embedded += vectors ? texts.length : 0;
        await writeBatch(
          pool,
          batch.map((item) => item.article.source),
          batch.map((item) => ({ ...item, vectors: vectors ? vectors.splice(0, item.passages.length) : null })),
        );
        counts.written += batch.length;
        batch = [];
        options.onProgress?.({ read: counts.read, written: counts.written, total: options.total ?? null });
      };
      // One pass, batch by batch: only a batch's passages and vectors are held at once.
      for await (const article of options.articles) {
        if (seen.has(article.source)) continue;
        seen.add(article.source);
        counts.read += 1;
        const passages = chunkArticle(article, options.chunking);
        const hash = contentHash(passages, model, options.chunking);
        const known = existing.get(article.source);
        if (known === hash) {
          counts.unchanged += 1;
          continue;
        }
        if (known === undefined) counts.added += 1;
        else counts.changed += 1;
        batch.push({ article, passages, hash });
        if (batch.length >= options.batchArticles) await flush();
      }
      await flush();
      options.onProgress?.({ read: counts.read, written: counts.written, total: options.total ?? null });
      const removed = options.removeMissing === false ? [] : [...existing.keys()].filter((source) => !seen.has(source));
      for (let i = 0; i < removed.length; i += options.batchArticles) await writeBatch(pool, removed.slice(i, i + options.batchArticles), []);
      if (model) await ensureVectorIndex(pool, log);
      await pool.query('UPDATE corpus_stats SET built_at = now(), build_ms = $1', [Math.round(performance.now() - startedAt)]);
      const { added, changed, unchanged, embedded } = counts;
      const reason = restarted ?? (added + changed + removed.length === 0 ? 'the index is up to date' : `${added} added, ${changed} changed, ${removed.length} removed`);
      return { added, changed, removed: removed.length, unchanged, embedded, reason };
    } finally {
      await lock.query(`SELECT pg_advisory_unlock(${LOCK_KEYS})`, [INDEXER_LOCK]).catch(() => {});
    }
  } finally {
    lock.release(true);
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
  if (stored && !same && !options.force) throw new ModelChangeError(modelChangeMessage(stored, model));
  await inTransaction(pool, async (client) => {
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
  });
  if (!stored) return 'the database was empty';
  return options.force ? 'asked to rebuild (--force)' : 'the model changed';
}

/** What to tell someone whose database was indexed with another model than the one loaded now. */
export function modelChangeMessage(stored: StoredModel, model: ManifestModel | null): string {
  const was = stored.model_id ? `${stored.model_id} (${stored.dtype}, ${stored.dimensions} dimensions, passage prefix "${stored.passage_prefix}")` : 'no model (lexical only)';
  const now = model ? `${model.id} (${model.dtype}, ${model.dimensions} dimensions, passage prefix "${model.passagePrefix}")` : 'no model (it could not be loaded: see above)';
  const same = model !== null && stored.model_id === model.id && stored.dtype === model.dtype && stored.passage_prefix === model.passagePrefix;
  return (
    `the database was indexed with ${was}, ${same ? 'from other model files than the ones loaded now' : `and this process has ${now}`}: ` +
    'run `npm run index -- --force` to index the whole corpus again with this model (every passage is embedded again), or set MODEL_ID, MODEL_DTYPE and PASSAGE_PREFIX back'
  );
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
  await inTransaction(pool, async (client) => {
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
  });
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
