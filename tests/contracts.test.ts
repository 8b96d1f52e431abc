import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../src/contracts/index.js';
import { REPO_ROOT } from './helpers/paths.js';
import { postJson, startTestApp, type RunningApp } from './helpers/running-app.js';

const run = promisify(execFile);
const long = (n: number) => 'a'.repeat(n);

/** Requests every surface must refuse: the route (400), the MCP tool (an error), the OpenAPI document (invalid). */
const BAD_ASKS: Record<string, unknown>[] = [
  {},
  { question: '' },
  { question: '   ' },
  { question: 42 },
  { question: long(LIMITS.questionCharacters + 1) },
  { question: 'Qui ?', k: 0 },
  { question: 'Qui ?', k: LIMITS.askPassages + 1 },
  { question: 'Qui ?', k: 1.5 },
  { question: 'Qui ?', history: [{ role: 'system', content: 'x' }] },
  { question: 'Qui ?', history: [{ role: 'user', content: long(LIMITS.turnCharacters + 1) }] },
  { question: 'Qui ?', history: Array.from({ length: LIMITS.historyTurns + 1 }, () => ({ role: 'user', content: 'x' })) },
];
const GOOD_ASKS = [{ question: 'Qui est Janine Korovesis ?' }, { question: 'Quel poste occupe-t-elle ?', history: [{ role: 'user', content: 'Qui est Janine Korovesis ?' }], k: 3 }];
const BAD_SEARCHES: Record<string, unknown>[] = [
  { query: '' },
  { query: ' \n ' },
  { query: long(LIMITS.questionCharacters + 1) },
  { query: 'OpenAI', k: LIMITS.searchPassages + 1 },
  { query: 'OpenAI', sources: [] },
  { query: 'OpenAI', sources: Array.from({ length: LIMITS.sourcesPerFilter + 1 }, (_, i) => `${i}.txt`) },
  { query: 'OpenAI', sources: [long(LIMITS.sourceIdCharacters + 1)] },
  { query: 'OpenAI', from: 'hier' },
];
/** Refused by the route and the tool; a JSON Schema cannot compare two fields, so the document says it in words. */
const BAD_SEARCHES_BEYOND_JSON_SCHEMA = [{ query: 'OpenAI', from: '2024-12-01', to: '2024-01-01' }];
const GOOD_SEARCHES = [{ query: 'OpenAI', k: 3, sources: ['004_81d887d6e74563b3.txt'], from: '2024-01-01', to: '2024-12-31' }];

describe('one schema per contract: the routes, the MCP tools and the OpenAPI document refuse the same requests', () => {
  let app: RunningApp;
  let client: Client;
  let document: any;
  beforeAll(async () => {
    app = await startTestApp();
    client = new Client({ name: 'contract-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${app.url}/mcp`)));
    document = await (await fetch(`${app.url}/openapi.json`)).json();
  });
  afterAll(async () => {
    await client?.close();
    await app?.stop();
  });

  const documentAccepts = (path: string, body: unknown): boolean => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    return ajv.validate(document.paths[path].post.requestBody.content['application/json'].schema, body) as boolean;
  };
  const toolRefuses = async (name: string, args: Record<string, unknown>): Promise<boolean> => {
    try {
      const result = await client.callTool({ name, arguments: args });
      return result.isError === true;
    } catch {
      return true;
    }
  };

  it('POST /ask and the MCP tool `ask`', async () => {
    for (const body of BAD_ASKS) {
      const label = JSON.stringify(body).slice(0, 80);
      expect((await postJson(`${app.url}/ask`, body)).status, label).toBe(400);
      expect(await toolRefuses('ask', body), label).toBe(true);
      expect(documentAccepts('/ask', body), label).toBe(false);
    }
    for (const body of GOOD_ASKS) {
      const label = JSON.stringify(body);
      expect((await postJson(`${app.url}/ask`, body)).status, label).toBe(200);
      expect(await toolRefuses('ask', body), label).toBe(false);
      expect(documentAccepts('/ask', body), label).toBe(true);
    }
  });

  it('POST /search and the MCP tool `search_articles`', async () => {
    for (const body of [...BAD_SEARCHES, ...BAD_SEARCHES_BEYOND_JSON_SCHEMA]) {
      const label = JSON.stringify(body).slice(0, 80);
      expect((await postJson(`${app.url}/search`, body)).status, label).toBe(400);
      expect(await toolRefuses('search_articles', body), label).toBe(true);
    }
    for (const body of BAD_SEARCHES) expect(documentAccepts('/search', body), JSON.stringify(body).slice(0, 80)).toBe(false);
    expect(document.paths['/search'].post.requestBody.content['application/json'].schema.properties.from).toBeDefined();
    for (const body of GOOD_SEARCHES) {
      expect((await postJson(`${app.url}/search`, body)).status).toBe(200);
      expect(await toolRefuses('search_articles', body)).toBe(false);
      expect(documentAccepts('/search', body)).toBe(true);
    }
  });

  it('types the responses: a real /ask and /search answer validate against the document', async () => {
    const ajv = new Ajv2020({ strict: false });
    const asked = await postJson(`${app.url}/ask`, GOOD_ASKS[0]);
    expect(ajv.validate(document.paths['/ask'].post.responses['200'].content['application/json'].schema, asked.body), JSON.stringify(ajv.errors)).toBe(true);
    const refused = await postJson(`${app.url}/ask`, { question: 'Qui a remporté la Coupe du monde 2022 ?' });
    expect(ajv.validate(document.paths['/ask'].post.responses['200'].content['application/json'].schema, refused.body), JSON.stringify(ajv.errors)).toBe(true);
    const found = await postJson(`${app.url}/search`, GOOD_SEARCHES[0]);
    expect(ajv.validate(document.paths['/search'].post.responses['200'].content['application/json'].schema, found.body), JSON.stringify(ajv.errors)).toBe(true);
    const rejected = await postJson(`${app.url}/ask`, {});
    expect(ajv.validate(document.paths['/ask'].post.responses['400'].content['application/json'].schema, rejected.body), JSON.stringify(ajv.errors)).toBe(true);
    expect(document.servers).toEqual([{ url: app.url, description: 'this server' }]);
    expect(document.security).toEqual([]);
  });
});

describe("the OpenAPI document passes Redocly's recommended rules", () => {
  for (const keys of [false, true]) {
    it(keys ? 'with API_KEYS set: every route but /health asks for a key' : 'without API keys', async () => {
      const app = await startTestApp(keys ? { API_KEYS: 'sk-contract-test-0123456789' } : {});
      const dir = await mkdtemp(path.join(tmpdir(), 'openapi-'));
      try {
        const document = await (await fetch(`${app.url}/openapi.json`, { headers: keys ? { authorization: 'Bearer sk-contract-test-0123456789' } : {} })).json();
        if (keys) {
          expect(document.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
          expect(document.paths['/health'].get.security).toEqual([]);
        }
        const file = path.join(dir, 'openapi.json');
        await writeFile(file, JSON.stringify(document));
        const redocly = path.join(REPO_ROOT, 'node_modules', '.bin', 'redocly');
        const result = await run(redocly, ['lint', file, '--format', 'stylish'], { cwd: dir, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } }).then(
          (done) => ({ code: 0, output: done.stdout + done.stderr }),
          (failed: { code: number; stdout: string; stderr: string }) => ({ code: failed.code, output: failed.stdout + failed.stderr }),
        );
        expect(result.output).not.toMatch(/error/iu);
        expect(result.code, result.output).toBe(0);
      } finally {
        await rm(dir, { recursive: true, force: true });
        await app.stop();
      }
    });
  }
});
