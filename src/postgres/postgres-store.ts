import type pg from 'pg';
import type { Passage } from '../chunking/index.js';
import { StoreUnavailableError, type ArticleSummary, type PassageFilter, type PassageStore, type ScoredPassageId, type StoreDescription, type TermStatistics } from '../index/index.js';
import { analyzeFrench } from '../text/index.js';
import { isUnavailable } from './pool.js';
import { PASSAGE_COLUMNS, passageOf, vectorLiteral, type PassageRow } from './passage-rows.js';
import type { PostgresSettings } from './postgres-settings.js';

/** The embedded store's BM25 parameters (src/index/bm25.ts): both stores score alike. */
const K1 = 1.2;
const B = 0.75;
/** The channel `npm run index` notifies after each batch it commits. */
export const CHANGES_CHANNEL = 'newsqa_corpus_changed';
/** Term statistics are read again at least this often, notification or not. */
const STATS_MAX_AGE_MS = 5_000;

interface CorpusStats {
  passages: number;
  totalTerms: number;
  version: string;
  readAt: number;
}

/**
 * Passages in PostgreSQL: BM25 computed in SQL from the same French analyzer's terms as the
 * embedded store (so both rank alike), pgvector's HNSW for dense search, filters as WHERE clauses.
 * Nothing of the corpus is held in this process but the corpus's size and version.
 */
export class PostgresStore implements PassageStore {
  readonly kind = 'postgres' as const;
  readonly hasVectors: boolean;
  readonly #pool: pg.Pool;
  readonly #settings: PostgresSettings;
  #stats: CorpusStats | null = null;

  constructor(pool: pg.Pool, settings: PostgresSettings, hasVectors: boolean) {
    this.#pool = pool;
    this.#settings = settings;
    this.hasVectors = hasVectors;
  }

  /** Called when `npm run index` says the corpus changed (LISTEN): the next question reads the new statistics. */
  corpusChanged(version?: string): void {
    if (this.#stats && version !== undefined && version === this.#stats.version) return;
    this.#stats = null;
    if (version !== undefined) this.#lastVersion = version;
  }

  #lastVersion = '0';

  contentVersion(): string {
    return this.#stats?.version ?? this.#lastVersion;
  }

  async describe(): Promise<StoreDescription> {
    const { rows } = await this.#query<{ articles: string; passages: string; built_at: Date | null; build_ms: number | null; model_id: string | null; dimensions: number | null; chunk_size: number | null; chunk_overlap: number | null }>(
      `SELECT (SELECT count(*) FROM articles) AS articles, s.passages, s.built_at, s.build_ms, m.model_id, m.dimensions, m.chunk_size, m.chunk_overlap
         FROM corpus_stats s LEFT JOIN store_model m ON true`,
    );
    const row = rows[0]!;
    return {
      kind: this.kind,
      articles: Number(row.articles),
      passages: Number(row.passages),
      builtAt: row.built_at ? row.built_at.toISOString() : null,
      buildMs: row.build_ms,
      vectors: row.model_id && row.dimensions ? { model: row.model_id, dimensions: row.dimensions } : null,
      chunking: row.chunk_size !== null && row.chunk_overlap !== null ? { chunkSize: row.chunk_size, chunkOverlap: row.chunk_overlap } : null,
    };
  }

  async searchLexical(query: string, k: number, filter: PassageFilter | null): Promise<ScoredPassageId[]> {
    const terms = [...new Set(analyzeFrench(query))];
    const limit = Math.floor(k);
    if (terms.length === 0 || !(limit > 0)) return [];
    const stats = await this.#corpusStats();
    if (stats.passages === 0) return [];
    const averageLength = stats.totalTerms === 0 ? 1 : stats.totalTerms / stats.passages;
    // The terms the corpus uses, first (a primary-key lookup): a query of none of them matches nothing, at once.
    const known = (await this.#query<{ term: string }>('SELECT term FROM term_stats WHERE term = ANY($1::text[]) AND df > 0', [terms])).rows.map((row) => row.term);
    if (known.length === 0) return [];
    const where = filterClause(filter, 5);
    const { rows } = await this.#query<{ id: string; score: number }>(
      `WITH q AS (
         SELECT term, ln(1 + ($2::float8 - df + 0.5) / (df + 0.5)) AS idf FROM term_stats WHERE term = ANY($1::text[]) AND df > 0)
       SELECT p.id, sum(q.idf * t.tf * ${K1 + 1} / (t.tf + ${K1} * (1 - ${B} + ${B} * p.term_total / $3::float8)))::float8 AS score
         FROM passages p
         CROSS JOIN LATERAL unnest(p.terms, p.term_counts) AS t(term, tf)
         JOIN q ON q.term = t.term
        WHERE p.terms && $1::text[]${where.sql}
        GROUP BY p.id
        ORDER BY score DESC, p.id
        LIMIT $4`,
      [known, stats.passages, averageLength, limit, ...where.values],
    );
    return rows.map((row) => ({ id: row.id, score: row.score }));
  }

  async searchDense(vector: readonly number[], k: number, filter: PassageFilter | null): Promise<ScoredPassageId[]> {
    const limit = Math.floor(k);
    if (!this.hasVectors || !(limit > 0)) return [];
    const where = filterClause(filter, 3);
    const client = await this.#connect();
    try {
      await client.query('BEGIN');
      // ef_search bounds how many neighbours HNSW returns: never fewer than asked for.
      await client.query(`SET LOCAL hnsw.ef_search = ${Math.max(this.#settings.efSearch, limit)}`);
      // A filtered search goes on scanning the graph until enough passages pass the filter (pgvector ≥ 0.8).
      if (filter) await client.query('SET LOCAL hnsw.iterative_scan = strict_order');
      const { rows } = await client.query<{ id: string; distance: number }>(
        `SELECT id, (embedding <=> $1::vector)::float8 AS distance FROM passages WHERE embedding IS NOT NULL${where.sql} ORDER BY embedding <=> $1::vector LIMIT $2`,
        [vectorLiteral(vector), limit, ...where.values],
      );
      await client.query('COMMIT');
      return rows.map((row) => ({ id: row.id, score: 1 - row.distance }));
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw unavailableOr(error);
    } finally {
      client.release();
    }
  }

  async passages(ids: readonly string[]): Promise<Map<string, Passage>> {
    if (ids.length === 0) return new Map();
    const { rows } = await this.#query<PassageRow>(`SELECT ${PASSAGE_COLUMNS} FROM passages WHERE id = ANY($1::text[])`, [ids]);
    return new Map(rows.map((row) => [row.id, passageOf(row)]));
  }

  async articlePassages(source: string): Promise<Passage[]> {
    const { rows } = await this.#query<PassageRow>(`SELECT ${PASSAGE_COLUMNS} FROM passages WHERE source = $1 ORDER BY position`, [source]);
    return rows.map(passageOf);
  }

  async articles(): Promise<ArticleSummary[]> {
    const { rows } = await this.#query<PassageRow & { passages: number }>(
      `SELECT DISTINCT ON (p.source) p.source, p.title, p.date, p.author, p.outlet, p.url, a.passages
         FROM passages p JOIN articles a ON a.source = p.source ORDER BY p.source, p.position`,
    );
    return rows.map((row) => ({ source: row.source, title: row.title, date: row.date, author: row.author, outlet: row.outlet, url: row.url, passages: row.passages }));
  }

  async samplePassages(max: number): Promise<Passage[]> {
    const { rows } = await this.#query<PassageRow>(`SELECT ${PASSAGE_COLUMNS} FROM passages ORDER BY source, position LIMIT $1`, [Math.max(0, Math.floor(max))]);
    return rows.map(passageOf);
  }

  async termStatistics(texts: readonly string[], prefixTexts: readonly string[] = texts.slice(0, 2)): Promise<TermStatistics> {
    const terms = [...new Set(texts.flatMap((text) => analyzeFrench(text)))];
    const prefixes = [...new Set(prefixTexts.flatMap((text) => analyzeFrench(text)))];
    const stats = await this.#corpusStats();
    const [frequencies, prefixed] = await Promise.all([
      terms.length === 0 ? { rows: [] } : this.#query<{ term: string; df: number }>('SELECT term, df FROM term_stats WHERE term = ANY($1::text[]) AND df > 0', [terms]),
      prefixes.length === 0
        ? { rows: [] }
        : this.#query<{ prefix: string }>(
            `SELECT prefix FROM unnest($1::text[]) AS prefix
              WHERE EXISTS (SELECT 1 FROM term_stats WHERE term >= prefix AND term <= prefix || chr(1114111) AND df > 0)`,
            [prefixes],
          ),
    ]);
    const df = new Map(frequencies.rows.map((row) => [row.term, row.df]));
    const withPrefix = new Set(prefixed.rows.map((row) => row.prefix));
    const total = stats.passages;
    return {
      termsOf: (text) => analyzeFrench(text),
      documentFrequency: (term) => df.get(term) ?? 0,
      idf: (term) => {
        const n = df.get(term) ?? 0;
        return Math.log(1 + (total - n + 0.5) / (n + 0.5));
      },
      hasTermStartingWith: (prefix) => withPrefix.has(prefix) || [...df.keys()].some((term) => term.startsWith(prefix)),
    };
  }

  async #corpusStats(): Promise<CorpusStats> {
    if (this.#stats && performance.now() - this.#stats.readAt < STATS_MAX_AGE_MS) return this.#stats;
    const { rows } = await this.#query<{ passages: string; total_terms: string; version: string }>('SELECT passages, total_terms, version FROM corpus_stats');
    const row = rows[0] ?? { passages: '0', total_terms: '0', version: '0' };
    this.#stats = { passages: Number(row.passages), totalTerms: Number(row.total_terms), version: String(row.version), readAt: performance.now() };
    this.#lastVersion = this.#stats.version;
    return this.#stats;
  }

  async #query<Row extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<pg.QueryResult<Row>> {
    try {
      return await this.#pool.query<Row>(sql, values);
    } catch (error) {
      throw unavailableOr(error);
    }
  }

  async #connect(): Promise<pg.PoolClient> {
    try {
      return await this.#pool.connect();
    } catch (error) {
      throw unavailableOr(error);
    }
  }
}

function unavailableOr(error: unknown): unknown {
  if (!isUnavailable(error)) return error;
  // The driver's message names the database's address: it goes to the log, not to the client.
  return new StoreUnavailableError('the database cannot be reached or did not answer in time: retry in a moment', 5, (error as Error).message);
}

/** The WHERE conditions of a filter, its parameters numbered from `first`. */
function filterClause(filter: PassageFilter | null, first: number): { sql: string; values: unknown[] } {
  if (!filter) return { sql: '', values: [] };
  const conditions: string[] = [];
  const values: unknown[] = [];
  const parameter = (value: unknown) => {
    values.push(value);
    return `$${first + values.length - 1}`;
  };
  if (filter.sources) conditions.push(`source = ANY(${parameter([...filter.sources])}::text[])`);
  // Compared as text, as the embedded store compares them: a day that is not in the calendar (2025-02-30) bounds the same way.
  if (filter.from) conditions.push(`day::text >= ${parameter(filter.from)}`);
  if (filter.to) conditions.push(`day::text <= ${parameter(filter.to)}`);
  return { sql: conditions.map((condition) => ` AND ${condition}`).join(''), values };
}
