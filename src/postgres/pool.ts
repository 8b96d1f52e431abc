import pg from 'pg';
import type { PostgresSettings } from './postgres-settings.js';

/** The connection pool of one process, bounded, with timeouts; an idle connection's failure is logged, never thrown. */
export function createPool(settings: PostgresSettings, log: (line: string) => void = () => {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: settings.poolMax,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: settings.statementTimeoutMs,
    application_name: 'french-news-qa',
  });
  // A connection that breaks while idle (the server restarted) emits here; without a listener it would end the process.
  pool.on('error', (error) => log(`PostgreSQL connection lost: ${error.message}`));
  // A checked-out connection that breaks emits on itself (the pool listens only to idle ones): the
  // query it runs fails, and the process must not end with an unhandled 'error'.
  pool.on('connect', (client) => client.on('error', (error) => log(`PostgreSQL connection lost: ${error.message}`)));
  return pool;
}

/** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Whether an error means the database cannot be reached (down, restarting, refusing connections), not a bad query. */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  const message = error instanceof Error ? error.message : '';
  return (
    ['57014', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', '57P01', '57P02', '57P03', '53300', '08000', '08003', '08006', '08001', '08004'].includes(code) ||
    /timeout exceeded when trying to connect|Connection terminated|connection is closed|Client has encountered a connection error/iu.test(message)
  );
}
