import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { inject } from 'vitest';
import { REPO_ROOT } from './paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/** The test database (TEST_DATABASE_URL, or the server scripts/start-postgres.sh starts): run once, by the global set-up. */
export async function testDatabaseUrl(): Promise<string> {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const { stdout } = await promisify(execFile)('bash', [path.join(REPO_ROOT, 'scripts/start-postgres.sh')], { timeout: 600_000 });
  const url = /DATABASE_URL=(\S+)\s*$/u.exec(stdout)?.[1];
  if (!url) throw new Error(`scripts/start-postgres.sh did not print DATABASE_URL: ${stdout.slice(-500)}`);
  return url;
}

export interface TestSchema {
  /** DATABASE_URL of a schema of its own (tests run side by side in one database). */
  url: string;
  name: string;
  drop: () => Promise<void>;
}

/** An empty schema of the test database, for one test's store. */
export async function freshSchema(): Promise<TestSchema> {
  const base = inject('databaseUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${name},public`);
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Whether these tests run on PostgreSQL (the `postgres` project of vitest.config.ts) instead of the embedded store. */
export const onPostgres = process.env.TEST_STORE === 'postgres';
