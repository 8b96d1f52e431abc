// The project's tools, apart from the product: the evaluation and the benchmark (development dependencies).
import { Command, InvalidArgumentError } from 'commander';
import { positiveIntegerUpTo, wholeNumberUpTo } from '../src/cli/number-options.js';
import { ConfigError, loadConfig } from '../src/config.js';

const program = new Command().name('french-news-qa-tools').description('Evaluation and benchmark of the product.').showHelpAfterError();
program
  .command('eval')
  .description('score retrieval and answers on every evaluation corpus, each answered with weights fitted without it (leave-one-corpus-out)')
  .option('--test-model', 'use the tiny test model for the dense and hybrid rows even when the configured model loads')
  .option('--dev-misses', "list the dev split's misses (the test split's are never listed)")
  .action(async (options: { testModel?: boolean; devMisses?: boolean }) => {
    const { evalCommand } = await import('./eval/eval-command.js');
    await evalCommand(loadConfig(), { testModel: options.testModel ?? false, showDevMisses: options.devMisses ?? false });
  });
program
  .command('bench')
  .description("measure the product with an encoder of multilingual-e5-small's shape beside its floors, the naive LangChain pipeline and load runs")
  .option('--dtype <dtype>', 'weights of the benchmark encoder: q8 (the default, as the product runs) or fp32', 'q8')
  .option('--requests <number>', 'timed requests per latency measurement', positiveIntegerUpTo(10_000), 200)
  .option('--clients <number>', 'concurrent clients of the throughput measurements', positiveIntegerUpTo(256), 16)
  .option('--load-seconds <number>', 'seconds of each load run (autocannon); 0 skips the load runs', wholeNumberUpTo(3600), 30)
  .option('--load-connections <number>', 'connections of each load run', positiveIntegerUpTo(1000), 50)
  .option('--scale', 'also index a French corpus of 10,000+ passages (Debian documentation) and report 1k, 3k and 10k passages')
  .option('--store <store>', 'embedded (the default) or postgres: with --scale, the PostgreSQL store at archive sizes (DATABASE_URL, or the server scripts/start-postgres.sh starts)', 'embedded')
  .option('--sizes <list>', 'passages of each PostgreSQL scale point, comma-separated', '100000,1000000')
  .option('--ef-search <number>', "HNSW's ef_search for the PostgreSQL scale points", positiveIntegerUpTo(1000), 100)
  .option('--embedded-up-to <number>', 'with --store postgres: also measure the embedded store at the sizes up to this', wholeNumberUpTo(10_000_000), 100_000)
  .option('--embedded-only', 'with --store postgres: measure only the embedded store at those sizes (the comparison)')
  .action(async (options: { dtype: string; requests: number; clients: number; loadSeconds: number; loadConnections: number; scale?: boolean; store: string; sizes: string; efSearch: number; embeddedUpTo: number; embeddedOnly?: boolean }) => {
    if (options.dtype !== 'q8' && options.dtype !== 'fp32') throw new InvalidArgumentError('--dtype must be q8 or fp32');
    if (options.store === 'postgres') {
      if (!options.scale) throw new InvalidArgumentError('--store postgres measures archive sizes: add --scale');
      const sizes = options.sizes.split(',').map((size) => Number(size.replace(/_/gu, '')));
      if (sizes.some((size) => !Number.isInteger(size) || size < 1000)) throw new InvalidArgumentError('--sizes must be whole numbers of passages (at least 1000), comma-separated');
      const { postgresBenchCommand } = await import('./bench/postgres-bench-command.js');
      await postgresBenchCommand({ sizes, efSearch: options.efSearch, embeddedUpTo: options.embeddedUpTo, postgres: !options.embeddedOnly });
      return;
    }
    if (options.store !== 'embedded') throw new InvalidArgumentError('--store must be embedded or postgres');
    // Loaded only here: the benchmark's tools (autocannon, the model generator) are development dependencies.
    const { benchCommand } = await import('./bench/bench-command.js');
    await benchCommand(loadConfig(), { ...options, dtype: options.dtype, scale: options.scale ?? false });
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
});
