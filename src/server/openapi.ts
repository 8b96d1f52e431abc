import { z } from 'zod';
import {
  articleResponseSchema,
  askRequestSchema,
  askResponseSchema,
  chatCompletionResponseSchema,
  chatRequestSchema,
  errorResponseSchema,
  examplesResponseSchema,
  feedbackRequestSchema,
  feedbackResponseSchema,
  healthResponseSchema,
  modelsResponseSchema,
  openAiErrorSchema,
  searchRequestSchema,
  searchResponseSchema,
  sourcesResponseSchema,
} from '../contracts/index.js';
import { escapeHtml } from './escape-html.js';

/** A JSON Schema from the zod schema that validates the body or makes the response: the document cannot drift from the code. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _draft, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

type Response = { description: string; content?: Record<string, { schema: Record<string, unknown> }> };

const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: jsonSchema(schema, 'input') } } });
const returns = (description: string, schema: z.ZodType, type = 'application/json'): Response => ({ description, content: { [type]: { schema: jsonSchema(schema, 'output') } } });
const error = (description: string): Response => returns(description, errorResponseSchema);
const invalid = error('The request is not valid: the message says which field and why.');
const tooMany = error('Too many questions at once (Retry-After says when to ask again) or in a minute from this client.');
const unauthorized = error('API_KEYS is set and the request carries no valid key.');
const stopping = error('The server is stopping: ask again after Retry-After, another instance may answer.');
/** A response that may also come as another media type (server-sent events, a page). */
const alsoAs = (response: Response, content: Record<string, { schema: Record<string, unknown> }>): Response => ({ ...response, content: { ...response.content, ...content } });
/** With `stream: true`: server-sent events. */
const streamed = { 'text/event-stream': { schema: { type: 'string' } } };

interface Operation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  requestBody?: ReturnType<typeof body>;
  parameters?: Record<string, unknown>[];
  responses: Record<string, Response>;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, unknown>;
  security?: Record<string, string[]>[];
}

/**
 * The OpenAPI 3.1 document of the HTTP API, served at /openapi.json and read by /docs: request and
 * response bodies from the contracts' schemas; `servers` is where it is served; with API keys
 * (API_KEYS), every route but /health and the page asks for one, as a bearer token or X-API-Key.
 */
export function openApiDocument(serverUrl: string, keysRequired: boolean): OpenApiDocument {
  const open = keysRequired ? { security: [] } : {};
  const document: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: 'Questions sur les articles — French news QA',
      version: '0.1.0',
      description: 'Answers grounded in a French news corpus, every claim cited to its passage; search, articles, an OpenAI-compatible API and MCP.',
      license: { name: 'Proprietary: see the project README', identifier: 'LicenseRef-Project' },
    },
    servers: [{ url: serverUrl, description: 'this server' }],
    tags: [
      { name: 'answers', description: 'Questions answered with citations, and passages found.' },
      { name: 'articles', description: 'The indexed articles.' },
      { name: 'openai', description: 'The OpenAI-compatible API, for chat clients.' },
      { name: 'service', description: 'Status, feedback and the MCP endpoint.' },
    ],
    paths: {
      '/ask': {
        post: {
          operationId: 'ask',
          tags: ['answers'],
          summary: 'Answer a question with numbered citations',
          description: 'The answer with [n] markers, its citations (exact passages and offsets), unsupported sentences, conflicts, or an abstention with the closest passages. `stream: true` sends server-sent events: citations, delta…, done (this response body).',
          requestBody: body(askRequestSchema),
          responses: { '200': alsoAs(returns('The answer, or the abstention.', askResponseSchema), streamed), '400': invalid, '401': unauthorized, '415': invalid, '429': tooMany },
        },
      },
      '/search': {
        post: {
          operationId: 'search',
          tags: ['answers'],
          summary: 'Search passages, with filters',
          description: 'Passages with source, title, date, author, url, excerpt and offsets, the fused score beside the raw BM25 and cosine scores.',
          requestBody: body(searchRequestSchema),
          responses: { '200': returns('The passages, best first.', searchResponseSchema), '400': invalid, '401': unauthorized, '415': invalid, '429': tooMany },
        },
      },
      '/feedback': {
        post: {
          operationId: 'giveFeedback',
          tags: ['service'],
          summary: 'Say what you think of an answer',
          description: 'A 👍 (up) or 👎 (down) on one answer, with its question, answer and citations and an optional comment; appended to feedback.jsonl in INDEX_DIR (npm run feedback summarises it).',
          requestBody: body(feedbackRequestSchema),
          responses: { '201': returns('Stored.', feedbackResponseSchema), '400': invalid, '401': unauthorized, '507': error('The feedback file is full.') },
        },
      },
      '/examples': {
        get: {
          operationId: 'listExamples',
          tags: ['answers'],
          summary: 'Questions to start from',
          description: 'Up to three questions made from the corpus (people it introduces, pages titled with what they teach to do) that the extractive answerer answers from it.',
          responses: { '200': returns('The questions.', examplesResponseSchema), '401': unauthorized },
        },
      },
      '/sources': {
        get: { operationId: 'listSources', tags: ['articles'], summary: 'List the articles', description: 'The indexed articles with their metadata and passage counts.', responses: { '200': returns('The articles.', sourcesResponseSchema), '401': unauthorized } },
      },
      '/sources/{source}': {
        get: {
          operationId: 'getSource',
          tags: ['articles'],
          summary: 'Read one article',
          description: 'One article as indexed (JSON), or a page to read (Accept: text/html) with `highlight=start-end` marked.',
          parameters: [
            { name: 'source', in: 'path', required: true, description: 'The article id (as citations and GET /sources give it).', schema: { type: 'string' } },
            { name: 'highlight', in: 'query', required: false, description: 'A cited span, start-end, to mark.', schema: { type: 'string', pattern: '^\\d+-\\d+$' } },
          ],
          responses: { '200': alsoAs(returns('The article.', articleResponseSchema), { 'text/html': { schema: { type: 'string' } } }), '400': invalid, '401': unauthorized, '404': error('No indexed article has this id.') },
        },
      },
      '/v1/models': {
        get: { operationId: 'listModels', tags: ['openai'], summary: 'OpenAI-compatible: list the models', description: '`french-news-qa` and `default`.', responses: { '200': returns('An OpenAI model list.', modelsResponseSchema), '401': unauthorized } },
      },
      '/v1/chat/completions': {
        post: {
          operationId: 'createChatCompletion',
          tags: ['openai'],
          summary: 'OpenAI-compatible chat completions',
          description: 'The last user message is the question; the answer keeps its [n] markers and ends with a sources list; `citations` ride along in an extra field (and in the final chunk when streaming, which sends the tokens as they are produced).',
          requestBody: body(chatRequestSchema),
          responses: {
            '200': alsoAs(returns('A chat completion.', chatCompletionResponseSchema), streamed),
            '400': returns('Not a valid request, in OpenAI’s error shape.', openAiErrorSchema),
            '401': unauthorized,
            '404': returns('Unknown model, in OpenAI’s error shape.', openAiErrorSchema),
            '429': tooMany,
          },
        },
      },
      '/mcp': {
        post: {
          operationId: 'mcp',
          tags: ['service'],
          summary: 'MCP over Streamable HTTP',
          description: 'Tools search_articles, ask, get_article (their input schemas are the /search, /ask and article contracts); articles as article:// resources (stateless).',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', description: 'A JSON-RPC 2.0 message.' } } } },
          responses: { '200': { description: 'A JSON-RPC response.', content: { 'application/json': { schema: { type: 'object' } } } }, '400': invalid, '401': unauthorized },
        },
      },
      '/health': {
        get: { operationId: 'health', tags: ['service'], summary: 'Status', description: 'Retrieval mode, model, answerer, what is indexed and skipped, the load.', responses: { '200': returns('The status.', healthResponseSchema), '503': stopping }, ...open },
      },
    },
    components: keysRequired
      ? {
          securitySchemes: {
            bearer: { type: 'http', scheme: 'bearer', description: 'One of API_KEYS, as `Authorization: Bearer <key>`.' },
            apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'One of API_KEYS.' },
          },
        }
      : {},
  };
  // Without keys every operation is open, said as an empty requirement list (Redocly's security-defined rule).
  document.security = keysRequired ? [{ bearer: [] }, { apiKey: [] }] : [];
  return document;
}

/** /docs: the document as a page to read, from local files only (no CDN). */
export function apiDocsPage(document: OpenApiDocument): string {
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
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(String(document.info.title ?? 'API'))}</title><link rel="stylesheet" href="/style.css"></head>` +
    `<body><main class="article-view"><h1>${escapeHtml(String(document.info.title ?? 'API'))}</h1><p>${escapeHtml(String(document.info.description ?? ''))} The machine-readable document: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>${sections.join('')}</main></body></html>`
  );
}
