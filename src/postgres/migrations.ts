import type pg from 'pg';

/**
 * Advisory locks, one for migrations and one for the indexer, per schema: two deployments in two
 * schemas of one database do not wait for each other. Use as `pg_advisory_lock(${lockKeys})` with the name.
 */
export const MIGRATION_LOCK = 'migrate';
export const INDEXER_LOCK = 'index';
export const LOCK_KEYS = `hashtext(current_schema() || ':' || $1)`;

/**
 * The schema, one step per version, never edited once released: a new need is a new step. The
 * vector column is not here: its dimension is the model's, added when a model first indexes
 * (ensureVectorColumn).
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'passages, articles, term statistics, model',
    sql: `
      CREATE TABLE store_model (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        model_id text, dtype text, dimensions integer, passage_prefix text, fingerprint text,
        chunk_size integer NOT NULL, chunk_overlap integer NOT NULL, format_version integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE articles (
        source text COLLATE "C" PRIMARY KEY,
        content_hash text NOT NULL,
        passages integer NOT NULL,
        indexed_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE passages (
        id text COLLATE "C" PRIMARY KEY,
        source text COLLATE "C" NOT NULL REFERENCES articles (source) ON DELETE CASCADE,
        position integer NOT NULL,
        title text, date text, day date, author text, outlet text, url text, section text, page integer,
        text text NOT NULL, start_offset integer NOT NULL, end_offset integer NOT NULL,
        terms text[] NOT NULL, term_counts integer[] NOT NULL, term_total integer NOT NULL,
        UNIQUE (source, position));
      CREATE INDEX passages_terms ON passages USING gin (terms);
      CREATE INDEX passages_day ON passages (day);
      CREATE TABLE term_stats (term text COLLATE "C" PRIMARY KEY, df integer NOT NULL);
      CREATE TABLE corpus_stats (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        passages bigint NOT NULL, total_terms bigint NOT NULL, version bigint NOT NULL,
        built_at timestamptz, build_ms integer);
      INSERT INTO corpus_stats (passages, total_terms, version) VALUES (0, 0, 0);`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/** What to do when the role may not create the vector extension (managed databases). */
const EXTENSION_HELP =
  'the pgvector extension is not installed in this database and this role may not create it: ask an administrator to run `CREATE EXTENSION vector;` in it (every managed PostgreSQL with pgvector allows it), then start again';

/**
 * Brings the schema to the latest version. Several servers may start at once: the first takes the
 * lock and migrates, the others wait for it and then find nothing to do. Each step commits alone.
 */
export async function migrate(pool: pg.Pool, log: (line: string) => void = () => {}): Promise<{ applied: number[] }> {
  const client = await pool.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${LOCK_KEYS})`, [MIGRATION_LOCK]);
    try {
      // The extension is the database's, not the schema's: created in public when missing, never tied to one deployment's schema.
      const installed = await client.query("SELECT extversion FROM pg_extension WHERE extname = 'vector'");
      if (installed.rows.length === 0) {
        await client.query('CREATE EXTENSION IF NOT EXISTS vector SCHEMA public').catch((error: unknown) => {
          const message = (error as Error).message;
          throw new Error(/permission denied|must be owner|superuser/iu.test(message) ? `${EXTENSION_HELP} (${message})` : `the pgvector extension could not be created: ${message}`);
        });
      }
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version));
      const newer = [...done].filter((version) => version > SCHEMA_VERSION);
      if (newer.length > 0) throw new Error(`the database's schema (version ${Math.max(...newer)}) is newer than this version of the product knows (${SCHEMA_VERSION}): upgrade the product`);
      const applied: number[] = [];
      for (const migration of MIGRATIONS) {
        if (done.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw new Error(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`);
        }
        applied.push(migration.version);
        log(`database schema: applied migration ${migration.version} (${migration.name})`);
      }
      return { applied };
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${LOCK_KEYS})`, [MIGRATION_LOCK]).catch(() => {});
    }
  } finally {
    client.release();
  }
}

/** Adds the vector column and its HNSW index for a model of this dimension (no-op when they exist with it). */
export async function ensureVectorColumn(client: pg.PoolClient, dimensions: number): Promise<void> {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 16_000) throw new Error(`a model of ${dimensions} dimensions cannot be stored`);
  const current = await vectorDimensions(client);
  if (current === dimensions) return;
  if (current !== null) await client.query('ALTER TABLE passages DROP COLUMN embedding');
  await client.query(`ALTER TABLE passages ADD COLUMN embedding vector(${dimensions})`);
  await client.query('CREATE INDEX passages_embedding ON passages USING hnsw (embedding vector_cosine_ops)');
}

/** Memory for building the HNSW graph in one go (the build spills to disk, much slower, past it). */
const HNSW_BUILD_MEMORY = '1GB';

/**
 * Builds the HNSW index when it is missing (after a first load, or a load that was stopped before
 * its end; dense search meanwhile reads every vector, exact and slower).
 */
export async function ensureVectorIndex(pool: pg.Pool, log: (line: string) => void): Promise<void> {
  const exists = await pool.query("SELECT 1 FROM pg_class WHERE relname = 'passages_embedding' AND relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())");
  if (exists.rows.length > 0) return;
  const client = await pool.connect();
  try {
    const count = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM passages WHERE embedding IS NOT NULL')).rows[0]?.n ?? 0);
    log(`building the HNSW index over ${count} passages…`);
    const startedAt = performance.now();
    await client.query(`SET maintenance_work_mem = '${HNSW_BUILD_MEMORY}'`);
    await client.query('SET statement_timeout = 0');
    await client.query('CREATE INDEX IF NOT EXISTS passages_embedding ON passages USING hnsw (embedding vector_cosine_ops)');
    log(`HNSW index built in ${Math.round((performance.now() - startedAt) / 1000)} s`);
  } finally {
    // The session's settings go with it: this connection is not given back to other work.
    client.release(true);
  }
}

/** The dimension of the stored vectors, or null when the passages have none. */
export async function vectorDimensions(client: pg.Pool | pg.PoolClient): Promise<number | null> {
  const { rows } = await client.query<{ typmod: number }>(
    `SELECT atttypmod AS typmod FROM pg_attribute WHERE attrelid = 'passages'::regclass AND attname = 'embedding' AND NOT attisdropped`,
  );
  return rows[0] ? rows[0].typmod : null;
}
