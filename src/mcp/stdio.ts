import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { AppConfig } from '../config.js';
import { openEngine } from '../engine.js';
import { createMcpServer } from './mcp-server.js';

/**
 * npm run mcp: the MCP server over stdio, for clients that start it themselves (Claude Desktop,
 * VS Code). Standard output carries protocol messages only; everything else goes to standard error.
 */
export async function serveMcpOverStdio(config: AppConfig): Promise<void> {
  const engine = await openEngine(config, { log: (line) => process.stderr.write(`${line}\n`) });
  const server = createMcpServer(engine);
  const transport = new StdioServerTransport();
  // The client went away: the database's connections are let go so that the process ends.
  process.stdin.once('end', () => void engine.close());
  await server.connect(transport);
  process.stderr.write(`MCP server ready on stdio: ${(await engine.store.describe()).articles} articles, ${engine.embeddings ? 'hybrid' : 'lexical'} retrieval.\n`);
}
