import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers/paths.js';
import { CLI_MAIN, cliEnvironment, TSX } from './helpers/run-cli.js';
import { startTestApp, type RunningApp } from './helpers/running-app.js';

interface Structured {
  structuredContent?: Record<string, any>;
  content: { type: string; text?: string }[];
  isError?: boolean;
}

/** The same checks through either transport: real cited content from the corpus. */
async function exercise(client: Client): Promise<void> {
  const { tools } = await client.listTools();
  expect(tools.map((tool) => tool.name).sort()).toEqual(['ask', 'get_article', 'search_articles']);
  for (const tool of tools) {
    expect(tool.outputSchema).toBeDefined();
    expect(tool.description).toMatch(/French/u);
    expect(tool.description).toMatch(/français/u);
  }
  const search = (await client.callTool({ name: 'search_articles', arguments: { query: 'Janine Korovesis vice-présidente des finances', k: 8 } })) as Structured;
  const janine = search.structuredContent?.results.find((result: { excerpt: string }) => result.excerpt.includes('Janine Korovesis'));
  expect(janine).toMatchObject({ source: '000_71dcd0df67353d15.txt', start: expect.any(Number), end: expect.any(Number) });
  const filtered = (await client.callTool({ name: 'search_articles', arguments: { query: 'OpenAI', sources: ['004_81d887d6e74563b3.txt'] } })) as Structured;
  expect(new Set(filtered.structuredContent?.results.map((result: { source: string }) => result.source))).toEqual(new Set(['004_81d887d6e74563b3.txt']));
  const ask = (await client.callTool({ name: 'ask', arguments: { question: 'Qui est Janine Korovesis ?' } })) as Structured;
  expect(ask.structuredContent?.answer).toMatch(/Janine Korovesis[^[]*\[1\]/u);
  expect(ask.structuredContent?.citations[0]).toMatchObject({ index: 1, source: '000_71dcd0df67353d15.txt' });
  expect(ask.content[0]?.text).toContain('[1] ');
  const article = (await client.callTool({ name: 'get_article', arguments: { source: '004_81d887d6e74563b3.txt' } })) as Structured;
  expect(article.structuredContent).toMatchObject({ source: '004_81d887d6e74563b3.txt', author: 'Thierry Derouet' });
  const missing = (await client.callTool({ name: 'get_article', arguments: { source: '../../etc/passwd' } })) as Structured;
  expect(missing.isError).toBe(true);
  const { resources } = await client.listResources();
  expect(resources).toHaveLength(5);
  const read = await client.readResource({ uri: resources.find((resource) => resource.uri.includes('004'))!.uri });
  expect((read.contents[0] as { text: string }).text).toContain('6,6');
}

describe('MCP server, called through the SDK’s own client', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('over Streamable HTTP at /mcp on the main server', async () => {
    const client = new Client({ name: 'test-client', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${app.url}/mcp`)));
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  });

  it('over stdio (npm run mcp), with nothing but protocol messages on standard output', async () => {
    const env = cliEnvironment({
      CORPUS_DIR: app.workspace.corpusDir,
      INDEX_DIR: app.workspace.indexDir,
      MODEL_ID: app.engine.config.embedding.modelId,
      MODELS_DIR: app.engine.config.embedding.modelsDir ?? '',
      ALLOW_REMOTE_MODELS: 'false',
      LOG_LEVEL: 'silent',
    }) as Record<string, string>;
    const transport = new StdioClientTransport({ command: TSX, args: [CLI_MAIN, 'mcp'], env, cwd: REPO_ROOT, stderr: 'pipe' });
    const client = new Client({ name: 'test-client', version: '1.0.0' });
    await client.connect(transport);
    try {
      await exercise(client);
    } finally {
      await client.close();
    }
  });
});
