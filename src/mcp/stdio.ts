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
  await server.connect(new StdioServerTransport());
  process.stderr.write(`MCP server ready on stdio: ${(await engine.store.describe()).articles} articles, ${engine.embeddings ? 'hybrid' : 'lexical'} retrieval.\n`);
}
