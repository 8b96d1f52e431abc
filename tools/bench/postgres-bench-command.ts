import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { formatPostgresScale, runEmbeddedScalePoint, runPostgresScale, type PostgresScalePoint } from './postgres-scale-run.js';
import { PROJECT_ROOT } from './scale/scale-corpus.js';

/** The PostgreSQL store's scale table (tools/bench/postgres-scale-run.ts says what the passages and vectors are). */
export async function postgresBenchCommand(options: { sizes: number[]; efSearch: number; embeddedUpTo: number; postgres: boolean }): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const databaseUrl = process.env.DATABASE_URL ?? /DATABASE_URL=(\S+)\s*$/u.exec(execFileSync('bash', [path.join(PROJECT_ROOT, 'scripts/start-postgres.sh'), 'newsqa_bench'], { encoding: 'utf8' }))?.[1];
  if (!databaseUrl) throw new Error('no database: set DATABASE_URL, or let scripts/start-postgres.sh start one');
  process.stdout.write(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}\n`);
  const { source, points } = options.postgres ? await runPostgresScale({ databaseUrl, sizes: options.sizes, efSearch: options.efSearch, log, onPoint: (point) => process.stdout.write(`\n(point measured)\n${formatPostgresScale([point])}\n`) }) : { source: 'the scale corpus', points: [] as PostgresScalePoint[] };
  // The embedded store where it can hold the size (it loads everything into the server).
  for (const size of options.sizes.filter((size) => size <= options.embeddedUpTo)) points.push(await runEmbeddedScalePoint(size, log));
  points.sort((a, b) => a.passages - b.passages || (a.store < b.store ? -1 : 1));
  process.stdout.write(`\nPostgreSQL ${/\d+\.\d+/u.exec(execFileSync('psql', ['--version'], { encoding: 'utf8' }))?.[0] ?? ''} with pgvector; lexical text from ${source}, repeated under distinct ids; synthetic unit vectors (384 dimensions) for the passages, queries embedded by the e5-shaped encoder:\n`);
  process.stdout.write(`${formatPostgresScale(points)}\n`);
}
