import { escapeHtml } from './escape-html.js';
import { z } from 'zod';
import { chatRequestSchema } from './routes/openai-compatible.js';
import { askRequestSchema, feedbackRequestSchema, searchRequestSchema } from './schemas.js';

/** A request body's JSON Schema, from the zod schema that validates it: the document cannot drift from the code. */
function bodySchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _draft, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const json = (schema: Record<string, unknown>) => ({ required: true, content: { 'application/json': { schema } } });
const error = { description: 'The request is not valid: `{"error": {"code", "message"}}` says which field and why.' };

interface Operation {
  summary: string;
  description: string;
  requestBody?: ReturnType<typeof json>;
  parameters?: Record<string, unknown>[];
  responses: Record<string, { description: string }>;
}

/** The OpenAPI 3.1 document of the HTTP API, served at /openapi.json and read by /docs. */
export function openApiDocument(): { openapi: string; info: Record<string, string>; paths: Record<string, Record<string, Operation>> } {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Questions sur les articles — French news QA',
      version: '0.1.0',
      description: 'Answers grounded in a French news corpus, every claim cited to its passage; search, articles, an OpenAI-compatible API and MCP.',
    },
    paths: {
      '/ask': {
        post: {
          summary: 'Answer a question with numbered citations',
          description: 'The answer with [n] markers, its citations (exact passages and offsets), unsupported sentences, conflicts, or an abstention with the closest passages. `stream: true` sends server-sent events.',
          requestBody: json(bodySchema(askRequestSchema)),
          responses: { '200': { description: 'The answer, or the abstention.' }, '400': error, '415': error },
        },
      },
      '/search': {
        post: {
          summary: 'Search passages, with filters',
          description: 'Passages with source, title, date, author, url, excerpt and offsets, the fused score beside the raw BM25 and cosine scores.',
          requestBody: json(bodySchema(searchRequestSchema)),
          responses: { '200': { description: '{"results": [...], "mode", "timings"}' }, '400': error, '415': error },
        },
      },
      '/feedback': { post: { summary: 'Say what you think of an answer', description: 'A 👍 (up) or 👎 (down) on one answer, with its question, answer and citations and an optional comment; appended to feedback.jsonl in INDEX_DIR (npm run feedback summarises it).', requestBody: json(bodySchema(feedbackRequestSchema)), responses: { '201': { description: '{"stored": true}' }, '400': error } } },
      '/examples': { get: { summary: 'Questions to start from', description: 'Up to three questions made from the corpus (people it introduces, pages titled with what they teach to do) that the extractive answerer answers from it.', responses: { '200': { description: '{"questions": [...]}' } } } },
      '/sources': { get: { summary: 'List the articles', description: 'The indexed articles with their metadata and passage counts.', responses: { '200': { description: '{"sources": [...]}' } } } },
      '/sources/{source}': {
        get: {
          summary: 'Read one article',
          description: 'One article as indexed (JSON), or a page to read (Accept: text/html) with `highlight=start-end` marked.',
          parameters: [
            { name: 'source', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'highlight', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d+-\\d+$' } },
          ],
          responses: { '200': { description: 'The article.' }, '400': error, '404': { description: 'No indexed article has this id.' } },
        },
      },
      '/v1/models': { get: { summary: 'OpenAI-compatible: list the models', description: '`french-news-qa` and `default`.', responses: { '200': { description: 'An OpenAI model list.' } } } },
      '/v1/chat/completions': {
        post: {
          summary: 'OpenAI-compatible chat completions',
          description: 'The last user message is the question; the answer keeps its [n] markers and ends with a sources list; `citations` ride along in an extra field (and in the final chunk when streaming).',
          requestBody: json(bodySchema(chatRequestSchema)),
          responses: { '200': { description: 'A chat completion, or server-sent chunks.' }, '400': error, '404': { description: 'Unknown model.' } },
        },
      },
      '/mcp': { post: { summary: 'MCP over Streamable HTTP', description: 'Tools search_articles, ask, get_article; articles as article:// resources (stateless).', responses: { '200': { description: 'JSON-RPC.' } } } },
      '/health': { get: { summary: 'Status', description: 'Retrieval mode, model, answerer, what is indexed and what was skipped.', responses: { '200': { description: 'The status.' } } } },
    },
  };
}

/** /docs: the document as a page to read, from local files only (no CDN). */
export function apiDocsPage(document: ReturnType<typeof openApiDocument>): string {
  const sections = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const schema = operation.requestBody?.content['application/json'].schema;
      return (
        `<section><h2><code>${method.toUpperCase()} ${escapeHtml(path)}</code> — ${escapeHtml(operation.summary)}</h2><p>${escapeHtml(operation.description)}</p>` +
        (schema ? `<h3>Request body</h3><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre>` : '') +
        `<p>Responses: ${Object.entries(operation.responses).map(([status, response]) => `<b>${status}</b> ${escapeHtml(response.description)}`).join(' · ')}</p></section>`
      );
    }),
  );
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(document.info.title ?? 'API')}</title><link rel="stylesheet" href="/style.css"></head>` +
    `<body><main><h1>${escapeHtml(document.info.title ?? 'API')}</h1><p>${escapeHtml(document.info.description ?? '')} The machine-readable document: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>${sections.join('')}</main></body></html>`
  );
}
