import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../config.js';

// Each command's modules are imported when it runs: `npm run index` with nothing to do never loads the server, the model runtime or jsdom.
const program = new Command()
  .name('french-news-qa')
  .description('Questions over French news articles, answered with numbered citations.')
  .showHelpAfterError();

program.command('serve').description('build the index if needed, then serve the chat page and the HTTP API').action(async () => {
  const { serveCommand } = await import('./serve-command.js');
  await serveCommand(loadConfig());
});
program
  .command('index')
  .description('bring the index up to date with corpus/ (only changed articles are embedded again)')
  .option('--force', 'rebuild even when the index is up to date')
  .action(async (options: { force?: boolean }) => {
    const { indexCommand } = await import('./index-command.js');
    await indexCommand(loadConfig(), options);
  });
program
  .command('add')
  .description('fetch web pages (or, with --feed, the new entries of RSS/Atom feeds) into corpus/, then update the index')
  .argument('<urls...>', 'http(s) addresses of articles, or of feeds with --feed')
  .option('--feed', 'the addresses are RSS, Atom or JSON feeds: add the entries not added before')
  .action(async (urls: string[], options: { feed?: boolean }) => {
    const { addCommand } = await import('./add-command.js');
    await addCommand(loadConfig(), urls, { feed: options.feed ?? false });
  });
program
  .command('mcp')
  .description('serve the MCP server over stdio (for Claude Desktop, VS Code…); protocol messages only on standard output')
  .action(async () => {
    const { serveMcpOverStdio } = await import('../mcp/stdio.js');
    await serveMcpOverStdio(loadConfig());
  });
program
  .command('ask')
  .description('answer one question in the terminal, with its sources')
  .argument('<question...>', 'the question, in French')
  .option('-k, --k <number>', 'how many passages to retrieve', positiveIntegerUpTo(20))
  .option('--json', 'print the same JSON as POST /ask')
  .action(async (words: string[], options: { k?: number; json?: boolean }) => {
    const { askCommand } = await import('./ask-command.js');
    await askCommand(loadConfig(), words.join(' '), options);
  });
program
  .command('feedback')
  .description('summarise what readers said of the answers (👍/👎): counts, and the latest 👎 with their questions')
  .action(async () => {
    const { feedbackCommand } = await import('./feedback-command.js');
    await feedbackCommand(loadConfig());
  });
program
  .command('eval')
  .description('score retrieval and answers on every evaluation corpus, each answered with weights fitted without it (leave-one-corpus-out)')
  .option('--test-model', 'use the tiny test model for the dense and hybrid rows even when the configured model loads')
  .option('--dev-misses', "list the dev split's misses (the test split's are never listed)")
  .action(async (options: { testModel?: boolean; devMisses?: boolean }) => {
    const { evalCommand } = await import('./eval-command.js');
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
  .action(async (options: { dtype: string; requests: number; clients: number; loadSeconds: number; loadConnections: number; scale?: boolean }) => {
    if (options.dtype !== 'q8' && options.dtype !== 'fp32') throw new InvalidArgumentError('--dtype must be q8 or fp32');
    // Loaded only here: the benchmark's tools (autocannon, the model generator) are development dependencies.
    const { benchCommand } = await import('./bench-command.js');
    await benchCommand(loadConfig(), { ...options, dtype: options.dtype, scale: options.scale ?? false });
  });

function wholeNumberUpTo(max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0 || parsed > max) throw new InvalidArgumentError(`expected a whole number from 0 to ${max}`);
    return parsed;
  };
}

function positiveIntegerUpTo(max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) throw new InvalidArgumentError(`expected a whole number from 1 to ${max}`);
    return parsed;
  };
}

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
});
