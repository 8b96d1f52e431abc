import type { AppConfig } from '../config.js';
import { createPool, migrate, SCHEMA_VERSION } from '../postgres/index.js';

export async function migrateCommand(config: AppConfig): Promise<void> {
  if (config.store.kind !== 'postgres') {
    process.stderr.write('Nothing to migrate: the store is the embedded index (set STORE=postgres and DATABASE_URL to use PostgreSQL).\n');
    return;
  }
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const pool = createPool(config.store.postgres, say);
  try {
    const { applied } = await migrate(pool, say);
    say(applied.length > 0 ? `Database schema now at version ${SCHEMA_VERSION}.` : `Database schema already at version ${SCHEMA_VERSION}: nothing to do.`);
  } finally {
    await pool.end();
  }
}
