import { Command } from 'commander';
import { positiveIntegerUpTo } from './number-options.js';
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
  .command('migrate')
  .description('bring the PostgreSQL schema to this version (STORE=postgres; servers also do it when they start)')
  .action(async () => {
    const { migrateCommand } = await import('./migrate-command.js');
    await migrateCommand(loadConfig());
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
program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
});
